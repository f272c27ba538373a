import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { redisOptionsFromUrl } from '../redis/redis.module';
import { DEFAULT_JOB_OPTIONS, type QueueName } from './queues';

/** BullMQ connection (REDIS_URL, key prefix REDIS_PREFIX) and the queues an app uses. */
@Module({})
export class QueueModule {
  static forRoot(queues: QueueName[]): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: null },
            prefix: config.REDIS_PREFIX,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      exports: [BullModule],
    };
  }
}
