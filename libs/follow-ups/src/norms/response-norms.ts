import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, runInTenant } from '@schakel/platform';
import { DataSource } from 'typeorm';
import { addWorkingDays, type WorkingDayRules } from '../working-days/working-days';

export type NormUnit = 'WORKING_DAYS' | 'HOURS' | 'SECONDS';

const NORM_CACHE_MS = 30_000;

export interface ResponseNorm {
  acceptAmount: number;
  acceptUnit: NormUnit;
  contactAmount: number;
  contactUnit: NormUnit;
  source: string;
}

export interface NormQuery {
  receiverOrganisationId: string;
  topic: string;
  urgency: string;
}

/**
 * Where response norms come from. One replaceable service: today the response_norms table,
 * later the agreements of signed action lists.
 */
export abstract class ResponseNormProvider {
  abstract normFor(query: NormQuery): Promise<ResponseNorm>;
}

/**
 * The most specific row of response_norms wins. Urgency counts first (an ACUUT referral keeps its
 * hours even where an organisation set its own days), then organisation, then topic.
 */
@Injectable()
export class TableResponseNorms extends ResponseNormProvider {
  /** Norms change rarely; each event needs one. Kept briefly per (organisation, topic, urgency). */
  private readonly recent = new Map<string, { at: number; norm: ResponseNorm }>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async normFor(query: NormQuery): Promise<ResponseNorm> {
    const key = `${query.receiverOrganisationId}|${query.topic}|${query.urgency}`;
    const hit = this.recent.get(key);
    if (hit && hit.at > Date.now() - NORM_CACHE_MS) return hit.norm;
    const norm = await this.lookUp(query);
    if (this.recent.size > 10_000) this.recent.clear();
    this.recent.set(key, { at: Date.now(), norm });
    return norm;
  }

  private async lookUp(query: NormQuery): Promise<ResponseNorm> {
    const rows: ResponseNorm[] = await runInTenant(this.dataSource, { organisationId: query.receiverOrganisationId }, (m) =>
      m.query(
        `SELECT accept_amount AS "acceptAmount", accept_unit AS "acceptUnit", contact_amount AS "contactAmount",
                contact_unit AS "contactUnit", source
           FROM response_norms
          WHERE (organisation_id = $1 OR organisation_id IS NULL)
            AND (topic::text = $2 OR topic IS NULL)
            AND (urgency::text = $3 OR urgency IS NULL)
          ORDER BY (urgency IS NOT NULL) DESC, (organisation_id IS NOT NULL) DESC, (topic IS NOT NULL) DESC
          LIMIT 1`,
        [query.receiverOrganisationId, query.topic, query.urgency],
      ),
    );
    if (!rows[0]) throw new Error('No response norm configured (the defaults in response_norms are missing)');
    return rows[0];
  }
}

/** Turns a norm into a moment: working days on the Dutch calendar, or plain hours/seconds. */
@Injectable()
export class DeadlineCalculator {
  readonly rules: WorkingDayRules;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.rules = { goodFridayIsHoliday: config.WORKING_DAYS_GOOD_FRIDAY };
  }

  dueAt(start: Date, amount: number, unit: NormUnit): Date {
    switch (unit) {
      case 'WORKING_DAYS':
        return addWorkingDays(start, amount, this.rules);
      case 'HOURS':
        return new Date(start.getTime() + amount * 3_600_000);
      case 'SECONDS':
        return new Date(start.getTime() + amount * 1000);
    }
  }

  /** One working day later: the next escalation. */
  nextWorkingDay(from: Date): Date {
    return addWorkingDays(from, 1, this.rules);
  }
}
