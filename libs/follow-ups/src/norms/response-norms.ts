import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@schakel/platform';
import { AGREEMENT_NORM_FUNCTION, URGENCIES_OUTSIDE_AGREEMENTS } from '@schakel/action-lists';
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
  /** null: the organisation's norm for any topic (rows without a topic only). */
  topic: string | null;
  urgency: string;
}

/**
 * Where response norms come from. One replaceable service: the agreements of signed (FINAL)
 * action lists first, then the response_norms table.
 */
export abstract class ResponseNormProvider {
  abstract normFor(query: NormQuery): Promise<ResponseNorm>;

  /** Many at once, in the order asked (e.g. one per organisation of a list). */
  normsFor(queries: readonly NormQuery[]): Promise<ResponseNorm[]> {
    return Promise.all(queries.map((q) => this.normFor(q)));
  }
}

/**
 * An agreement of a FINAL action list wins (its source names it: `actielijst:<listId>:v<n>`),
 * except for an ACUUT referral, which keeps the platform's hours. Otherwise the most specific row
 * of response_norms wins: urgency first (an ACUUT referral keeps its hours even where an
 * organisation set its own days), then organisation, then topic.
 *
 * Cache: 30 s per process (NORM_CACHE_MS). A newly FINAL version therefore applies to handoffs
 * requested at most 30 s later; a handoff's deadline is fixed when it is requested, so a stale
 * norm never changes an existing deadline. (docs/signing.md, "Agreements as norms")
 */
@Injectable()
export class TableResponseNorms extends ResponseNormProvider {
  /** Norms change rarely; each event needs one. Kept briefly per (organisation, topic, urgency). */
  private readonly recent = new Map<string, { at: number; norm: ResponseNorm }>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async normFor(query: NormQuery): Promise<ResponseNorm> {
    const [norm] = await this.normsFor([query]);
    return norm;
  }

  /** Served from the short cache where possible; the rest in one statement, however many. */
  override async normsFor(queries: readonly NormQuery[]): Promise<ResponseNorm[]> {
    const now = Date.now();
    const keyOf = (q: NormQuery) => `${q.receiverOrganisationId}|${q.topic ?? ''}|${q.urgency}`;
    const known = new Map<string, ResponseNorm>();
    const missing = new Map<string, NormQuery>();
    for (const q of queries) {
      const hit = this.recent.get(keyOf(q));
      if (hit && hit.at > now - NORM_CACHE_MS) known.set(keyOf(q), hit.norm);
      else missing.set(keyOf(q), q);
    }
    if (missing.size > 0) {
      const found = await this.lookUp([...missing.values()]);
      if (this.recent.size > 10_000) this.recent.clear();
      [...missing.keys()].forEach((key, i) => {
        known.set(key, found[i]);
        this.recent.set(key, { at: now, norm: found[i] });
      });
    }
    return queries.map((q) => known.get(keyOf(q)) as ResponseNorm);
  }

  /**
   * response_norms holds no case data and has no row-level security: no tenant needed. The
   * agreement function reads past row-level security itself and answers numbers and a source
   * only. One statement for any number of queries.
   */
  private async lookUp(queries: NormQuery[]): Promise<ResponseNorm[]> {
    const rows: Array<ResponseNorm & { position: number }> = await this.dataSource.query(
      `SELECT q.position::int AS position,
              CASE WHEN a.source IS NULL THEN n.accept_amount ELSE a.accept_working_days END AS "acceptAmount",
              CASE WHEN a.source IS NULL THEN n.accept_unit::text ELSE 'WORKING_DAYS' END AS "acceptUnit",
              CASE WHEN a.source IS NULL THEN n.contact_amount ELSE a.contact_working_days END AS "contactAmount",
              CASE WHEN a.source IS NULL THEN n.contact_unit::text ELSE 'WORKING_DAYS' END AS "contactUnit",
              COALESCE(a.source, n.source) AS source
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS q(organisation_id, topic, urgency, position)
         LEFT JOIN LATERAL ${AGREEMENT_NORM_FUNCTION}(q.organisation_id, q.topic) a ON NOT (q.urgency = ANY($4::text[]))
         CROSS JOIN LATERAL (
           SELECT rn.* FROM response_norms rn
            WHERE (rn.organisation_id = q.organisation_id OR rn.organisation_id IS NULL)
              AND (rn.topic::text = q.topic OR rn.topic IS NULL)
              AND (rn.urgency::text = q.urgency OR rn.urgency IS NULL)
            ORDER BY (rn.urgency IS NOT NULL) DESC, (rn.organisation_id IS NOT NULL) DESC, (rn.topic IS NOT NULL) DESC
            LIMIT 1) n`,
      [queries.map((q) => q.receiverOrganisationId), queries.map((q) => q.topic), queries.map((q) => q.urgency), [...URGENCIES_OUTSIDE_AGREEMENTS]],
    );
    const byPosition = new Map(rows.map(({ position, ...norm }) => [position, norm]));
    return queries.map((_q, i) => {
      const norm = byPosition.get(i + 1);
      if (!norm) throw new Error('No response norm configured (the defaults in response_norms are missing)');
      return norm;
    });
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
