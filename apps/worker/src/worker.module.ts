import { Module } from '@nestjs/common';
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
    DatabaseModule.forRoot({ entities: [...ORGANISATION_ENTITIES], applicationName: 'schakel-worker' }),
    RedisModule,
    HealthModule,
    QueueModule.forRoot(),
    QueueModule.register(QueueName.System),
    OrganisationsModule,
    FollowUpsJobsModule,
  ],
  providers: [RedisPolicyCheck, SystemProcessor, HeartbeatScheduler, WorkerHealthServer],
})
export class WorkerModule {}
