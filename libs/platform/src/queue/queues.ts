import type { DefaultJobOptions, WorkerOptions } from 'bullmq';
import { loadConfig } from '../config/load-config';

/** Every BullMQ queue of Schakel; nothing else names a queue. */
export enum QueueName {
  System = 'system',
  /** Outbox events and the deadline checks they schedule. */
  FollowUps = 'follow-ups',
  /** Partner webhook deliveries. */
  Webhooks = 'webhooks',
  /** Action-list reminders (unsigned parties, items due or overdue). */
  ActionLists = 'action-lists',
}

/** A relayed outbox row: the event's ids (never personal data) plus where it came from. */
export interface RelayedEvent {
  outboxId: string;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  occurredAt: string;
  payload: Record<string, string | number | boolean | null | string[]>;
}

export type DeadlineStep = 'ACCEPT' | 'CONTACT';

/** Job names and their payloads per queue. Payloads carry ids only, never personal data. */
export interface JobPayloads {
  [QueueName.System]: {
    heartbeat: { scheduledBy: 'worker' };
    'outbox.cleanup': { retentionDays: number };
    /** Anonymises closed referrals past their retention (ADR 0011); reads its settings from config. */
    'retention.anonymise': { scheduledBy: 'worker' };
  };
  [QueueName.FollowUps]: {
    event: RelayedEvent;
    'deadline.check': { handoffId: string; organisationId: string; step: DeadlineStep; level: number };
    'deadline.remind': { handoffId: string; organisationId: string };
  };
  [QueueName.Webhooks]: {
    /** round: the delivery's `retries` when queued; a job of an earlier round is stale (absent in old jobs). */
    deliver: { deliveryId: string; organisationId: string; round?: number };
  };
  [QueueName.ActionLists]: {
    /** One reminder to one organisation; ids only. itemId is '' for SIGN. */
    remind: { kind: 'SIGN' | 'ITEM_DUE' | 'ITEM_OVERDUE'; versionId: string; listId: string; organisationId: string; itemId: string };
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

/**
 * Defaults for every job: retried with exponential backoff, completed jobs kept a day (so a
 * re-added jobId stays a no-op), failed jobs kept a week to inspect and retry from the dashboard.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Redis pub/sub channel on which the worker announces handoff transitions (ids only). */
export function handoffEventChannel(prefix: string): string {
  return `${prefix}:handoff-events`;
}

/** What goes over handoffEventChannel: enough to filter per subscriber, nothing personal. */
export interface HandoffEventMessage {
  eventId: string;
  topic: string;
  handoffId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  occurredAt: string;
}

/** Redis pub/sub channel on which the worker announces new notifications (ids only). */
export function notificationChannel(prefix: string): string {
  return `${prefix}:notification-added`;
}

/**
 * Lock and stalled-job timing for every processor. A job whose worker died (even by SIGKILL)
 * loses its lock after lockDuration and is moved back to wait by the next stalled check, so
 * another worker completes it. Decorators are evaluated at import, hence the direct read.
 */
export function processorOptions(extra: Partial<WorkerOptions> = {}): Partial<WorkerOptions> {
  const { WORKER_LOCK_DURATION_MS } = loadConfig();
  return { lockDuration: WORKER_LOCK_DURATION_MS, stalledInterval: WORKER_LOCK_DURATION_MS, maxStalledCount: 2, ...extra };
}
