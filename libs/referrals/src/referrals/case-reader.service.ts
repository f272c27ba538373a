import { Injectable } from '@nestjs/common';
import { recordProcessing, type RequestContext, TenantTransactions } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { BsnCrypto } from '../citizens/bsn-crypto.service';
import type { BottleneckRecord, HandoffRecord, ReferralRecord, TimelineEventRecord } from '../store/records';
import { handoffsStore } from '../store/handoffs.store';
import { referralsStore } from '../store/referrals.store';
import type { ContactChannel } from '../referral.enums';

export interface CitizenView {
  referralId: string;
  bsn: string;
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: ContactChannel | null;
  doNotContact: boolean;
}

export function groupBy<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}

/**
 * The parts of referrals, inside the caller's transaction: one query per kind for all ids,
 * grouped per referral in the order of `referralIds`. Shared by case reads and inzage.
 */
export const caseParts = {
  async handoffs(m: EntityManager, referralIds: readonly string[]): Promise<HandoffRecord[][]> {
    return groupBy(referralIds, await handoffsStore.ofReferrals(m, referralIds), (r) => r.referralId);
  },

  async timeline(m: EntityManager, referralIds: readonly string[]): Promise<TimelineEventRecord[][]> {
    return groupBy(referralIds, await referralsStore.timelineOf(m, referralIds), (r) => r.referralId);
  },

  async bottlenecks(m: EntityManager, referralIds: readonly string[]): Promise<BottleneckRecord[][]> {
    return groupBy(referralIds, await referralsStore.bottlenecksOf(m, referralIds), (r) => r.referralId);
  },
};

/**
 * Batch reads of a referral's parts for the GraphQL field resolvers (one query per kind per
 * request). Row-level security decides what exists; citizen reads are logged as processings.
 */
@Injectable()
export class CaseReader {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly bsnCrypto: BsnCrypto,
  ) {}

  referrals(context: RequestContext, ids: readonly string[]): Promise<Array<ReferralRecord | null>> {
    return this.tx.run(context.actor, async (m) => {
      const rows = await referralsStore.byIds(m, ids);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }

  handoffs(context: RequestContext, referralIds: readonly string[]): Promise<HandoffRecord[][]> {
    return this.tx.run(context.actor, (m) => caseParts.handoffs(m, referralIds));
  }

  timeline(context: RequestContext, referralIds: readonly string[]): Promise<TimelineEventRecord[][]> {
    return this.tx.run(context.actor, (m) => caseParts.timeline(m, referralIds));
  }

  bottlenecks(context: RequestContext, referralIds: readonly string[]): Promise<BottleneckRecord[][]> {
    return this.tx.run(context.actor, (m) => caseParts.bottlenecks(m, referralIds));
  }

  /**
   * The citizens of these referrals, decrypted, each read logged in the processing log. When a
   * citizen is flagged doNotContact, only the referring organisation sees the contact details.
   * An anonymised citizen (retention, ADR 0011) has nothing left to show or log: null.
   */
  citizens(context: RequestContext, referralIds: readonly string[]): Promise<Array<CitizenView | null>> {
    return this.tx.run(context.actor, async (m) => {
      const rows = await referralsStore.citizens(m, referralIds);
      await recordProcessing(m, context, rows.map((c) => ({ activity: 'citizen.read', subjectPseudonym: c.subjectPseudonym, referralId: c.referralId })));
      const map = new Map(rows.map((c) => [c.referralId, c]));
      return referralIds.map((id) => {
        const c = map.get(id);
        if (!c) return null;
        const hideContact = c.doNotContact && c.originOrganisationId !== context.actor.organisationId;
        return {
          referralId: c.referralId,
          bsn: this.bsnCrypto.decrypt(c.bsnEncrypted),
          name: c.name,
          phone: hideContact ? null : c.phone,
          email: hideContact ? null : c.email,
          preferredChannel: hideContact ? 'VIA_VERWIJZER' : c.preferredChannel,
          doNotContact: c.doNotContact,
        };
      });
    });
  }
}
