import type { DefaultJobOptions } from 'bullmq';

/** Every BullMQ queue of Schakel; nothing else names a queue. */
export enum QueueName {
  System = 'system',
}

/** Job names and their payloads per queue. Payloads carry ids only, never personal data. */
export interface JobPayloads {
  [QueueName.System]: {
    heartbeat: { scheduledBy: 'worker' };
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

/**
 * Defaults for every job: retried with exponential backoff, completed jobs kept a day for
 * inspection, failed jobs kept (a week) so they can be looked at and retried from the dashboard.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
