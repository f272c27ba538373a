import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, type RequestContext, TenantTransactions } from '@schakel/platform';
import { referralsStore } from '@schakel/referrals';
import { type LiveHandoffRequestType, type LiveHandoffType, liveHandoffType } from './graphql/live-handoff.types';
import { LIVE_HANDOFF_NOT_FOUND, LiveHandoffsService } from './live-handoffs.service';
import type { LiveHandoffRecord } from './store/live-handoffs.store';

/** Turns live requests into what the screens show: organisation names, topic and urgency of the referral (read in the caller's tenant). */
@Injectable()
export class LiveViews {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly service: LiveHandoffsService,
  ) {}

  async of(context: RequestContext, rows: readonly LiveHandoffRecord[]): Promise<LiveHandoffType[]> {
    if (rows.length === 0) return [];
    const referrals = await this.tx.run(context.actor, (m) => referralsStore.byIds(m, [...new Set(rows.map((r) => r.referralId))]));
    const byId = new Map(referrals.map((r) => [r.id, r]));
    const names = new Map((await this.organisations.findByIds([...new Set(rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]))])).map((o) => [o.id, o.name]));
    const views: LiveHandoffType[] = [];
    for (const live of rows) {
      const referral = byId.get(live.referralId);
      if (!referral) throw AppError.notFound(LIVE_HANDOFF_NOT_FOUND);
      views.push(
        liveHandoffType({
          live,
          fromOrganisationName: names.get(live.fromOrganisationId) ?? '',
          toOrganisationName: names.get(live.toOrganisationId) ?? '',
          topic: referral.topic,
          urgency: referral.urgency,
          pickedUpByName: await this.service.pickedUpByName(live),
        }),
      );
    }
    return views;
  }

  /** The event of a new request for an on-duty receiver, read again in that person's tenant. */
  async request(context: RequestContext, id: string): Promise<LiveHandoffRequestType> {
    const [view] = await this.of(context, [await this.service.get(context, id)]);
    return {
      liveHandoffId: view.id,
      handoffId: view.handoffId,
      referralId: view.referralId,
      fromOrganisationName: view.fromOrganisationName,
      toOrganisationName: view.toOrganisationName,
      topic: view.topic,
      urgency: view.urgency,
      expiresAt: view.expiresAt,
    };
  }
}
