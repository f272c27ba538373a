import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { type JobPayloads, ObservedWorkerHost, processorOptions, QueueName, safeErrorMessage, sanitizedError } from '@schakel/platform';
import type { Job } from 'bullmq';
import { WebhookSender } from '../webhooks/webhook-sender';

/** One delivery attempt per job run; BullMQ's exponential backoff spreads retries over about a day. */
@Processor(QueueName.Webhooks, processorOptions({ concurrency: 10 }))
export class WebhooksProcessor extends ObservedWorkerHost {
  constructor(private readonly sender: WebhookSender) {
    super();
  }

  /** Job data are ids only, so the log line may name the job; the error text goes through safeErrorMessage (no values). */
  @OnWorkerEvent('failed')
  override async onFailed(job: Job<JobPayloads[QueueName.Webhooks]['deliver']> | undefined, error: Error): Promise<void> {
    super.onFailed(job, error);
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.sender.markFailed(job.data.deliveryId, job.data.organisationId, safeErrorMessage(error), job.data.round).catch(() => undefined);
    }
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
