import { InjectQueue, Processor } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ObservedWorkerHost, processorOptions, safeErrorMessage, sanitizedError } from '@schakel/platform';
import type { Job, Queue } from 'bullmq';
import { ReportRefresher } from '../refresh/report-refresher';

/** The reporting lib's BullMQ queue. */
export const REPORTING_QUEUE = 'reporting';
export const REPORT_REFRESH_SCHEDULER = 'report-refresh';
/** How often the aggregates follow the case tables (the reports say up to when they are complete). */
export const REPORT_REFRESH_EVERY_MS = 5 * 60_000;

/**
 * Runs the refresh of every organisation's aggregates. The job carries no data: what to compute is
 * read from report_refresh_state and the case tables, so a lost, repeated or retried job is harmless.
 */
@Processor(REPORTING_QUEUE, processorOptions({ concurrency: 1 }))
export class ReportRefreshProcessor extends ObservedWorkerHost {

  constructor(private readonly refresher: ReportRefresher) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name !== 'refresh') return 0;
    try {
      const results = await this.refresher.refreshAll();
      return results.reduce((n, r) => n + r.months, 0);
    } catch (error) {
      throw sanitizedError(error);
    }
  }
}

/**
 * Keeps the repeatable refresh job (a BullMQ job scheduler) in Redis: upserted at start and again
 * every interval, so after Redis was emptied the schedule comes back by itself; upserting an
 * existing scheduler with the same settings changes nothing.
 */
@Injectable()
export class ReportRefreshSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportRefreshSchedule.name);
  private timer?: NodeJS.Timeout;

  constructor(@InjectQueue(REPORTING_QUEUE) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.ensure(), REPORT_REFRESH_EVERY_MS);
    this.timer.unref();
    void this.ensure();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async ensure(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(REPORT_REFRESH_SCHEDULER, { every: REPORT_REFRESH_EVERY_MS }, { name: 'refresh', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    } catch (error) {
      this.logger.warn(`Report refresh schedule not set, will retry: ${safeErrorMessage(error)}`);
    }
  }
}
