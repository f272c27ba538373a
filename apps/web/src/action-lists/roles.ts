import type { EmployeeRole } from '../api/generated';

// Who does what with action lists, as the API allows it (libs/action-lists/src/access.ts).

/** See the lists their organisation is a party to. */
export const ACTION_LIST_ROLES: readonly EmployeeRole[] = ['SECRETARIS', 'BELEID'];
/** Draft, open for signing and amend (for the owner organisation). */
export const DRAFT_ROLES: readonly EmployeeRole[] = ['SECRETARIS', 'BELEID'];
/** Sign or decline, and keep signing keys. */
export const SIGN_ROLES: readonly EmployeeRole[] = ['SECRETARIS'];
/** Update an item's status after FINAL (for the item's owner). */
export const ITEM_ROLES: readonly EmployeeRole[] = ['SECRETARIS', 'BELEID', 'COORDINATOR'];
