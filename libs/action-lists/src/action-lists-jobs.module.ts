import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import type { Queue } from 'bullmq';
import { ActionListsModule } from './action-lists.module';
import { ACTION_LISTS_QUEUE, ActionListReminderScan, ActionListRemindersProcessor } from './reminders/reminder-jobs';
import { ActionListReminders } from './reminders/reminders.service';

/** The worker side of action lists: the reminder scan and its processor. */
@Module({
  imports: [ActionListsModule, OrganisationsModule, BullModule.registerQueue({ name: ACTION_LISTS_QUEUE })],
  providers: [
    ActionListReminders,
    ActionListRemindersProcessor,
    ActionListReminderScan,
    {
      // As QueueModule.register does: a queue without an 'error' listener crashes on a Redis hiccup.
      provide: 'ActionListsQueueErrorLogger',
      inject: [getQueueToken(ACTION_LISTS_QUEUE)],
      useFactory: (queue: Queue) => {
        const logger = new Logger('Queue');
        queue.on('error', (error) => logger.warn(`${queue.name}: ${error.message}`));
        return true;
      },
    },
  ],
  exports: [ActionListReminders, ActionListReminderScan],
})
export class ActionListsJobsModule {}
