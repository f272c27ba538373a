// Live warm handoffs: on-duty behandelaars, a live request picked up by the first, the fallback to the ACUUT norm (issue 13): the public surface of the lib.
export * from './live-handoffs.module';
export * from './live-handoffs-api.module';
export * from './live-handoffs-jobs.module';
export { LIVE_HANDOFF_STATUSES, type LiveHandoffStatus } from './live-handoff.enums';
export { LiveHandoffsSweep, liveSweepLeaseKey } from './jobs/live-handoffs-sweep';
export { LiveFollowUp } from './jobs/live-follow-up';
export { liveHandoffChannel, type LiveHandoffMessage } from './live-events';
export { liveReceivedFigures, type LiveReceivedFigures } from './store/live-report.store';
