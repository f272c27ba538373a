// Joint action lists (issue 11): the public surface of the lib.
export * from '@schakel/signing';
export * from './action-list.enums';
export * from './agreement-norms';
export * from './action-lists.module';
export * from './action-lists-api.module';
export * from './action-lists.service';
export * from './signing.service';
export * from './transparency/transparency-log.service';
export * from './transparency/platform-key';
export * from './action-lists-jobs.module';
export * from './reminders/reminders.service';
export { ACTION_LISTS_QUEUE, ActionListReminderScan } from './reminders/reminder-jobs';
export { REMINDER_KINDS, REMINDER_TOPIC, type Reminder, type ReminderKind } from './store/reminders.store';
export { addWorkingDays as reminderWorkingDays } from './reminders/working-days';
