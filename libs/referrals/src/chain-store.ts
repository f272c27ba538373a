import { queryReturning, type RequestContext } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import {
  BOTTLENECK_COLUMNS,
  type BottleneckRecord,
  HANDOFF_COLUMNS,
  type HandoffRecord,
  REFERRAL_COLUMNS,
  type ReferralRecord,
  TIMELINE_COLUMNS,
  type TimelineEventRecord,
} from './records';
import type { BottleneckCategory, ConsentMethod, ReferralStatus, TimelineEventType } from './referral.enums';

/**
 * Plain persistence of a referral's chain. Every function runs inside the caller's tenant
 * transaction, so row-level security applies to each statement.
 */
export const chainStore = {
  async addParticipant(m: EntityManager, referralId: string, organisationId: string): Promise<void> {
    await m.query(
      `INSERT INTO referral_participants (referral_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [referralId, organisationId],
    );
  },

  async findReferral(m: EntityManager, id: string): Promise<ReferralRecord | undefined> {
    const rows: ReferralRecord[] = await m.query(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1`, [id]);
    return rows[0];
  },

  async findHandoff(m: EntityManager, id: string, lock = false): Promise<HandoffRecord | undefined> {
    const rows: HandoffRecord[] = await m.query(
      `SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE h.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  },

  async insertHandoff(
    m: EntityManager,
    h: {
      referralId: string;
      sequence: number;
      previousHandoffId: string | null;
      fromOrganisationId: string;
      fromEmployeeId: string | null;
      toOrganisationId: string;
      reason: string | null;
      summary: string | null;
    },
  ): Promise<HandoffRecord> {
    const rows: HandoffRecord[] = await m.query(
      `INSERT INTO handoffs AS h (referral_id, sequence, previous_handoff_id, from_organisation_id, from_employee_id,
                                  to_organisation_id, reason, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${HANDOFF_COLUMNS}`,
      [h.referralId, h.sequence, h.previousHandoffId, h.fromOrganisationId, h.fromEmployeeId, h.toOrganisationId, h.reason, h.summary],
    );
    return rows[0];
  },

  async insertConsent(
    m: EntityManager,
    c: { referralId: string; handoffId: string; organisationId: string; method: ConsentMethod },
    context: RequestContext,
  ): Promise<void> {
    await m.query(
      `INSERT INTO consents (referral_id, handoff_id, organisation_id, given, method, recorded_by_employee_id, recorded_by_organisation_id)
       VALUES ($1, $2, $3, true, $4, $5, $6)`,
      [c.referralId, c.handoffId, c.organisationId, c.method, context.actor.employeeId, context.actor.organisationId],
    );
  },

  async appendTimeline(
    m: EntityManager,
    e: { referralId: string; handoffId: string | null; type: TimelineEventType; note?: string | null },
    context: RequestContext,
  ): Promise<TimelineEventRecord> {
    const rows: TimelineEventRecord[] = await m.query(
      `INSERT INTO timeline_events AS t (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${TIMELINE_COLUMNS}`,
      [e.referralId, e.handoffId, e.type, context.actor.employeeId, context.actor.organisationId, e.note ?? null, context.actor.kind === 'machine' ? context.actor.clientId : null],
    );
    return rows[0];
  },

  async insertBottleneck(
    m: EntityManager,
    b: { referralId: string; category: BottleneckCategory; rule: string | null; description: string; customSolutionApplied: boolean; customSolution: string | null },
    context: RequestContext,
  ): Promise<BottleneckRecord> {
    const rows: BottleneckRecord[] = await m.query(
      `INSERT INTO bottlenecks AS b (referral_id, organisation_id, employee_id, category, rule, description, custom_solution_applied, custom_solution)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${BOTTLENECK_COLUMNS}`,
      [b.referralId, context.actor.organisationId, context.actor.employeeId, b.category, b.rule, b.description, b.customSolutionApplied, b.customSolution],
    );
    return rows[0];
  },

  /** Every organisation in the referral's chain (senders and receivers of its handoffs). */
  async chainOrganisationIds(m: EntityManager, referralId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT DISTINCT o AS id FROM handoffs h, unnest(ARRAY[h.from_organisation_id, h.to_organisation_id]) AS o
        WHERE h.referral_id = $1 ORDER BY 1`,
      [referralId],
    );
    return rows.map((r) => r.id);
  },

  /** The referral's status follows its latest handoff: completed → RESOLVED, cancelled → WITHDRAWN. */
  async refreshReferralStatus(m: EntityManager, referralId: string): Promise<ReferralStatus> {
    const rows = await queryReturning<{ status: ReferralStatus }>(
      m,
      `UPDATE referrals r SET
         status = s.status,
         updated_at = now(),
         closed_at = CASE WHEN s.status = 'OPEN' THEN NULL ELSE COALESCE(r.closed_at, now()) END
       FROM (SELECT CASE h.status WHEN 'COMPLETED' THEN 'RESOLVED' WHEN 'CANCELLED' THEN 'WITHDRAWN' ELSE 'OPEN' END::referral_status AS status
               FROM handoffs h WHERE h.referral_id = $1 ORDER BY h.sequence DESC LIMIT 1) s
       WHERE r.id = $1
       RETURNING r.status`,
      [referralId],
    );
    return rows[0].status;
  },
};
