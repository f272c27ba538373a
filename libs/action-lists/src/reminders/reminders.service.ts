import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, runInTenant } from '@schakel/platform';
import { DataSource } from 'typeorm';
import { type Reminder, itemsDueBy, recordReminder, unsignedOpenVersions } from '../store/reminders.store';
import { addWorkingDays, dutchDate, nextWorkingDate } from './working-days';

/** Parties that have not signed get a reminder this many working days after the version opened. */
export const SIGN_REMINDER_WORKING_DAYS = 5;

/**
 * Which reminders are due, read from PostgreSQL (the truth), and delivering one. Three kinds:
 * SIGN (a party has not signed 5 working days after opening), ITEM_DUE (an unfinished item is due
 * today or on the next working day) and ITEM_OVERDUE (past its due date: reported to the owner's
 * secretaris). Each is sent once (action_list_reminders).
 */
@Injectable()
export class ActionListReminders {
  private readonly goodFriday: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.goodFriday = config.WORKING_DAYS_GOOD_FRIDAY;
  }

  /** Reminders due for one organisation now (read in its tenant: it sees only its own lists). */
  async dueFor(organisationId: string, now = new Date()): Promise<Reminder[]> {
    return runInTenant(this.dataSource, { organisationId }, async (m) => {
      const due: Reminder[] = [];
      // 5 working days are at least 5 calendar days: a cheap bound for the query, exact check here.
      const open = await unsignedOpenVersions(m, organisationId, new Date(now.getTime() - SIGN_REMINDER_WORKING_DAYS * 86_400_000));
      for (const v of open) {
        if (addWorkingDays(v.openedAt, SIGN_REMINDER_WORKING_DAYS, this.goodFriday).getTime() <= now.getTime()) {
          due.push({ kind: 'SIGN', versionId: v.versionId, listId: v.listId, organisationId, itemId: '' });
        }
      }
      const today = dutchDate(now);
      for (const item of await itemsDueBy(m, organisationId, nextWorkingDate(today, this.goodFriday))) {
        const kind = item.dueDate < today ? 'ITEM_OVERDUE' : 'ITEM_DUE';
        if (!item.reminded.includes(kind)) due.push({ kind, versionId: item.versionId, listId: item.listId, organisationId, itemId: item.itemId });
      }
      return due;
    });
  }

  /** Records the reminder and its outbox event once; false when it was sent already. */
  async deliver(reminder: Reminder): Promise<boolean> {
    return runInTenant(this.dataSource, { organisationId: reminder.organisationId }, (m) => recordReminder(m, reminder));
  }
}

/** The job id of a reminder: the same every scan, so a job still in Redis is not added twice (BullMQ refuses ':' in ids). */
export function reminderJobId(r: Reminder): string {
  return ['al-remind', r.kind, r.versionId, r.organisationId, r.itemId || '-'].join('.');
}
