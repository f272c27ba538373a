import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, handoffEventChannel, type HandoffEventMessage, type JobPayloads, processorOptions, QueueName, REDIS, type RelayedEvent, safeErrorMessage, sanitizedError } from '@schakel/platform';
import type Redis from 'ioredis';
import type { Job } from 'bullmq';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { ClosedLoopNotifier } from '../notifications/closed-loop.service';
import { NewHandoffNotifier } from '../notifications/new-handoff.service';
import { OutboxStore } from '../outbox/outbox.store';
import { WebhooksService } from '../webhooks/webhooks.service';

type FollowUpJob =
  | Job<RelayedEvent, unknown, 'event'>
  | Job<JobPayloads[QueueName.FollowUps]['deadline.check'], unknown, 'deadline.check'>
  | Job<JobPayloads[QueueName.FollowUps]['deadline.remind'], unknown, 'deadline.remind'>;

/**
 * Consumes relayed outbox events and the deadline jobs they schedule. Every handler is
 * idempotent (delivery is at-least-once): deadlines are set once, notifications and webhook
 * deliveries are deduplicated by key, scheduled jobs have deterministic ids.
 */
@Processor(QueueName.FollowUps, processorOptions())
export class FollowUpsProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly closedLoop: ClosedLoopNotifier,
    private readonly newHandoff: NewHandoffNotifier,
    private readonly webhooks: WebhooksService,
    private readonly outbox: OutboxStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  private readonly logger = new Logger(FollowUpsProcessor.name);

  /**
   * Active jobs still add to queues (the next escalation level, webhook deliveries). Nest closes
   * queues and workers together in onApplicationShutdown, so a queue could close under a running
   * job; closing the worker here, which waits for its active jobs, comes first.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  /** Job data are ids only, so the log line may name the job; the error text goes through safeErrorMessage (no values). */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${safeErrorMessage(error)}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`follow-ups worker: ${safeErrorMessage(error)}`);
  }

  async process(job: FollowUpJob): Promise<unknown> {
    try {
      switch (job.name) {
        case 'event':
          return await this.onEvent(job.data);
        case 'deadline.check':
          return await this.deadlines.check(job.data);
        case 'deadline.remind':
          return await this.deadlines.remind(job.data);
      }
    } catch (error) {
      // BullMQ keeps a failed job's reason and stack in Redis (and shows them on the dashboard):
      // only the sanitized error may go there, never a value a statement was refused for.
      throw sanitizedError(error);
    }
  }

  private async onEvent(event: RelayedEvent): Promise<{ webhooks: number }> {
    if (event.topic === 'handoff.requested') await this.deadlines.onRequested(event);
    if (event.topic === 'handoff.accepted') await this.deadlines.onAccepted(event);
    if (this.newHandoff.handles(event.topic)) await this.newHandoff.onEvent(event);
    if (this.closedLoop.handles(event.topic)) await this.closedLoop.onEvent(event);
    if (event.aggregateType === 'handoff') await this.announce(event);
    const webhooks = await this.webhooks.fanOut(event);
    // Only now is the event done: every effect above is committed (deadlines, notifications,
    // deliveries). Until then the sweep may queue it again, which the handlers tolerate.
    await this.outbox.markProcessed(event.outboxId);
    return { webhooks };
  }

  /** Live events for handoffEvents subscriptions on every API process (best effort; ids only). */
  private async announce(event: RelayedEvent): Promise<void> {
    const message: HandoffEventMessage = {
      eventId: event.outboxId,
      topic: event.topic,
      handoffId: event.aggregateId,
      fromOrganisationId: String(event.payload.fromOrganisationId),
      toOrganisationId: String(event.payload.toOrganisationId),
      occurredAt: event.occurredAt,
    };
    await this.redis.publish(handoffEventChannel(this.config.REDIS_PREFIX), JSON.stringify(message)).catch(() => undefined);
  }
}
