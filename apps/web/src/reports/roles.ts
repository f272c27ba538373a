import type { EmployeeRole } from '../api/generated';

// Who does what with reports, as the API allows it (libs/reporting/src/access.ts).

/** Read both reports, the year report and the agenda; write and answer voorstellen. */
export const REPORT_ROLES: readonly EmployeeRole[] = ['BELEID', 'SECRETARIS'];
/** Write a leerverhaal from a handled case's maatwerk. */
export const STORY_WRITE_ROLES: readonly EmployeeRole[] = ['BEHANDELAAR', 'COORDINATOR'];
/** Review another's leerverhaal. */
export const STORY_REVIEW_ROLES: readonly EmployeeRole[] = ['COORDINATOR'];
