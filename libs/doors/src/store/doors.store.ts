import { queryReturning } from '@schakel/platform';
import { REFERRAL_TOPICS, type ReferralTopic } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import { DOOR_REACHES, type DoorContent, type DoorRecord, type DoorSnapshot, type DoorVersionRecord, type OpeningHours, type ResponseStatsRecord } from '../door.model';
import { asRow, bool, date, int, intOrNull, json, oneOf, type Row, RowShapeError, rowsOf, str, strArray, strOrNull } from './row';

// The only SQL on doors, door_versions and door_response_stats. Every function runs in the
// caller's tenant transaction (row-level security: every organisation reads, the owner writes).

const DOOR_COLUMNS = `
  d.id, d.organisation_id, o.name AS organisation_name, d.name, d.description, d.topics::text[] AS topics,
  d.national, d.gemeentecodes, d.reach::text AS reach, d.phone, d.opening_hours, d.checklist, d.live_allowed,
  d.live_timeout_minutes, d.active, d.version, d.created_at, d.updated_at`;
const DOOR_FROM = `FROM doors d JOIN organisations o ON o.id = d.organisation_id`;

function topicsOf(row: Row, column: string): ReferralTopic[] {
  return strArray(row, column).map((t) => {
    const topic = REFERRAL_TOPICS.find((x) => x === t);
    if (!topic) throw new RowShapeError('doors', column, 'referral topics');
    return topic;
  });
}

function openingHoursOf(value: unknown, column: string): OpeningHours[] {
  if (!Array.isArray(value)) throw new RowShapeError('doors', column, 'an array of opening hours');
  return value.map((entry) => {
    const e = asRow(entry);
    return { weekday: int(e, 'weekday'), opens: str(e, 'opens'), closes: str(e, 'closes') };
  });
}

function contentOf(row: Row, hoursColumn: string, prefix = ''): DoorContent {
  return {
    name: str(row, `${prefix}name`),
    description: str(row, `${prefix}description`),
    topics: topicsOf(row, `${prefix}topics`),
    national: bool(row, `${prefix}national`),
    gemeentecodes: strArray(row, `${prefix}gemeentecodes`),
    reach: oneOf(row, `${prefix}reach`, DOOR_REACHES),
    phone: strOrNull(row, `${prefix}phone`),
    openingHours: openingHoursOf(json(row, hoursColumn), hoursColumn),
    checklist: strArray(row, `${prefix}checklist`),
    liveAllowed: bool(row, `${prefix}live_allowed`),
    liveTimeoutMinutes: int(row, `${prefix}live_timeout_minutes`),
  };
}

function readDoor(row: Row): DoorRecord {
  return {
    id: str(row, 'id'),
    organisationId: str(row, 'organisation_id'),
    organisationName: str(row, 'organisation_name'),
    ...contentOf(row, 'opening_hours'),
    active: bool(row, 'active'),
    version: int(row, 'version'),
    createdAt: date(row, 'created_at'),
    updatedAt: date(row, 'updated_at'),
  };
}

/** The snapshot as stored (camelCase keys, see snapshotOf), read back without casts. */
function readSnapshot(value: unknown): DoorSnapshot {
  const s = asRow(value);
  const asColumns: Row = {
    name: s.name,
    description: s.description,
    topics: s.topics,
    national: s.national,
    gemeentecodes: s.gemeentecodes,
    reach: s.reach,
    phone: s.phone ?? null,
    checklist: s.checklist,
    live_allowed: s.liveAllowed,
    live_timeout_minutes: s.liveTimeoutMinutes,
    opening_hours: s.openingHours,
  };
  return { ...contentOf(asColumns, 'opening_hours'), active: bool(s, 'active') };
}

export async function findDoor(m: EntityManager, id: string): Promise<DoorRecord | null> {
  const [row] = rowsOf(await m.query(`SELECT ${DOOR_COLUMNS} ${DOOR_FROM} WHERE d.id = $1`, [id]));
  return row ? readDoor(row) : null;
}

export async function findDoors(m: EntityManager, ids: readonly string[]): Promise<DoorRecord[]> {
  return rowsOf(await m.query(`SELECT ${DOOR_COLUMNS} ${DOOR_FROM} WHERE d.id = ANY($1::uuid[])`, [ids])).map(readDoor);
}

export interface DoorListFilter {
  organisationId: string | null;
  topic: ReferralTopic | null;
  gemeentecode: string | null;
  /** Inactive doors of this organisation are included (the owner maintains them); others' never. */
  inactiveOf: string | null;
}

export async function listDoors(m: EntityManager, filter: DoorListFilter): Promise<DoorRecord[]> {
  const rows = await m.query(
    `SELECT ${DOOR_COLUMNS} ${DOOR_FROM}
      WHERE (d.active OR d.organisation_id = $4::uuid)
        AND ($1::uuid IS NULL OR d.organisation_id = $1::uuid)
        AND ($2::referral_topic IS NULL OR $2::referral_topic = ANY(d.topics))
        AND ($3::text IS NULL OR d.national OR $3::text = ANY(d.gemeentecodes))
      ORDER BY o.name, d.name, d.id`,
    [filter.organisationId, filter.topic, filter.gemeentecode, filter.inactiveOf],
  );
  return rowsOf(rows).map(readDoor);
}

/**
 * Active doors that handle the topic and serve the region, plus (with a search) every active
 * door whose name, description or organisation name contains the (LIKE-escaped) pattern or whose
 * topics include one whose label matches. The ranking is done by the caller.
 */
export async function matchCandidates(
  m: EntityManager,
  query: { topic: ReferralTopic; gemeentecode: string | null; pattern: string | null; searchTopics: readonly ReferralTopic[] },
): Promise<DoorRecord[]> {
  const rows = await m.query(
    `SELECT ${DOOR_COLUMNS} ${DOOR_FROM}
      WHERE d.active
        AND (($1::referral_topic = ANY(d.topics) AND (d.national OR $2::text = ANY(d.gemeentecodes)))
             OR ($3::text IS NOT NULL AND (d.name ILIKE $3 OR d.description ILIKE $3 OR o.name ILIKE $3
                                            OR d.topics && $4::referral_topic[])))
      LIMIT 500`,
    [query.topic, query.gemeentecode, query.pattern, query.searchTopics],
  );
  return rowsOf(rows).map(readDoor);
}

export async function insertDoor(m: EntityManager, door: { id: string; organisationId: string; content: DoorContent; employeeId: string | null }): Promise<void> {
  const c = door.content;
  await m.query(
    `INSERT INTO doors (id, organisation_id, name, description, topics, national, gemeentecodes, reach, phone, opening_hours, checklist,
                        live_allowed, live_timeout_minutes, updated_by_employee_id)
     VALUES ($1, $2, $3, $4, $5::referral_topic[], $6, $7::text[], $8::door_reach, $9, $10::jsonb, $11::text[], $12, $13, $14)`,
    [door.id, door.organisationId, c.name, c.description, c.topics, c.national, c.gemeentecodes, c.reach, c.phone, JSON.stringify(c.openingHours), c.checklist, c.liveAllowed, c.liveTimeoutMinutes, door.employeeId],
  );
}

/**
 * Writes a new version of the door if it is still at expectedVersion; answers whether it was.
 * The version check and the write are one statement, so two coordinators saving at once cannot
 * both win.
 */
export async function updateDoor(
  m: EntityManager,
  change: { id: string; expectedVersion: number; content: DoorContent; active: boolean; employeeId: string | null },
): Promise<boolean> {
  const c = change.content;
  const rows = await queryReturning<{ id: string }>(
    m,
    `UPDATE doors SET name = $3, description = $4, topics = $5::referral_topic[], national = $6, gemeentecodes = $7::text[], reach = $8::door_reach,
            phone = $9, opening_hours = $10::jsonb, checklist = $11::text[], live_allowed = $12, live_timeout_minutes = $13, active = $14,
            updated_by_employee_id = $15, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2
      RETURNING id`,
    [change.id, change.expectedVersion, c.name, c.description, c.topics, c.national, c.gemeentecodes, c.reach, c.phone, JSON.stringify(c.openingHours), c.checklist, c.liveAllowed, c.liveTimeoutMinutes, change.active, change.employeeId],
  );
  return rows.length === 1;
}

export async function insertVersion(m: EntityManager, door: DoorRecord, employeeId: string | null): Promise<void> {
  const snapshot: DoorSnapshot = {
    name: door.name,
    description: door.description,
    topics: door.topics,
    national: door.national,
    gemeentecodes: door.gemeentecodes,
    reach: door.reach,
    phone: door.phone,
    openingHours: door.openingHours,
    checklist: door.checklist,
    liveAllowed: door.liveAllowed,
    liveTimeoutMinutes: door.liveTimeoutMinutes,
    active: door.active,
  };
  await m.query(
    `INSERT INTO door_versions (door_id, version, organisation_id, snapshot, changed_by_employee_id, changed_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
    [door.id, door.version, door.organisationId, JSON.stringify(snapshot), employeeId, door.updatedAt],
  );
}

export async function listVersions(m: EntityManager, doorId: string): Promise<DoorVersionRecord[]> {
  const rows = await m.query(
    `SELECT v.door_id, v.version, v.snapshot, v.changed_by_employee_id, e.display_name AS changed_by_name, v.changed_at
       FROM door_versions v LEFT JOIN employees e ON e.id = v.changed_by_employee_id
      WHERE v.door_id = $1 ORDER BY v.version DESC`,
    [doorId],
  );
  return rowsOf(rows).map((r) => ({
    doorId: str(r, 'door_id'),
    version: int(r, 'version'),
    snapshot: readSnapshot(json(r, 'snapshot')),
    changedByEmployeeId: strOrNull(r, 'changed_by_employee_id'),
    changedByName: strOrNull(r, 'changed_by_name'),
    changedAt: date(r, 'changed_at'),
  }));
}

function readStats(r: Row): ResponseStatsRecord {
  return {
    organisationId: str(r, 'organisation_id'),
    topic: oneOf(r, 'topic', REFERRAL_TOPICS),
    acceptedCount: int(r, 'accepted_count'),
    medianMinutes: intOrNull(r, 'median_minutes'),
    p90Minutes: intOrNull(r, 'p90_minutes'),
    computedAt: date(r, 'computed_at'),
  };
}

export async function statsFor(m: EntityManager, organisationIds: readonly string[]): Promise<ResponseStatsRecord[]> {
  const rows = await m.query(
    `SELECT organisation_id, topic::text AS topic, accepted_count, median_minutes, p90_minutes, computed_at
       FROM door_response_stats WHERE organisation_id = ANY($1::uuid[])`,
    [[...new Set(organisationIds)]],
  );
  return rowsOf(rows).map(readStats);
}

/** Replaces an organisation's statistics with a fresh pass (in its own tenant). */
export async function replaceStats(
  m: EntityManager,
  organisationId: string,
  rows: ReadonlyArray<{ topic: string; acceptedCount: number; medianMinutes: number | null; p90Minutes: number | null }>,
  computedAt: Date,
): Promise<void> {
  await m.query(`DELETE FROM door_response_stats WHERE organisation_id = $1`, [organisationId]);
  if (rows.length === 0) return;
  await m.query(
    `INSERT INTO door_response_stats (organisation_id, topic, accepted_count, median_minutes, p90_minutes, computed_at)
     SELECT $1, s.topic::referral_topic, s.accepted_count, s.median_minutes, s.p90_minutes, $6
       FROM unnest($2::text[], $3::int[], $4::int[], $5::int[]) AS s(topic, accepted_count, median_minutes, p90_minutes)`,
    [organisationId, rows.map((r) => r.topic), rows.map((r) => r.acceptedCount), rows.map((r) => r.medianMinutes), rows.map((r) => r.p90Minutes), computedAt],
  );
}

/** Every active door, for the public export (no tenant: the kaart's read policy is open). */
export async function allActiveDoors(m: Pick<EntityManager, 'query'>): Promise<DoorRecord[]> {
  return rowsOf(await m.query(`SELECT ${DOOR_COLUMNS} ${DOOR_FROM} WHERE d.active ORDER BY o.name, d.name, d.id`)).map(readDoor);
}
