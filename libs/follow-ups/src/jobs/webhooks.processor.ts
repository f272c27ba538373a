import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { type JobPayloads, processorOptions, QueueName, safeErrorMessage, sanitizedError } from '@schakel/platform';
import type { Job } from 'bullmq';
import { WebhookSender } from '../webhooks/webhook-sender';

/** One delivery attempt per job run; BullMQ's exponential backoff spreads retries over about a day. */
@Processor(QueueName.Webhooks, processorOptions({ concurrency: 10 }))
export class WebhooksProcessor extends WorkerHost implements BeforeApplicationShutdown {
  constructor(private readonly sender: WebhookSender) {
    super();
  }

  private readonly logger = new Logger(WebhooksProcessor.name);

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
  async onFailed(job: Job<JobPayloads[QueueName.Webhooks]['deliver']> | undefined, error: Error): Promise<void> {
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${safeErrorMessage(error)}`);
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.sender.markFailed(job.data.deliveryId, job.data.organisationId, safeErrorMessage(error), job.data.round).catch(() => undefined);
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`webhooks worker: ${safeErrorMessage(error)}`);
  }

  async process(job: Job<JobPayloads[QueueName.Webhooks]['deliver'], void, 'deliver'>): Promise<void> {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      await this.sender.attempt(job.data.deliveryId, job.data.organisationId, isLastAttempt, job.data.round);
    } catch (error) {
      // What BullMQ keeps in Redis about a failure holds no values (see FollowUpsProcessor).
      throw sanitizedError(error);
    }
  }
}
