import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { REPORTING_QUEUE, ReportRefreshProcessor, ReportRefreshSchedule } from './jobs/report-refresh-jobs';
import { ReportingModule } from './reporting.module';

/** The worker side of the reports: the scheduled refresh of the aggregate tables. */
@Module({
  imports: [ReportingModule, BullModule.registerQueue({ name: REPORTING_QUEUE })],
  providers: [
    ReportRefreshProcessor,
    ReportRefreshSchedule,
    {
      // As QueueModule.register does: a queue without an 'error' listener crashes on a Redis hiccup.
      provide: 'ReportingQueueErrorLogger',
      inject: [getQueueToken(REPORTING_QUEUE)],
      useFactory: (queue: Queue) => {
        const logger = new Logger('Queue');
        queue.on('error', (error) => logger.warn(`${queue.name}: ${error.message}`));
        return true;
      },
    },
  ],
  exports: [ReportRefreshSchedule],
})
export class ReportingJobsModule {}
