// The public surface of the referrals lib: what other libs, the apps and the end-to-end suites
// use. Everything else (services' helpers, row parsers, GraphQL inputs) stays inside.
export * from './referral.enums';
export type { BottleneckRecord, CitizenRecord, ConsentRecord, HandoffRecord, ReferralRecord, TimelineEventRecord } from './store/records';
export * from './events/case-events';
export { TEXT_LIMITS, HANDOFF_PAGE } from './limits';
export { TRANSITIONS, nextStatus, availableActions, openStep, statusesWithOpenStep, referralStatusFor, CASE_ROLES, SENDER_ROLES, RECEIVER_ROLES, TERMINAL_STATUSES } from './handoffs/handoff-state-machine';
export { handoffsStore, HANDOFF_STATUS_CODE, type HandoffClock, type HandoffNoticeFacts } from './store/handoffs.store';
export { referralsStore, type ReferralEventType } from './store/referrals.store';
export { referralRetention, requireNotAnonymised, type DueReferral, type RetentionPolicy } from './store/retention.store';
export { BsnCrypto } from './citizens/bsn-crypto.service';
export { countRowsToRotate, rotateCitizenKeys } from './citizens/key-rotation';
export { HandoffsService } from './handoffs/handoffs.service';
export { ReferralsService } from './referrals/referrals.service';
export { CaseReader } from './referrals/case-reader.service';
export { ReferralsModule } from './referrals.module';
export { ReferralsApiModule } from './referrals-api.module';
export { HandoffType, PageInfoType } from './graphql/referral.types';
export { BottleneckCategoryEnum, HandoffDirectionEnum, ReferralTopicEnum, UrgencyEnum } from './graphql/enums.graphql';
// For household bundles (libs/bundles): a bundle's members are entered like a referral's citizen, its parts show the referral's state, and Referral.bundleId is resolved there.
export { ConsentMethodEnum, HandoffStatusEnum } from './graphql/enums.graphql';
export { CitizenInput } from './graphql/referral.inputs';
export { ReferralType } from './graphql/referral.types';
export { requireBsn } from './citizens/bsn';
export { demoHistory, type DemoCase, type DemoLink } from './store/demo-history.store';
export { reportQueries, REPORT_COUNTERS, DURATION_METRICS, type ReportCounter, type MonthTopicCounts, type DurationBucket, type DurationMetric, type BottleneckSource, type MaatwerkSource, type CalendarParam } from './store/report-queries.store';
export { responseTimes, type AcceptedResponseTimes } from './store/response-times.store';
