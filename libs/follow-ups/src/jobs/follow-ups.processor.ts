import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type JobPayloads, ObservedWorkerHost, processorOptions, QueueName, type RelayedEvent, sanitizedError } from '@schakel/platform';
import type { Job } from 'bullmq';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { EventBatcher, Semaphore } from './event-batcher';
import { type EventResult, FollowUpBatch } from './follow-up-batch';

/** How long the first event of a batch waits for company: short against the relay lag aim (p99 < 1 s). */
export const EVENT_BATCH_WINDOW_MS = 5;
/** Events per batch: a batch's fixed statements (a few per organisation) are shared by this many. */
export const EVENT_BATCH_SIZE = 40;
/**
 * Batches in flight at once, each on one connection: while one waits for the database, the
 * others fill or run. Event jobs in flight are these batches' events on top of the
 * WORKER_CONCURRENCY slots, which deadline jobs keep to themselves (each holds a connection).
 */
export const EVENT_BATCH_LANES = 4;

type FollowUpJob =
  | Job<RelayedEvent, unknown, 'event'>
  | Job<JobPayloads[QueueName.FollowUps]['deadline.check'], unknown, 'deadline.check'>
  | Job<JobPayloads[QueueName.FollowUps]['deadline.remind'], unknown, 'deadline.remind'>;

/**
 * Consumes relayed outbox events and the deadline jobs they schedule. Every handler is
 * idempotent (delivery is at-least-once): deadlines are set once, notifications and webhook
 * deliveries are deduplicated by key, scheduled jobs have deterministic ids.
 *
 * Each outbox event stays one job (id = outbox id), but the events active at the same moment are
 * processed together (EventBatcher, FollowUpBatch): one transaction for many events instead of
 * several per event. A batch that fails is split, so each event succeeds or fails on its own.
 */
@Processor(QueueName.FollowUps, processorOptions())
export class FollowUpsProcessor extends ObservedWorkerHost implements OnApplicationBootstrap {
  private readonly events: EventBatcher<RelayedEvent, EventResult>;
  /** Deadline jobs each hold a connection: no more of them at once than WORKER_CONCURRENCY. */
  private readonly deadlineSlots: Semaphore;

  constructor(
    private readonly deadlines: DeadlinesService,
    batch: FollowUpBatch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    // No more batches at once than the pool was sized for (a fifth would only wait for a connection).
    const lanes = new Semaphore(EVENT_BATCH_LANES);
    this.events = new EventBatcher({
      maxSize: EVENT_BATCH_SIZE,
      windowMs: EVENT_BATCH_WINDOW_MS,
      keyOf: (event) => event.outboxId,
      run: (events) => lanes.use(() => batch.run(events)),
    });
    this.deadlineSlots = new Semaphore(config.WORKER_CONCURRENCY);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY + EVENT_BATCH_SIZE * EVENT_BATCH_LANES;
  }

  async process(job: FollowUpJob): Promise<unknown> {
    try {
      switch (job.name) {
        case 'event':
          return await this.events.submit(job.data);
        case 'deadline.check':
          return await this.deadlineSlots.use(() => this.deadlines.check(job.data));
        case 'deadline.remind':
          return await this.deadlineSlots.use(() => this.deadlines.remind(job.data));
      }
    } catch (error) {
      // BullMQ keeps a failed job's reason and stack in Redis (and shows them on the dashboard):
      // only the sanitized error may go there, never a value a statement was refused for.
      throw sanitizedError(error);
    }
  }
}
