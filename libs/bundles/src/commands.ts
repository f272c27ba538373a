import type { ConsentMethod, ReferralTopic, Urgency, ReferralsService } from '@schakel/referrals';
import type { BundleMemberRole, BundleStatus } from './bundle.enums';

/** The citizen of a member, as createReferral takes it. */
export type MemberCitizen = Parameters<ReferralsService['create']>[1]['citizen'];

export interface CreateBundleCommand {
  members: Array<{
    /** The intake's own name for the member, to tie parts to it (not stored). */
    key: string;
    role: BundleMemberRole;
    citizen: MemberCitizen;
    consents: Array<{ organisationId: string; method: ConsentMethod }>;
  }>;
  parts: Array<{ memberKey: string; toOrganisationId: string; topic: ReferralTopic; summary: string; urgency?: Urgency | null }>;
  coordinatingOrganisationId: string;
  idempotencyKey: string;
}

export interface BundleFilter {
  status?: BundleStatus | null;
  first?: number | null;
}
