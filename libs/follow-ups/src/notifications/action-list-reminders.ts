import { Injectable } from '@nestjs/common';
import { REMINDER_KINDS, REMINDER_TOPIC, type ReminderKind } from '@schakel/action-lists';
import { EmployeesService } from '@schakel/organisations';
import type { RelayedEvent } from '@schakel/platform';
import { NotificationsService } from './notifications.service';

export const ACTION_LIST_REMINDER_NOTIFICATION = 'ACTION_LIST_REMINDER';

/** Dutch texts of the reminders: no list content, so nothing a party wrote travels in a notification. */
export const ACTION_LIST_REMINDER_MESSAGES: Record<ReminderKind, string> = {
  SIGN: 'Herinnering: een actielijst wacht al 5 werkdagen op de ondertekening van uw organisatie.',
  ITEM_DUE: 'Herinnering: een actie van uw organisatie uit een actielijst is bijna aan haar einddatum toe.',
  ITEM_OVERDUE: 'Een actie van uw organisatie uit een actielijst is over haar einddatum en nog niet klaar.',
};

function kindOf(value: unknown): ReminderKind | undefined {
  return REMINDER_KINDS.find((k) => k === value);
}

/**
 * Turns an action-list reminder (outbox topic `action-list.reminder`, written by
 * @schakel/action-lists with ids only) into notifications for the secretarissen of the
 * organisation concerned: the party that has not signed, or the item's owner. Deduplicated per
 * reminder, so a redelivered event tells nobody twice.
 */
@Injectable()
export class ActionListReminderNotifier {
  constructor(
    private readonly employees: EmployeesService,
    private readonly notifications: NotificationsService,
  ) {}

  handles(topic: string): boolean {
    return topic === REMINDER_TOPIC;
  }

  async onEvent(event: RelayedEvent): Promise<void> {
    const kind = kindOf(event.payload.kind);
    const organisationId = event.payload.organisationId;
    const versionId = event.payload.versionId;
    if (!kind || typeof organisationId !== 'string' || typeof versionId !== 'string') return;
    const itemId = typeof event.payload.itemId === 'string' ? event.payload.itemId : '';
    const secretarissen = await this.employees.activeWithRole(organisationId, 'SECRETARIS');
    if (secretarissen.length === 0) return;
    await this.notifications.notify(
      secretarissen.map((e) => ({ employeeId: e.id, organisationId })),
      { type: ACTION_LIST_REMINDER_NOTIFICATION, message: ACTION_LIST_REMINDER_MESSAGES[kind], dedupeKey: `action-list:${kind}:${versionId}:${itemId}` },
    );
  }
}
