// Reports (issue 12): the public surface of the lib.
export { REPORTING_MIGRATIONS } from './migrations';
export { ReportingModule } from './reporting.module';
export { ReportingApiModule } from './reporting-api.module';
export { ReportingJobsModule } from './reporting-jobs.module';
export { ReportRefresher, refreshOrganisation, REFRESH_MARGIN_DAYS } from './refresh/report-refresher';
export { REPORTING_QUEUE, REPORT_REFRESH_SCHEDULER, REPORT_REFRESH_EVERY_MS, ReportRefreshSchedule } from './jobs/report-refresh-jobs';
export { seedDemoHistory, type DemoHistoryResult } from './demo/demo-history';
export { scrub, findPersonalData, PERSONAL_DATA_KINDS, type PersonalDataKind } from './privacy/scrubber';
export * from './reporting.enums';
