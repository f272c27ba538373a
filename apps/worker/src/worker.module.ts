import { Module } from '@nestjs/common';
import { BundlesJobsModule } from '@schakel/bundles';
import { DoorsJobsModule } from '@schakel/doors';
import { LiveHandoffsJobsModule } from '@schakel/live-handoffs';
import { ActionListsJobsModule } from '@schakel/action-lists';
import { ReportingJobsModule } from '@schakel/reporting';
import { EVENT_BATCH_LANES, FollowUpsJobsModule, PER_EVENT_PARALLEL } from '@schakel/follow-ups';
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
      // Every concurrent job may hold a connection at once: the deadline jobs (WORKER_CONCURRENCY),
      // the webhook deliveries (10), the relay and the sweep (4), and the event batches (each its
      // transaction, or up to PER_EVENT_PARALLEL per-event handlers or look-ups after or before it).
      poolSize: (config) => Math.max(config.DATABASE_POOL_SIZE, config.WORKER_CONCURRENCY + 10 + 4 + EVENT_BATCH_LANES * PER_EVENT_PARALLEL),
    }),
    RedisModule,
    HealthModule,
    QueueModule.forRoot(),
    QueueModule.register(QueueName.System),
    OrganisationsModule,
    FollowUpsJobsModule,
    ActionListsJobsModule,
    ReportingJobsModule,
    DoorsJobsModule,
    LiveHandoffsJobsModule,
    BundlesJobsModule,
  ],
  providers: [RedisPolicyCheck, SystemProcessor, HeartbeatScheduler, WorkerHealthServer],
})
export class WorkerModule {}
