import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { QueueModule, QueueName } from '@schakel/platform';
import { ActionListsModule } from './action-lists.module';
import { ActionListReminderScan, ActionListRemindersProcessor } from './reminders/reminder-jobs';
import { ActionListReminders } from './reminders/reminders.service';

/** The worker side of action lists: the reminder scan and its processor. */
@Module({
  imports: [ActionListsModule, OrganisationsModule, QueueModule.register(QueueName.ActionLists)],
  providers: [ActionListReminders, ActionListRemindersProcessor, ActionListReminderScan],
  exports: [ActionListReminders, ActionListReminderScan],
})
export class ActionListsJobsModule {}
