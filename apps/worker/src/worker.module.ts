import { Module } from '@nestjs/common';
import { ActionListsJobsModule } from '@schakel/action-lists';
import { FollowUpsJobsModule } from '@schakel/follow-ups';
import { ORGANISATION_ENTITIES, OrganisationsModule } from '@schakel/organisations';
import { ConfigModule, DatabaseModule, HealthModule, LoggingModule, QueueModule, QueueName, RedisModule } from '@schakel/platform';
import { HeartbeatScheduler, SystemProcessor } from './heartbeat/heartbeat.processor';
import { RedisPolicyCheck } from './health/redis-policy.check';
import { WorkerHealthServer } from './health/worker-health.server';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({
      entities: [...ORGANISATION_ENTITIES],
      applicationName: 'schakel-worker',
      // Every concurrent job (follow-ups, webhooks) and the relay may hold a connection at once.
      poolSize: (config) => Math.max(config.DATABASE_POOL_SIZE, config.WORKER_CONCURRENCY + 10 + 4),
    }),
    RedisModule,
    HealthModule,
    QueueModule.forRoot(),
    QueueModule.register(QueueName.System),
    OrganisationsModule,
    FollowUpsJobsModule,
    ActionListsJobsModule,
  ],
  providers: [RedisPolicyCheck, SystemProcessor, HeartbeatScheduler, WorkerHealthServer],
})
export class WorkerModule {}
