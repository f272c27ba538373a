import type { Actor } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { type HandoffEscalatedPayload, handoffPayloadSql, type HandoffTopic } from '../events/case-events';
import { referralStatusFor, statusesWithOpenStep, TRANSITIONS } from '../handoffs/handoff-state-machine';
import { type ConsentMethod, HANDOFF_STATUSES, type HandoffAction, type HandoffDirection, type HandoffStatus, type Outcome, URGENCIES, REFERRAL_TOPICS } from '../referral.enums';
import { HANDOFF_COLUMNS, type HandoffRecord, parseHandoff } from './records';
import { asRow, parseRows, reader } from './row';

/**
 * Every statement on `handoffs` (the links of a referral's chain). Each function runs in the
 * caller's tenant transaction, so row-level security applies to every statement; other libs
 * (follow-ups' deadlines and notifications) call these functions, never the table.
 */

/**
 * `handoffs.status_code`, generated from `status` by migration 1764399600000 (the count indexes):
 * the two must agree. A Record over the union, so a new status does not compile without a code.
 */
export const HANDOFF_STATUS_CODE: Record<HandoffStatus, number> = {
  REQUESTED: 1,
  RECEIVED: 2,
  ACCEPTED: 3,
  IN_PROGRESS: 4,
  COMPLETED: 5,
  FORWARDED: 6,
  RETURNED: 7,
  CANCELLED: 8,
};

export interface HandoffListQuery {
  organisationId: string;
  direction: HandoffDirection;
  statuses?: readonly HandoffStatus[] | null;
  overdue?: boolean | null;
  /** The id of the last handoff of the previous page (keyset). */
  afterId?: string | null;
  limit: number;
}

/** Who takes a step, as the timeline and consents record it. */
export interface StepActor {
  organisationId: string;
  employeeId: string | null;
  machineClientId: string | null;
}

export function stepActor(actor: Actor): StepActor {
  return { organisationId: actor.organisationId, employeeId: actor.employeeId, machineClientId: actor.kind === 'machine' ? actor.clientId : null };
}

/** Columns a step may set besides status, version and its timestamp (typed, so no free SQL). */
export interface StepColumns {
  assignee_id?: string | null;
  reason?: string;
  outcome?: Outcome;
  outcome_note?: string | null;
}

export interface ForwardLink {
  toOrganisationId: string;
  reason: string;
  summary: string | null;
  consentMethod: ConsentMethod;
}

export interface StepWrite {
  id: string;
  expectedVersion: number;
  action: HandoffAction;
  set: StepColumns;
  note: string | null;
  actor: StepActor;
  /** FORWARD: the next link, its consent and its REQUESTED event, in the same statement. */
  forward?: ForwardLink;
}

/** What `applyStep` wrote: the updated link and, on FORWARD, the new one. */
export interface StepResult {
  updated: HandoffRecord;
  next: HandoffRecord | null;
}

/** The referral status once its latest link has a status, as SQL over `alias.status`. */
function referralStatusSql(alias: string): string {
  const cases = HANDOFF_STATUSES.map((s) => `WHEN '${s}' THEN '${referralStatusFor(s)}'`).join(' ');
  return `(CASE ${alias}.status ${cases} END)::referral_status`;
}

function listWhere(q: HandoffListQuery): { where: string[]; params: unknown[] } {
  const column = q.direction === 'INCOMING' ? 'to_organisation_id' : 'from_organisation_id';
  const where = [`h.${column} = $1`];
  const params: unknown[] = [q.organisationId];
  if (q.statuses?.length) {
    params.push(q.statuses);
    where.push(`h.status = ANY($${params.length}::handoff_status[])`);
  }
  if (q.overdue !== undefined && q.overdue !== null) {
    params.push(q.overdue);
    where.push(`h.overdue = $${params.length}`);
  }
  return { where, params };
}

/**
 * The list's filter in the shape of the count indexes (organisation, status_code, overdue):
 * the status as `status_code`, because under row-level security only a LEAKPROOF comparison
 * (smallint, not the enum) may become an index condition; and every status when none is
 * asked for, so that `overdue` alone is an index condition too (one descent per status).
 */
function countWhere(q: Omit<HandoffListQuery, 'limit' | 'afterId'>): { where: string[]; params: unknown[] } {
  const column = q.direction === 'INCOMING' ? 'to_organisation_id' : 'from_organisation_id';
  const statuses = q.statuses?.length ? q.statuses : HANDOFF_STATUSES;
  const where = [`h.${column} = $1`, `h.status_code = ANY($2::smallint[])`];
  const params: unknown[] = [q.organisationId, [...new Set(statuses)].map((st) => HANDOFF_STATUS_CODE[st])];
  if (q.overdue !== undefined && q.overdue !== null) {
    params.push(q.overdue);
    where.push(`h.overdue = $${params.length}`);
  }
  return { where, params };
}

/** A handoff's deadline clock with its referral's topic and urgency (the norm depends on them). */
export interface HandoffClock {
  id: string;
  referralId: string;
  status: HandoffStatus;
  fromOrganisationId: string;
  fromEmployeeId: string | null;
  toOrganisationId: string;
  assigneeId: string | null;
  requestedAt: Date;
  acceptedAt: Date | null;
  acceptDueAt: Date | null;
  contactDueAt: Date | null;
  escalationLevel: number;
  topic: string;
  urgency: string;
}

const CLOCK_COLUMNS = `h.id, h.referral_id, h.status, h.from_organisation_id, h.from_employee_id, h.to_organisation_id, h.assignee_id,
  h.requested_at, h.accepted_at, h.accept_due_at, h.contact_due_at, h.escalation_level, r.topic, r.urgency`;

function parseClock(value: unknown): HandoffClock {
  const r = reader('handoffs', asRow(value, 'handoffs'));
  return {
    id: r.text('id'),
    referralId: r.text('referral_id'),
    status: r.oneOf('status', HANDOFF_STATUSES),
    fromOrganisationId: r.text('from_organisation_id'),
    fromEmployeeId: r.nullableText('from_employee_id'),
    toOrganisationId: r.text('to_organisation_id'),
    assigneeId: r.nullableText('assignee_id'),
    requestedAt: r.date('requested_at'),
    acceptedAt: r.nullableDate('accepted_at'),
    acceptDueAt: r.nullableDate('accept_due_at'),
    contactDueAt: r.nullableDate('contact_due_at'),
    escalationLevel: r.int('escalation_level'),
    topic: r.oneOf('topic', REFERRAL_TOPICS),
    urgency: r.oneOf('urgency', URGENCIES),
  };
}

/** What the notifiers need of a handoff: parties, assignee, topic; ids only. */
export interface HandoffNoticeFacts {
  fromOrganisationId: string;
  toOrganisationId: string;
  referralId: string;
  assigneeId: string | null;
  fromEmployeeId: string | null;
  originEmployeeId: string | null;
  originOrganisationId: string;
  outcome: Outcome | null;
  topic: string;
  /** The receiver of the link that follows this one (after a FORWARD). */
  nextToOrganisationId: string | null;
}

export const handoffsStore = {
  async find(m: EntityManager, id: string): Promise<HandoffRecord | undefined> {
    const rows = parseRows(await m.query(`SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE h.id = $1`, [id]), parseHandoff);
    return rows[0];
  },

  /** The row locked for a step: only the link's own sender and receiver may lock it (RLS). */
  async lock(m: EntityManager, id: string): Promise<HandoffRecord | undefined> {
    const rows = parseRows(await m.query(`SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE h.id = $1 FOR UPDATE`, [id]), parseHandoff);
    return rows[0];
  },

  /** The links of these referrals, grouped by the caller; in chain order. */
  async ofReferrals(m: EntityManager, referralIds: readonly string[]): Promise<HandoffRecord[]> {
    return parseRows(
      await m.query(`SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE h.referral_id = ANY($1::uuid[]) ORDER BY h.referral_id, h.sequence`, [referralIds]),
      parseHandoff,
    );
  },

  /** One page of an inbox or outbox, newest first; `limit` rows at most. */
  async page(m: EntityManager, q: HandoffListQuery): Promise<HandoffRecord[]> {
    const { where, params } = listWhere(q);
    if (q.afterId) {
      params.push(q.afterId);
      where.push(`(h.created_at, h.id) < (SELECT c.created_at, c.id FROM handoffs c WHERE c.id = $${params.length})`);
    }
    params.push(q.limit);
    return parseRows(
      await m.query(`SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE ${where.join(' AND ')} ORDER BY h.created_at DESC, h.id DESC LIMIT $${params.length}`, params),
      parseHandoff,
    );
  },

  /** How many match, counting no further than `cap + 1` index entries. */
  async countUpTo(m: EntityManager, q: Omit<HandoffListQuery, 'limit' | 'afterId'>, cap: number): Promise<number> {
    const { where, params } = countWhere(q);
    params.push(cap + 1);
    const rows = parseRows(
      await m.query(`SELECT count(*)::int AS count FROM (SELECT 1 FROM handoffs h WHERE ${where.join(' AND ')} LIMIT $${params.length}) capped`, params),
      (row) => reader('handoffs', asRow(row, 'handoffs')).int('count'),
    );
    return rows[0];
  },

  /**
   * One step of the state machine, after the row is locked and checked: the update, its timeline
   * event (and on FORWARD the next link, its consent and event), the outbox rows and the
   * referral's status, as ONE statement (data-modifying CTEs share one snapshot: the chain is
   * read before this statement's own writes, so the forward's new receiver is added to it).
   */
  async applyStep(m: EntityManager, w: StepWrite): Promise<StepResult> {
    const rule = TRANSITIONS[w.action];
    const params: unknown[] = [w.id, w.expectedVersion, rule.to, rule.timeline, w.actor.employeeId, w.actor.organisationId, w.note, w.actor.machineClientId, rule.topic];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const assignments = [`status = $3::handoff_status`, `version = h.version + 1`, `updated_at = now()`, `${rule.stamp} = now()`];
    if (rule.settlesOverdue) assignments.push(`overdue = false`, `escalation_level = 0`);
    for (const [column, value] of Object.entries(w.set)) {
      if (value === undefined) continue;
      assignments.push(`${column} = ${p(value)}${column === 'outcome' ? '::handoff_outcome' : ''}`);
    }
    const f = w.forward;
    const fwd = f ? { to: p(f.toOrganisationId), reason: p(f.reason), summary: p(f.summary), consent: p(f.consentMethod) } : null;
    const ctes = [
      `upd AS (UPDATE handoffs h SET ${assignments.join(', ')} WHERE h.id = $1 AND h.version = $2 RETURNING h.*)`,
    ];
    if (fwd) {
      ctes.push(
        `part AS (INSERT INTO referral_participants (referral_id, organisation_id) SELECT upd.referral_id, ${fwd.to}::uuid FROM upd ON CONFLICT DO NOTHING)`,
        `nxt AS (INSERT INTO handoffs (referral_id, sequence, previous_handoff_id, from_organisation_id, from_employee_id, to_organisation_id, reason, summary)
                 SELECT upd.referral_id, upd.sequence + 1, upd.id, $6, $5, ${fwd.to}::uuid, ${fwd.reason}, ${fwd.summary} FROM upd RETURNING *)`,
        `cons AS (INSERT INTO consents (referral_id, handoff_id, organisation_id, given, method, recorded_by_employee_id, recorded_by_organisation_id)
                  SELECT nxt.referral_id, nxt.id, ${fwd.to}::uuid, true, ${fwd.consent}::consent_method, $5, $6 FROM nxt)`,
      );
    }
    // One INSERT for the step's event and the next link's, in that order (ids keep the timeline's order).
    const events = [`SELECT 1 AS ord, upd.referral_id, upd.id AS handoff_id, $4::text AS type, $7::text AS note FROM upd`];
    if (fwd) events.push(`SELECT 2, nxt.referral_id, nxt.id, 'REQUESTED', ${fwd.summary}::text FROM nxt`);
    ctes.push(
      `tl AS (INSERT INTO timeline_events (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id)
              SELECT e.referral_id, e.handoff_id, e.type, $5, $6, e.note, $8 FROM (${events.join(' UNION ALL ')}) e ORDER BY e.ord)`,
      `chain AS (SELECT ARRAY(SELECT DISTINCT o FROM (
                   SELECT unnest(ARRAY[x.from_organisation_id, x.to_organisation_id]) AS o FROM handoffs x WHERE x.referral_id = (SELECT referral_id FROM upd)
                   ${fwd ? `UNION SELECT ${fwd.to}::uuid` : ''}) s ORDER BY 1) AS ids)`,
      `ob AS (INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
              SELECT $9, 'handoff', upd.id, ${handoffPayloadSql('upd', 'chain.ids')} FROM upd, chain
              ${fwd ? `UNION ALL SELECT 'handoff.requested', 'handoff', nxt.id, ${handoffPayloadSql('nxt', 'chain.ids')} FROM nxt, chain` : ''})`,
      // The referral follows its latest link (a forward's new link is REQUESTED: OPEN).
      `ref AS (UPDATE referrals r SET updated_at = now(),
                 status = s.status, closed_at = CASE WHEN s.status = 'OPEN' THEN NULL ELSE COALESCE(r.closed_at, now()) END
               FROM (SELECT upd.referral_id,
                            CASE WHEN ${fwd ? 'true' : 'false'} THEN 'OPEN'::referral_status
                                 WHEN EXISTS (SELECT 1 FROM handoffs n WHERE n.referral_id = upd.referral_id AND n.sequence > upd.sequence)
                                 THEN (SELECT rr.status FROM referrals rr WHERE rr.id = upd.referral_id)
                                 ELSE ${referralStatusSql('upd')} END AS status
                       FROM upd) s
              WHERE r.id = s.referral_id)`,
    );
    const select = fwd
      ? `SELECT 'updated' AS kind, to_jsonb(upd) AS row FROM upd UNION ALL SELECT 'next', to_jsonb(nxt) FROM nxt`
      : `SELECT 'updated' AS kind, to_jsonb(upd) AS row FROM upd`;
    const rows = parseRows(await m.query(`WITH ${ctes.join(',\n')} ${select}`, params), (value) => {
      const r = reader('step', asRow(value, 'step'));
      return { kind: r.text('kind'), row: parseHandoff(asRow(value, 'step').row) };
    });
    const updated = rows.find((r) => r.kind === 'updated')?.row;
    if (!updated) throw new Error(`handoff ${w.id} was not updated (version ${w.expectedVersion}) although it was locked and checked`);
    return { updated, next: rows.find((r) => r.kind === 'next')?.row ?? null };
  },

  /** Every organisation in the referral's chain (senders and receivers of its links), sorted. */
  async chainOrganisationIds(m: EntityManager, referralId: string): Promise<string[]> {
    return parseRows(
      await m.query(
        `SELECT DISTINCT o AS id FROM handoffs h, unnest(ARRAY[h.from_organisation_id, h.to_organisation_id]) AS o WHERE h.referral_id = $1 ORDER BY 1`,
        [referralId],
      ),
      (row) => reader('handoffs', asRow(row, 'handoffs')).text('id'),
    );
  },

  // ---- Deadlines (follow-ups' bookkeeping; never a user's change, so the version stays) ----

  async clock(m: EntityManager, id: string): Promise<HandoffClock | undefined> {
    const rows = parseRows(await m.query(`SELECT ${CLOCK_COLUMNS} FROM handoffs h JOIN referrals r ON r.id = h.referral_id WHERE h.id = $1`, [id]), parseClock);
    return rows[0];
  },

  /** The clocks of many handoffs in one statement (those the current tenant may see). */
  async clocks(m: EntityManager, ids: readonly string[]): Promise<HandoffClock[]> {
    if (ids.length === 0) return [];
    return parseRows(await m.query(`SELECT ${CLOCK_COLUMNS} FROM handoffs h JOIN referrals r ON r.id = h.referral_id WHERE h.id = ANY($1::uuid[])`, [ids]), parseClock);
  },

  /** setAcceptDue for many handoffs in one statement; each deadline is still set once only. */
  async setAcceptDueMany(m: EntityManager, rows: ReadonlyArray<{ id: string; due: Date; source: string }>): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `UPDATE handoffs h SET accept_due_at = v.due, deadline_source = v.source
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS v(id, due, source)
        WHERE h.id = v.id AND h.accept_due_at IS NULL`,
      [rows.map((r) => r.id), rows.map((r) => r.due), rows.map((r) => r.source)],
    );
  },

  /** Sets the acceptance deadline once (a retry keeps the first); `source` names the norm. */
  async setAcceptDue(m: EntityManager, id: string, due: Date, source: string): Promise<void> {
    await m.query(`UPDATE handoffs SET accept_due_at = $2, deadline_source = $3 WHERE id = $1 AND accept_due_at IS NULL`, [id, due, source]);
  },

  /**
   * Replaces the acceptance deadline and its source while the acceptance step is still open
   * (a live handoff nobody picked up falls back to the ACUUT norm). False when the step was
   * already taken. Bookkeeping, not a user's change: the version stays.
   */
  async replaceAcceptDue(m: EntityManager, id: string, due: Date, source: string): Promise<boolean> {
    const rows = parseRows(
      await m.query(
        `WITH upd AS (UPDATE handoffs SET accept_due_at = $2, deadline_source = $3 WHERE id = $1 AND status = ANY($4::handoff_status[]) RETURNING id) SELECT id FROM upd`,
        [id, due, source, statusesWithOpenStep('ACCEPT')],
      ),
      (row) => row,
    );
    return rows.length > 0;
  },

  /** Sets the first-contact deadline once; the acceptance step is done, so its overdue state ends. */
  async setContactDue(m: EntityManager, id: string, due: Date, source: string): Promise<void> {
    await m.query(
      `UPDATE handoffs SET contact_due_at = $2, deadline_source = $3, overdue = false, escalation_level = 0 WHERE id = $1 AND contact_due_at IS NULL`,
      [id, due, source],
    );
  },

  /**
   * A callback booked at the desk (doors' callbacks): the slot's end becomes the first-contact
   * deadline (setContactDue later keeps it: it only fills an empty one), and the acceptance
   * deadline moves forward to the slot's start when it was later (or to the norm's, when sooner).
   * Only while the link is still to be picked up. Returns the acceptance deadline it had before.
   */
  async setCallbackDeadline(m: EntityManager, c: { id: string; slotStart: Date; slotEnd: Date; normAcceptDue: Date | null; source: string }): Promise<{ previousAcceptDueAt: Date | null } | null> {
    const rows = parseRows(
      await m.query(
        `WITH old AS (SELECT h.id, h.accept_due_at FROM handoffs h WHERE h.id = $1 AND h.status = ANY($6::handoff_status[]) FOR UPDATE),
              upd AS (UPDATE handoffs h SET contact_due_at = $3, accept_due_at = LEAST(h.accept_due_at, $4::timestamptz, $2::timestamptz),
                             deadline_source = COALESCE(h.deadline_source, $5)
                        FROM old WHERE h.id = old.id RETURNING old.accept_due_at AS previous)
         SELECT previous FROM upd`,
        [c.id, c.slotStart, c.slotEnd, c.normAcceptDue, c.source, statusesWithOpenStep('ACCEPT')],
      ),
      (row) => reader('handoffs', asRow(row, 'handoffs')).nullableDate('previous'),
    );
    return rows.length === 0 ? null : { previousAcceptDueAt: rows[0] };
  },

  /** A cancelled callback while the link is still to be picked up: its deadlines go back to what the norm gave. */
  async clearCallbackDeadline(m: EntityManager, c: { id: string; slotStart: Date; slotEnd: Date; previousAcceptDueAt: Date | null }): Promise<void> {
    await m.query(
      `UPDATE handoffs h SET contact_due_at = CASE WHEN h.contact_due_at = $3 THEN NULL ELSE h.contact_due_at END,
              accept_due_at = CASE WHEN h.accept_due_at = $2 AND $4::timestamptz IS NOT NULL THEN $4::timestamptz ELSE h.accept_due_at END
        WHERE h.id = $1 AND h.status = ANY($5::handoff_status[])`,
      [c.id, c.slotStart, c.slotEnd, c.previousAcceptDueAt, statusesWithOpenStep('ACCEPT')],
    );
  },

  /**
   * Raises the escalation of an open step to `level` (once per level: a retry changes nothing),
   * with its ESCALATED timeline event and `handoff.escalated` outbox row, in one statement.
   * The status is checked again here: the step may have been taken since it was read.
   */
  async escalate(m: EntityManager, e: { id: string; step: 'ACCEPT' | 'CONTACT'; level: number; organisationId: string; note: string }): Promise<HandoffEscalatedPayload | null> {
    const topic: HandoffTopic = 'handoff.escalated';
    const rows = parseRows(
      await m.query(
        `WITH upd AS (
           UPDATE handoffs h SET overdue = true, escalation_level = $2
            WHERE h.id = $1 AND h.escalation_level < $2 AND h.status = ANY($3::handoff_status[]) RETURNING h.*),
         tl AS (INSERT INTO timeline_events (referral_id, handoff_id, type, actor_organisation_id, note)
                SELECT upd.referral_id, upd.id, 'ESCALATED', $4, $5 FROM upd),
         pl AS (SELECT jsonb_build_object('handoffId', upd.id, 'referralId', upd.referral_id, 'fromOrganisationId', upd.from_organisation_id,
                  'toOrganisationId', upd.to_organisation_id, 'status', upd.status, 'escalationLevel', $2::int, 'step', $6::text,
                  'organisationIds', to_jsonb(ARRAY[upd.from_organisation_id, upd.to_organisation_id])) AS payload FROM upd),
         ob AS (INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload) SELECT $7, 'handoff', $1, pl.payload FROM pl)
         SELECT payload FROM pl`,
        [e.id, e.level, statusesWithOpenStep(e.step), e.organisationId, e.note, e.step, topic],
      ),
      (row) => parseEscalatedPayload(asRow(row, 'outbox').payload),
    );
    return rows[0] ?? null;
  },

  /** Open steps of this receiver with a deadline before `horizon` (contact: a week more, for the reminder). */
  async openDeadlines(m: EntityManager, q: { organisationId: string; maxLevel: number; horizon: Date; limit: number }): Promise<HandoffClock[]> {
    return parseRows(
      await m.query(
        `SELECT ${CLOCK_COLUMNS} FROM handoffs h JOIN referrals r ON r.id = h.referral_id
          WHERE h.to_organisation_id = $1 AND h.escalation_level < $2
            AND ((h.status = ANY($5::handoff_status[]) AND h.accept_due_at < $3)
              -- A week more for the reminder, which comes a working day before the deadline.
              OR (h.status = ANY($6::handoff_status[]) AND h.contact_due_at < $3::timestamptz + interval '7 days'))
          ORDER BY h.escalation_level, h.id LIMIT $4`,
        [q.organisationId, q.maxLevel, q.horizon, q.limit, statusesWithOpenStep('ACCEPT'), statusesWithOpenStep('CONTACT')],
      ),
      parseClock,
    );
  },

  /** What the notifiers need to tell the right people of a link; ids and codes only. */
  async noticeFacts(m: EntityManager, id: string): Promise<HandoffNoticeFacts | undefined> {
    const rows = parseRows(
      await m.query(
        `SELECT h.from_organisation_id, h.to_organisation_id, h.referral_id, h.assignee_id, h.from_employee_id, h.outcome,
                r.origin_employee_id, r.origin_organisation_id, r.topic,
                (SELECT n.to_organisation_id::text FROM handoffs n WHERE n.previous_handoff_id = h.id LIMIT 1) AS next_to_organisation_id
           FROM handoffs h JOIN referrals r ON r.id = h.referral_id WHERE h.id = $1`,
        [id],
      ),
      (value): HandoffNoticeFacts => {
        const r = reader('handoffs', asRow(value, 'handoffs'));
        return {
          fromOrganisationId: r.text('from_organisation_id'),
          toOrganisationId: r.text('to_organisation_id'),
          referralId: r.text('referral_id'),
          assigneeId: r.nullableText('assignee_id'),
          fromEmployeeId: r.nullableText('from_employee_id'),
          originEmployeeId: r.nullableText('origin_employee_id'),
          originOrganisationId: r.text('origin_organisation_id'),
          outcome: r.nullableOneOf('outcome', ['GEHOLPEN', 'DEELS_GEHOLPEN', 'NIET_GEHOLPEN'] as const),
          topic: r.oneOf('topic', REFERRAL_TOPICS),
          nextToOrganisationId: r.nullableText('next_to_organisation_id'),
        };
      },
    );
    return rows[0];
  },
};

function parseEscalatedPayload(value: unknown): HandoffEscalatedPayload {
  const r = reader('outbox.payload', asRow(value, 'outbox.payload'));
  const ids = asRow(value, 'outbox.payload').organisationIds;
  if (!Array.isArray(ids) || !ids.every((x): x is string => typeof x === 'string')) throw new Error('outbox.payload.organisationIds: expected text[]');
  return {
    handoffId: r.text('handoffId'),
    referralId: r.text('referralId'),
    fromOrganisationId: r.text('fromOrganisationId'),
    toOrganisationId: r.text('toOrganisationId'),
    status: r.oneOf('status', HANDOFF_STATUSES),
    escalationLevel: r.int('escalationLevel'),
    step: r.oneOf('step', ['ACCEPT', 'CONTACT'] as const),
    organisationIds: ids,
  };
}
