import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { safeErrorMessage } from '../observability/safe-error';

/**
 * The base of every BullMQ processor of Schakel, so that none can forget what each needs:
 * - an 'error' listener: a BullMQ worker without one turns a Redis hiccup or a lost job key into
 *   an unhandled error event, which ends the process;
 * - a log line per failed attempt: job data are ids only, so the line may name the job; the error
 *   text goes through safeErrorMessage (no values);
 * - closing the worker before Nest closes the queues: an active job may still add to a queue,
 *   and `worker.close()` waits for the active jobs.
 * A processor that needs more on failure overrides `onFailed` (with its own @OnWorkerEvent) and
 * calls `super.onFailed`.
 */
export abstract class ObservedWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void | Promise<void> {
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${safeErrorMessage(error)}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`worker: ${safeErrorMessage(error)}`);
  }
}
