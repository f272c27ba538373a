import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { TenantTransactions } from '@schakel/platform';
import { responseTimes } from '@schakel/referrals';
import { STATS_WINDOW_DAYS } from '../door.model';
import { replaceStats } from '../store/doors.store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Computes the sociale kaart's measured speed: per receiving organisation and topic, the handoffs
 * it accepted in the last 90 days and the median and 90th percentile of the calendar minutes from
 * requested to accepted (docs/sociale-kaart.md). Each organisation in its own tenant transaction:
 * the read goes through the referrals lib's narrow responseTimes query under row-level security,
 * and that organisation's rows are replaced at once, so a pass is idempotent.
 */
@Injectable()
export class DoorStatsService {
  constructor(
    private readonly tenants: TenantTransactions,
    private readonly organisations: OrganisationsService,
  ) {}

  /** One pass over every active organisation; answers how many organisations were computed. Public for tests. */
  async computeAll(now = new Date(), shouldStop: () => boolean = () => false): Promise<number> {
    let computed = 0;
    for (const organisation of await this.organisations.list({ activeOnly: true })) {
      if (shouldStop()) break;
      await this.computeFor(organisation.id, now);
      computed += 1;
    }
    return computed;
  }

  async computeFor(organisationId: string, now = new Date()): Promise<void> {
    const since = new Date(now.getTime() - STATS_WINDOW_DAYS * DAY_MS);
    await this.tenants.run({ organisationId }, async (m) => {
      const rows = await responseTimes.acceptedSince(m, organisationId, since);
      await replaceStats(m, organisationId, rows, now);
    });
  }
}
