import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type JobPayloads, processorOptions, QueueName, REDIS } from '@schakel/platform';
import type { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

export const HEARTBEAT_EVERY_MS = 15_000;

export function heartbeatKey(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:worker:heartbeat`;
}

type SystemJob =
  | Job<JobPayloads[QueueName.System]['heartbeat'], unknown, 'heartbeat'>
  | Job<JobPayloads[QueueName.System]['outbox.cleanup'], unknown, 'outbox.cleanup'>;

/** Relayed outbox rows are kept this long (for inspection), then pruned daily. */
export const OUTBOX_RETENTION_DAYS = 7;

/**
 * The worker's own heartbeat, a real BullMQ job: scheduled every 15 s, it records when a worker
 * last processed a job. Readiness fails when no heartbeat was processed recently.
 */
@Processor(QueueName.System, processorOptions())
export class SystemProcessor extends WorkerHost {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: SystemJob): Promise<unknown> {
    switch (job.name) {
      case 'heartbeat':
        return this.redis.set(heartbeatKey(this.config), String(Date.now()), 'PX', HEARTBEAT_EVERY_MS * 4);
      case 'outbox.cleanup': {
        const result = await this.dataSource.query(`DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)`, [job.data.retentionDays]);
        return { deleted: Array.isArray(result) ? result[1] : 0 };
      }
    }
  }
}

@Injectable()
export class HeartbeatScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // A job scheduler is keyed by id, so several workers starting up share one schedule.
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
  }
}
