import type { EntityManager } from 'typeorm';
import { LIVE_HANDOFF_STATUSES, type LiveHandoffStatus } from '../live-handoff.enums';
import { date, dateOrNull, int, oneOf, type Row, rowsOf, str, strOrNull } from './row';

/**
 * Every statement on `live_handoffs`. Each runs in the caller's tenant transaction, so
 * row-level security applies: the sending and the receiving organisation see a request, nobody
 * else. State changes are conditional updates on `status = 'REQUESTED'`: of two at once
 * (two pick-ups, a pick-up and the fallback, two workers' fallbacks) exactly one changes the row.
 */

export interface LiveHandoffRecord {
  id: string;
  handoffId: string;
  referralId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  doorId: string | null;
  status: LiveHandoffStatus;
  requestedByEmployeeId: string;
  requestedAt: Date;
  expiresAt: Date;
  pickedUpByEmployeeId: string | null;
  pickedUpAt: Date | null;
  endedAt: Date | null;
  announcedAt: Date | null;
  idempotencyKey: string;
  version: number;
}

const COLUMNS = `l.id, l.handoff_id, l.referral_id, l.from_organisation_id, l.to_organisation_id, l.door_id, l.status, l.requested_by_employee_id,
  l.requested_at, l.expires_at, l.picked_up_by_employee_id, l.picked_up_at, l.ended_at, l.announced_at, l.idempotency_key, l.version`;

function parse(row: Row): LiveHandoffRecord {
  return {
    id: str(row, 'id'),
    handoffId: str(row, 'handoff_id'),
    referralId: str(row, 'referral_id'),
    fromOrganisationId: str(row, 'from_organisation_id'),
    toOrganisationId: str(row, 'to_organisation_id'),
    doorId: strOrNull(row, 'door_id'),
    status: oneOf(row, 'status', LIVE_HANDOFF_STATUSES),
    requestedByEmployeeId: str(row, 'requested_by_employee_id'),
    requestedAt: date(row, 'requested_at'),
    expiresAt: date(row, 'expires_at'),
    pickedUpByEmployeeId: strOrNull(row, 'picked_up_by_employee_id'),
    pickedUpAt: dateOrNull(row, 'picked_up_at'),
    endedAt: dateOrNull(row, 'ended_at'),
    announcedAt: dateOrNull(row, 'announced_at'),
    idempotencyKey: str(row, 'idempotency_key'),
    version: int(row, 'version'),
  };
}

const parseAll = (result: unknown): LiveHandoffRecord[] => rowsOf(result).map(parse);

export interface NewLiveHandoff {
  handoffId: string;
  referralId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  doorId: string | null;
  requestedByEmployeeId: string;
  timeoutSeconds: number;
  idempotencyKey: string;
}

export const liveHandoffsStore = {
  async find(m: EntityManager, id: string): Promise<LiveHandoffRecord | undefined> {
    return parseAll(await m.query(`SELECT ${COLUMNS} FROM live_handoffs l WHERE l.id = $1`, [id]))[0];
  },

  async byIdempotencyKey(m: EntityManager, fromOrganisationId: string, key: string): Promise<LiveHandoffRecord | undefined> {
    return parseAll(await m.query(`SELECT ${COLUMNS} FROM live_handoffs l WHERE l.from_organisation_id = $1 AND l.idempotency_key = $2`, [fromOrganisationId, key]))[0];
  },

  /** The live requests of one handoff, newest first. */
  async ofHandoff(m: EntityManager, handoffId: string): Promise<LiveHandoffRecord[]> {
    return parseAll(await m.query(`SELECT ${COLUMNS} FROM live_handoffs l WHERE l.handoff_id = $1 ORDER BY l.requested_at DESC, l.id LIMIT 20`, [handoffId]));
  },

  /** Requests to this organisation still waiting for someone, oldest first. */
  async openFor(m: EntityManager, toOrganisationId: string, limit: number): Promise<LiveHandoffRecord[]> {
    return parseAll(
      await m.query(`SELECT ${COLUMNS} FROM live_handoffs l WHERE l.to_organisation_id = $1 AND l.status = 'REQUESTED' AND l.expires_at > now() ORDER BY l.expires_at, l.id LIMIT $2`, [
        toOrganisationId,
        limit,
      ]),
    );
  },

  /**
   * A new REQUESTED row, or nothing when the handoff has one already (partial unique index) or
   * the idempotency key was used (the caller reads which).
   */
  async insert(m: EntityManager, n: NewLiveHandoff): Promise<LiveHandoffRecord | undefined> {
    return parseAll(
      await m.query(
        `WITH ins AS (
           INSERT INTO live_handoffs AS l (handoff_id, referral_id, from_organisation_id, to_organisation_id, door_id, requested_by_employee_id, expires_at, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), $8)
           ON CONFLICT DO NOTHING RETURNING ${COLUMNS})
         SELECT * FROM ins`,
        [n.handoffId, n.referralId, n.fromOrganisationId, n.toOrganisationId, n.doorId, n.requestedByEmployeeId, n.timeoutSeconds, n.idempotencyKey],
      ),
    )[0];
  },

  /** The first pick-up wins: only a REQUESTED row within its time changes; undefined for everyone else. */
  async pickUp(m: EntityManager, id: string, employeeId: string): Promise<LiveHandoffRecord | undefined> {
    return parseAll(
      await m.query(
        `WITH upd AS (
           UPDATE live_handoffs l SET status = 'PICKED_UP', picked_up_by_employee_id = $2, picked_up_at = now(), ended_at = now(), version = l.version + 1
            WHERE l.id = $1 AND l.status = 'REQUESTED' AND l.expires_at > now() RETURNING ${COLUMNS})
         SELECT * FROM upd`,
        [id, employeeId],
      ),
    )[0];
  },

  async cancel(m: EntityManager, id: string): Promise<LiveHandoffRecord | undefined> {
    return parseAll(
      await m.query(
        `WITH upd AS (
           UPDATE live_handoffs l SET status = 'CANCELLED', ended_at = now(), version = l.version + 1
            WHERE l.id = $1 AND l.status = 'REQUESTED' RETURNING ${COLUMNS})
         SELECT * FROM upd`,
        [id],
      ),
    )[0];
  },

  /** The fallback, once: only a REQUESTED row past its time changes (another worker's pass finds nothing). */
  async fallBack(m: EntityManager, id: string): Promise<LiveHandoffRecord | undefined> {
    return parseAll(
      await m.query(
        `WITH upd AS (
           UPDATE live_handoffs l SET status = 'FELL_BACK', ended_at = now(), version = l.version + 1
            WHERE l.id = $1 AND l.status = 'REQUESTED' AND l.expires_at <= now() RETURNING ${COLUMNS})
         SELECT * FROM upd`,
        [id],
      ),
    )[0];
  },

  /** Every request to this organisation still waiting (REQUESTED), oldest first. */
  async waiting(m: EntityManager, toOrganisationId: string, limit: number): Promise<LiveHandoffRecord[]> {
    return parseAll(
      await m.query(`SELECT ${COLUMNS} FROM live_handoffs l WHERE l.to_organisation_id = $1 AND l.status = 'REQUESTED' ORDER BY l.requested_at, l.id LIMIT $2`, [toOrganisationId, limit]),
    );
  },

  /** Marks a request announced, once: true for the one pass that did it. */
  async markAnnounced(m: EntityManager, id: string): Promise<boolean> {
    const rows = rowsOf(await m.query(`WITH upd AS (UPDATE live_handoffs SET announced_at = now() WHERE id = $1 AND announced_at IS NULL RETURNING id) SELECT id FROM upd`, [id]));
    return rows.length > 0;
  },
};
