import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { redisOptionsFromUrl } from '../redis/redis.module';
import { DEFAULT_JOB_OPTIONS, type QueueName } from './queues';

/**
 * BullMQ for an app: `forRoot()` once per app (connection REDIS_URL, key prefix REDIS_PREFIX,
 * job defaults); `register(...)` in each module for the queues it uses.
 */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: null },
            prefix: config.REDIS_PREFIX,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
      ],
    };
  }

  static register(...queues: QueueName[]): DynamicModule {
    const registered = BullModule.registerQueue(...queues.map((name) => ({ name })));
    // A queue without an 'error' listener turns a Redis hiccup into a crash; log it instead.
    const errorLogger = {
      provide: `QueueErrorLogger:${queues.join(',')}`,
      inject: queues.map((name) => getQueueToken(name)),
      useFactory: (...instances: Queue[]) => {
        const logger = new Logger('Queue');
        for (const queue of instances) queue.on('error', (error) => logger.warn(`${queue.name}: ${error.message}`));
        return true;
      },
    };
    return { module: QueueModule, imports: [registered], providers: [errorLogger], exports: [registered] };
  }
}
