// Household bundles (multiproblematiek): several handoffs for one household at once, consent per member and organisation, one organisation with regie (issue 13): the public surface of the lib.
export * from './bundles.module';
export * from './bundles-api.module';
export * from './bundles-jobs.module';
export { BUNDLE_MEMBER_ROLES, BUNDLE_STATUSES, type BundleMemberRole, type BundleStatus } from './bundle.enums';
export { BundlesService, partIdempotencyKey } from './bundles.service';
export { BundleAlerts, alertNotification } from './alerts/bundle-alerts.service';
