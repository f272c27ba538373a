/** Value lists shared by the SQL enums (migration 1764489600000) and the GraphQL enums. */
export const VERSION_STATUSES = ['DRAFT', 'OPEN_FOR_SIGNING', 'FINAL', 'DECLINED', 'SUPERSEDED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const ITEM_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const SIGNATURE_INTENTS = ['APPROVE', 'DECLINE'] as const;

/** A key's standing at the moment a statement says it was signed. */
export const KEY_STATUSES = ['VALID', 'NOT_YET_VALID', 'REVOKED', 'UNKNOWN'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];
