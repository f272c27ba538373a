// Reports (issue 12): the public surface of the lib.
export { REPORTING_MIGRATIONS } from './migrations';
