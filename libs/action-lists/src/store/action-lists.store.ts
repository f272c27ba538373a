// All SQL on action_lists, action_list_parties, action_list_versions and
// action_list_item_statuses. Runs inside a tenant transaction: row-level security decides what
// the calling organisation sees.
import type { EntityManager } from 'typeorm';
import { queryReturning } from '@schakel/platform';
import { ITEM_STATUSES, type ItemStatus, VERSION_STATUSES, type VersionStatus } from '../action-list.enums';
import { parseContent } from '../content';
import type { ActionListContent, ActionListItemContent } from '@schakel/signing';
import { type Row, date, dateOrNull, int, json, oneOf, rowsOf, str, strOrNull } from './row';

export interface VersionRecord {
  id: string;
  listId: string;
  ownerOrganisationId: string;
  version: number;
  status: VersionStatus;
  content: ActionListContent;
  contentHash: string;
  previousVersionHash: string | null;
  createdAt: Date;
  updatedAt: Date;
  openedAt: Date | null;
  finalisedAt: Date | null;
  declinedAt: Date | null;
  supersededAt: Date | null;
}

export interface ListRecord {
  id: string;
  ownerOrganisationId: string;
  createdAt: Date;
}

export interface ItemStatusRecord {
  versionId: string;
  itemId: string;
  ownerOrganisationId: string;
  dueDate: string | null;
  status: ItemStatus;
  updatedByEmployeeId: string | null;
  updatedByMachineClientId: string | null;
  updatedAt: Date;
}

const VERSION_COLUMNS = `v.id, v.list_id, l.owner_organisation_id, v.version, v.status::text AS status, v.content, v.content_hash,
  v.previous_version_hash, v.created_at, v.updated_at, v.opened_at, v.finalised_at, v.declined_at, v.superseded_at`;

function versionFrom(row: Row): VersionRecord {
  return {
    id: str(row, 'id'),
    listId: str(row, 'list_id'),
    ownerOrganisationId: str(row, 'owner_organisation_id'),
    version: int(row, 'version'),
    status: oneOf(row, 'status', VERSION_STATUSES),
    content: parseContent(json(row, 'content')),
    contentHash: str(row, 'content_hash'),
    previousVersionHash: strOrNull(row, 'previous_version_hash'),
    createdAt: date(row, 'created_at'),
    updatedAt: date(row, 'updated_at'),
    openedAt: dateOrNull(row, 'opened_at'),
    finalisedAt: dateOrNull(row, 'finalised_at'),
    declinedAt: dateOrNull(row, 'declined_at'),
    supersededAt: dateOrNull(row, 'superseded_at'),
  };
}

function listFrom(row: Row): ListRecord {
  return { id: str(row, 'id'), ownerOrganisationId: str(row, 'owner_organisation_id'), createdAt: date(row, 'created_at') };
}

function itemStatusFrom(row: Row): ItemStatusRecord {
  return {
    versionId: str(row, 'version_id'),
    itemId: str(row, 'item_id'),
    ownerOrganisationId: str(row, 'owner_organisation_id'),
    dueDate: strOrNull(row, 'due_date'),
    status: oneOf(row, 'status', ITEM_STATUSES),
    updatedByEmployeeId: strOrNull(row, 'updated_by_employee_id'),
    updatedByMachineClientId: strOrNull(row, 'updated_by_machine_client_id'),
    updatedAt: date(row, 'updated_at'),
  };
}

export async function insertList(m: EntityManager, input: { id: string; ownerOrganisationId: string; employeeId: string | null }): Promise<void> {
  await m.query(`INSERT INTO action_lists (id, owner_organisation_id, created_by_employee_id) VALUES ($1, $2, $3)`, [input.id, input.ownerOrganisationId, input.employeeId]);
}

/** Adds organisations as parties; those already party stay as they are. */
export async function addParties(m: EntityManager, listId: string, organisationIds: readonly string[]): Promise<void> {
  await m.query(
    `INSERT INTO action_list_parties (list_id, organisation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [listId, [...organisationIds]],
  );
}

export async function insertVersion(
  m: EntityManager,
  input: { listId: string; version: number; content: ActionListContent; contentHash: string; previousVersionHash: string | null; employeeId: string | null },
): Promise<string> {
  const rows = rowsOf(
    await m.query(
      `INSERT INTO action_list_versions (list_id, version, content, content_hash, previous_version_hash, created_by_employee_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.listId, input.version, JSON.stringify(input.content), input.contentHash, input.previousVersionHash, input.employeeId],
    ),
  );
  return str(rows[0], 'id');
}

export async function findVersion(m: EntityManager, id: string, lock = false): Promise<VersionRecord | null> {
  const rows = rowsOf(
    await m.query(
      `SELECT ${VERSION_COLUMNS} FROM action_list_versions v JOIN action_lists l ON l.id = v.list_id WHERE v.id = $1 ${lock ? 'FOR UPDATE OF v' : ''}`,
      [id],
    ),
  );
  return rows[0] ? versionFrom(rows[0]) : null;
}

export async function versionsOf(m: EntityManager, listIds: readonly string[]): Promise<VersionRecord[]> {
  const rows = rowsOf(
    await m.query(
      `SELECT ${VERSION_COLUMNS} FROM action_list_versions v JOIN action_lists l ON l.id = v.list_id
        WHERE v.list_id = ANY($1::uuid[]) ORDER BY v.list_id, v.version`,
      [[...listIds]],
    ),
  );
  return rows.map(versionFrom);
}

/** The newest version of a list, locked: amending and opening serialise on it. */
export async function latestVersion(m: EntityManager, listId: string, lock = false): Promise<VersionRecord | null> {
  const rows = rowsOf(
    await m.query(
      `SELECT ${VERSION_COLUMNS} FROM action_list_versions v JOIN action_lists l ON l.id = v.list_id
        WHERE v.list_id = $1 ORDER BY v.version DESC LIMIT 1 ${lock ? 'FOR UPDATE OF v' : ''}`,
      [listId],
    ),
  );
  return rows[0] ? versionFrom(rows[0]) : null;
}

export async function findList(m: EntityManager, id: string): Promise<ListRecord | null> {
  const rows = rowsOf(await m.query(`SELECT id, owner_organisation_id, created_at FROM action_lists WHERE id = $1`, [id]));
  return rows[0] ? listFrom(rows[0]) : null;
}

/** Lists the calling organisation is party to, newest first. */
export async function visibleLists(m: EntityManager, limit: number): Promise<ListRecord[]> {
  const rows = rowsOf(await m.query(`SELECT id, owner_organisation_id, created_at FROM action_lists ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]));
  return rows.map(listFrom);
}

export async function updateDraft(m: EntityManager, id: string, content: ActionListContent, contentHash: string): Promise<void> {
  await m.query(
    `UPDATE action_list_versions SET content = $2, content_hash = $3, updated_at = now() WHERE id = $1 AND status = 'DRAFT'`,
    [id, JSON.stringify(content), contentHash],
  );
}

const STATUS_TIMESTAMP: Record<Exclude<VersionStatus, 'DRAFT'>, string> = {
  OPEN_FOR_SIGNING: 'opened_at',
  FINAL: 'finalised_at',
  DECLINED: 'declined_at',
  SUPERSEDED: 'superseded_at',
};

/** Moves a version on; the database trigger refuses any move the state machine does not allow. */
export async function setStatus(m: EntityManager, id: string, status: Exclude<VersionStatus, 'DRAFT'>, at: Date): Promise<void> {
  await m.query(`UPDATE action_list_versions SET status = $2, ${STATUS_TIMESTAMP[status]} = $3, updated_at = $3 WHERE id = $1`, [id, status, at]);
}

/** Earlier FINAL versions of the list: they stop applying when a later one becomes FINAL. */
export async function finalVersionsBefore(m: EntityManager, listId: string, version: number): Promise<Array<{ id: string; version: number }>> {
  const rows = rowsOf(
    await m.query(`SELECT id, version FROM action_list_versions WHERE list_id = $1 AND version < $2 AND status = 'FINAL' FOR UPDATE`, [listId, version]),
  );
  return rows.map((r) => ({ id: str(r, 'id'), version: int(r, 'version') }));
}

/** One status row per item of a version that became FINAL; an item kept from the previous final version keeps its status. */
export async function initItemStatuses(m: EntityManager, versionId: string, listId: string, items: readonly ActionListItemContent[], previousVersionId: string | null): Promise<void> {
  if (items.length === 0) return;
  await m.query(
    `INSERT INTO action_list_item_statuses (version_id, list_id, item_id, owner_organisation_id, due_date, status)
     SELECT $1, $2, i.item_id, i.owner, i.due, COALESCE(p.status, 'OPEN')
       FROM unnest($3::text[], $4::uuid[], $5::date[]) AS i(item_id, owner, due)
       LEFT JOIN action_list_item_statuses p ON p.version_id = $6 AND p.item_id = i.item_id`,
    [versionId, listId, items.map((i) => i.id), items.map((i) => i.ownerOrganisationId), items.map((i) => i.dueDate), previousVersionId],
  );
}

export async function itemStatuses(m: EntityManager, versionIds: readonly string[]): Promise<ItemStatusRecord[]> {
  const rows = rowsOf(
    await m.query(
      `SELECT version_id, item_id, owner_organisation_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, status::text AS status,
              updated_by_employee_id, updated_by_machine_client_id, updated_at
         FROM action_list_item_statuses WHERE version_id = ANY($1::uuid[])`,
      [[...versionIds]],
    ),
  );
  return rows.map(itemStatusFrom);
}

export async function updateItemStatus(
  m: EntityManager,
  input: { versionId: string; itemId: string; status: ItemStatus; employeeId: string | null; machineClientId: string | null },
): Promise<boolean> {
  const rows = await queryReturning<unknown>(
    m,
    `UPDATE action_list_item_statuses SET status = $3, updated_by_employee_id = $4, updated_by_machine_client_id = $5, updated_at = now()
      WHERE version_id = $1 AND item_id = $2 RETURNING item_id`,
    [input.versionId, input.itemId, input.status, input.employeeId, input.machineClientId],
  );
  return rows.length === 1;
}
