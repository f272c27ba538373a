import { InjectQueue, Processor } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxStore, RetentionService } from '@schakel/follow-ups';
import { APP_CONFIG, type AppConfig, type JobPayloads, processorOptions, ObservedWorkerHost, QueueName, REDIS } from '@schakel/platform';
import type { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';

export const HEARTBEAT_EVERY_MS = 15_000;

export function heartbeatKey(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:worker:heartbeat`;
}

type SystemJob =
  | Job<JobPayloads[QueueName.System]['heartbeat'], unknown, 'heartbeat'>
  | Job<JobPayloads[QueueName.System]['outbox.cleanup'], unknown, 'outbox.cleanup'>
  | Job<JobPayloads[QueueName.System]['retention.anonymise'], unknown, 'retention.anonymise'>;

/** Processed outbox rows are kept this long (for inspection), then pruned daily. */
export const OUTBOX_RETENTION_DAYS = 7;

/** The system schedules; ensure() re-creates any that Redis lost. */
export const SYSTEM_SCHEDULES = ['heartbeat', 'outbox-cleanup', 'retention-anonymise'] as const;

/**
 * The worker's own heartbeat, a real BullMQ job: scheduled every 15 s, it records when a worker
 * last processed a job. Readiness fails when no heartbeat was processed recently.
 */
@Processor(QueueName.System, processorOptions())
export class SystemProcessor extends ObservedWorkerHost {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxStore,
    private readonly retention: RetentionService,
  ) {
    super();
  }

  async process(job: SystemJob): Promise<unknown> {
    switch (job.name) {
      case 'heartbeat':
        return this.redis.set(heartbeatKey(this.config), String(Date.now()), 'PX', HEARTBEAT_EVERY_MS * 4);
      case 'outbox.cleanup':
        return { deleted: await this.outbox.prune(job.data.retentionDays) };
      case 'retention.anonymise':
        return this.retention.run();
    }
  }
}

/**
 * Keeps the system schedules in Redis. A job scheduler is keyed by id, so several workers share
 * one schedule. They are checked again every heartbeat interval, not only at start: a Redis that
 * lost its data (restart without persistence, a flushed prefix) also lost the schedules, and the
 * worker would otherwise stay "not ready" with no heartbeat until someone restarted it.
 */
@Injectable()
export class HeartbeatScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HeartbeatScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.ensure()
        .catch((error: unknown) => this.logger.warn(`Could not check the system schedules, will retry: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Re-creates the schedules when one is missing; returns whether it had to. */
  async ensure(): Promise<boolean> {
    const found = await Promise.all(SYSTEM_SCHEDULES.map((id) => this.queue.getJobScheduler(id)));
    if (found.every(Boolean)) return false;
    this.logger.warn('System job schedules were missing in Redis (did it lose its data?); re-created');
    await this.upsert();
    return true;
  }

  private async upsert(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'heartbeat',
      { every: HEARTBEAT_EVERY_MS },
      { name: 'heartbeat', data: { scheduledBy: 'worker' }, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await this.queue.upsertJobScheduler(
      'outbox-cleanup',
      { pattern: '17 3 * * *', tz: 'Europe/Amsterdam' },
      { name: 'outbox.cleanup', data: { retentionDays: OUTBOX_RETENTION_DAYS } },
    );
    // Nightly, away from the outbox cleanup; a run continues until nothing is due (ADR 0011).
    await this.queue.upsertJobScheduler(
      'retention-anonymise',
      { pattern: '37 2 * * *', tz: 'Europe/Amsterdam' },
      { name: 'retention.anonymise', data: { scheduledBy: 'worker' } },
    );
  }
}
