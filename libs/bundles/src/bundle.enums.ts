/** Value lists shared by the SQL enums (migration 1764673200000) and the GraphQL enums. */
export const BUNDLE_STATUSES = ['CREATING', 'OPEN', 'CLOSED'] as const;
export type BundleStatus = (typeof BUNDLE_STATUSES)[number];

export const BUNDLE_MEMBER_ROLES = ['AANVRAGER', 'PARTNER', 'KIND', 'HUISGENOOT'] as const;
export type BundleMemberRole = (typeof BUNDLE_MEMBER_ROLES)[number];

export const BUNDLE_ALERT_KINDS = ['RETURNED', 'STALLED'] as const;
export type BundleAlertKind = (typeof BUNDLE_ALERT_KINDS)[number];

/** A part is settled when its latest link is one of these (a FORWARDED link is never the latest). */
export const SETTLED_STATUSES = ['COMPLETED', 'RETURNED', 'CANCELLED'] as const;

/** Input limits (equal to the CHECK constraints where there is one). */
export const BUNDLE_LIMITS = { idempotencyKey: 180, members: 10, parts: 20, consentsPerMember: 20 } as const;
