import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type JobPayloads, processorOptions, QueueName, REDIS } from '@schakel/platform';
import type { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';

export const HEARTBEAT_EVERY_MS = 15_000;

export function heartbeatKey(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:worker:heartbeat`;
}

type SystemJob = Job<JobPayloads[QueueName.System]['heartbeat'], void, 'heartbeat'>;

/**
 * The worker's own heartbeat, a real BullMQ job: scheduled every 15 s, it records when a worker
 * last processed a job. Readiness fails when no heartbeat was processed recently.
 */
@Processor(QueueName.System, processorOptions())
export class SystemProcessor extends WorkerHost {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: SystemJob): Promise<void> {
    if (job.name === 'heartbeat') {
      await this.redis.set(heartbeatKey(this.config), String(Date.now()), 'PX', HEARTBEAT_EVERY_MS * 4);
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
  }
}
