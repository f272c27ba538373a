// All SQL of the reminders: which are due (action_list_versions, action_list_signatures,
// action_list_item_statuses, action_list_reminders) and recording one with its outbox row.
import type { EntityManager } from 'typeorm';
import { queryReturning, writeOutbox } from '@schakel/platform';
import { date, rowsOf, str } from './row';

export const REMINDER_KINDS = ['SIGN', 'ITEM_DUE', 'ITEM_OVERDUE'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A reminder to one organisation: ids only (it is a job payload and an outbox payload). */
export interface Reminder {
  kind: ReminderKind;
  versionId: string;
  listId: string;
  organisationId: string;
  /** '' for SIGN. */
  itemId: string;
}

export const REMINDER_TOPIC = 'action-list.reminder';

/** Open versions this organisation is party to, has not signed or declined, opened before `openedBefore`, not yet reminded. */
export async function unsignedOpenVersions(m: EntityManager, organisationId: string, openedBefore: Date): Promise<Array<{ versionId: string; listId: string; openedAt: Date }>> {
  const rows = rowsOf(
    await m.query(
      `SELECT v.id, v.list_id, v.opened_at FROM action_list_versions v
        WHERE v.status = 'OPEN_FOR_SIGNING' AND v.opened_at < $2
          AND v.content->'parties' @> jsonb_build_array(jsonb_build_object('organisationId', $1::text))
          AND NOT EXISTS (SELECT 1 FROM action_list_signatures s WHERE s.version_id = v.id AND s.organisation_id = $1::uuid)
          AND NOT EXISTS (SELECT 1 FROM action_list_reminders r WHERE r.kind = 'SIGN' AND r.version_id = v.id AND r.organisation_id = $1::uuid)
        ORDER BY v.opened_at LIMIT 1000`,
      [organisationId, openedBefore],
    ),
  );
  return rows.map((r) => ({ versionId: str(r, 'id'), listId: str(r, 'list_id'), openedAt: date(r, 'opened_at') }));
}

/** Unfinished items of FINAL versions owned by this organisation, due on or before `dueBy` (YYYY-MM-DD), with the reminders they already had. */
export async function itemsDueBy(
  m: EntityManager,
  organisationId: string,
  dueBy: string,
): Promise<Array<{ versionId: string; listId: string; itemId: string; dueDate: string; reminded: ReminderKind[] }>> {
  const rows = rowsOf(
    await m.query(
      `SELECT i.version_id, i.list_id, i.item_id, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
              COALESCE((SELECT string_agg(r.kind, ',') FROM action_list_reminders r
                         WHERE r.version_id = i.version_id AND r.organisation_id = $1 AND r.item_id = i.item_id), '') AS reminded
         FROM action_list_item_statuses i JOIN action_list_versions v ON v.id = i.version_id
        WHERE i.owner_organisation_id = $1 AND i.status <> 'DONE' AND i.due_date <= $2::date AND v.status = 'FINAL'
        ORDER BY i.due_date LIMIT 1000`,
      [organisationId, dueBy],
    ),
  );
  return rows.map((r) => ({
    versionId: str(r, 'version_id'),
    listId: str(r, 'list_id'),
    itemId: str(r, 'item_id'),
    dueDate: str(r, 'due_date'),
    reminded: str(r, 'reminded')
      .split(',')
      .flatMap((k) => REMINDER_KINDS.filter((kind) => kind === k)),
  }));
}

/**
 * Records a reminder once and, only then, its outbox event (same transaction): a job that runs
 * twice reminds nobody twice. The outbox row carries ids only; follow-ups turns it into
 * notifications (libs/follow-ups/src/notifications/action-list-reminders.ts).
 */
export async function recordReminder(m: EntityManager, reminder: Reminder): Promise<boolean> {
  const inserted = await queryReturning<unknown>(
    m,
    `INSERT INTO action_list_reminders (kind, version_id, organisation_id, item_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING kind`,
    [reminder.kind, reminder.versionId, reminder.organisationId, reminder.itemId],
  );
  if (inserted.length === 0) return false;
  await writeOutbox(m, {
    topic: REMINDER_TOPIC,
    aggregateType: 'action_list',
    aggregateId: reminder.listId,
    payload: { kind: reminder.kind, versionId: reminder.versionId, listId: reminder.listId, organisationId: reminder.organisationId, itemId: reminder.itemId },
  });
  return true;
}
