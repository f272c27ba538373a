import type { EntityManager } from 'typeorm';
import type { BottleneckCategory, HandoffStatus, Outcome, ReferralStatus, ReferralTopic, Urgency } from '../referral.enums';

/**
 * Bulk writes of demo case history (issue 12: a year of realistic history for the reports on a
 * fresh machine). The reporting lib plans the cases; this store owns the statements on the case
 * tables: one statement per table for a whole batch (jsonb_to_recordset), run by the seed as the
 * database owner. Never used by the running apps.
 */
export interface DemoLink {
  id: string;
  sequence: number;
  previousId: string | null;
  fromOrganisationId: string;
  toOrganisationId: string;
  status: HandoffStatus;
  requestedAt: string;
  receivedAt: string | null;
  acceptedAt: string | null;
  contactedAt: string | null;
  completedAt: string | null;
  forwardedAt: string | null;
  returnedAt: string | null;
  cancelledAt: string | null;
  acceptDueAt: string;
  contactDueAt: string | null;
  deadlineSource: string;
  outcome: Outcome | null;
  reason: string | null;
  overdue: boolean;
  escalationLevel: number;
  /** Moments of ESCALATED events on this link. */
  escalatedAt: string[];
}

export interface DemoCase {
  referralId: string;
  originOrganisationId: string;
  topic: ReferralTopic;
  urgency: Urgency;
  status: ReferralStatus;
  summary: string;
  createdAt: string;
  closedAt: string | null;
  citizenName: string;
  bsnHash: string;
  links: DemoLink[];
  bottleneck: null | {
    organisationId: string;
    category: BottleneckCategory;
    rule: string | null;
    description: string;
    customSolution: string | null;
    createdAt: string;
  };
}

const STAMPS: ReadonlyArray<[keyof DemoLink, string]> = [
  ['receivedAt', 'RECEIVED'],
  ['acceptedAt', 'ACCEPTED'],
  ['contactedAt', 'CONTACT_RECORDED'],
  ['completedAt', 'COMPLETED'],
  ['forwardedAt', 'FORWARDED'],
  ['returnedAt', 'RETURNED'],
  ['cancelledAt', 'CANCELLED'],
];

export const demoHistory = {
  /** Writes a batch of demo cases (referrals, participants, citizens, handoffs, consents, timeline, knelpunten). */
  async write(m: EntityManager, cases: readonly DemoCase[]): Promise<void> {
    if (cases.length === 0) return;
    const last = (c: DemoCase) => c.links[c.links.length - 1];
    const referrals = cases.map((c) => ({
      id: c.referralId,
      origin_organisation_id: c.originOrganisationId,
      topic: c.topic,
      summary: c.summary,
      urgency: c.urgency,
      status: c.status,
      created_at: c.createdAt,
      updated_at: last(c).completedAt ?? last(c).requestedAt,
      closed_at: c.closedAt,
    }));
    await m.query(
      `INSERT INTO referrals (id, origin_organisation_id, topic, summary, urgency, status, created_at, updated_at, closed_at)
       SELECT id, origin_organisation_id, topic, summary, urgency, status, created_at, updated_at, closed_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, origin_organisation_id uuid, topic referral_topic, summary text, urgency referral_urgency,
                                                 status referral_status, created_at timestamptz, updated_at timestamptz, closed_at timestamptz)`,
      [JSON.stringify(referrals)],
    );
    const participants = cases.flatMap((c) => {
      const orgs = new Set([c.originOrganisationId, ...c.links.map((l) => l.toOrganisationId)]);
      return [...orgs].map((o) => ({ referral_id: c.referralId, organisation_id: o, joined_at: c.createdAt }));
    });
    await m.query(
      `INSERT INTO referral_participants (referral_id, organisation_id, joined_at)
       SELECT referral_id, organisation_id, joined_at FROM jsonb_to_recordset($1::jsonb) AS x(referral_id uuid, organisation_id uuid, joined_at timestamptz)`,
      [JSON.stringify(participants)],
    );
    await m.query(
      `INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name, created_at, bsn_key_id, hmac_key_id)
       SELECT referral_id, 'demo', bsn_hash, md5('demo-subject' || referral_id::text), name, created_at, 'demo', 'demo'
         FROM jsonb_to_recordset($1::jsonb) AS x(referral_id uuid, bsn_hash text, name text, created_at timestamptz)`,
      [JSON.stringify(cases.map((c) => ({ referral_id: c.referralId, bsn_hash: c.bsnHash, name: c.citizenName, created_at: c.createdAt })))],
    );
    const links = cases.flatMap((c) =>
      c.links.map((l) => ({
        id: l.id,
        referral_id: c.referralId,
        sequence: l.sequence,
        previous_handoff_id: l.previousId,
        from_organisation_id: l.fromOrganisationId,
        to_organisation_id: l.toOrganisationId,
        status: l.status,
        reason: l.reason,
        outcome: l.outcome,
        requested_at: l.requestedAt,
        received_at: l.receivedAt,
        accepted_at: l.acceptedAt,
        contacted_at: l.contactedAt,
        completed_at: l.completedAt,
        forwarded_at: l.forwardedAt,
        returned_at: l.returnedAt,
        cancelled_at: l.cancelledAt,
        accept_due_at: l.acceptDueAt,
        contact_due_at: l.contactDueAt,
        deadline_source: l.deadlineSource,
        overdue: l.overdue,
        escalation_level: l.escalationLevel,
        updated_at: [l.completedAt, l.forwardedAt, l.returnedAt, l.cancelledAt, l.contactedAt, l.acceptedAt, l.receivedAt, l.requestedAt].find((x) => x !== null),
      })),
    );
    await m.query(
      `INSERT INTO handoffs (id, referral_id, sequence, previous_handoff_id, from_organisation_id, to_organisation_id, status, reason, outcome,
                             requested_at, received_at, accepted_at, contacted_at, completed_at, forwarded_at, returned_at, cancelled_at,
                             accept_due_at, contact_due_at, deadline_source, overdue, escalation_level, created_at, updated_at)
       SELECT id, referral_id, sequence, previous_handoff_id, from_organisation_id, to_organisation_id, status, reason, outcome,
              requested_at, received_at, accepted_at, contacted_at, completed_at, forwarded_at, returned_at, cancelled_at,
              accept_due_at, contact_due_at, deadline_source, overdue, escalation_level, requested_at, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, referral_id uuid, sequence int, previous_handoff_id uuid, from_organisation_id uuid,
              to_organisation_id uuid, status handoff_status, reason text, outcome handoff_outcome, requested_at timestamptz, received_at timestamptz,
              accepted_at timestamptz, contacted_at timestamptz, completed_at timestamptz, forwarded_at timestamptz, returned_at timestamptz,
              cancelled_at timestamptz, accept_due_at timestamptz, contact_due_at timestamptz, deadline_source text, overdue boolean,
              escalation_level int, updated_at timestamptz)
        ORDER BY sequence`,
      [JSON.stringify(links)],
    );
    const consents = cases.flatMap((c) =>
      c.links.map((l) => ({ referral_id: c.referralId, handoff_id: l.id, organisation_id: l.toOrganisationId, recorded_by: l.fromOrganisationId, at: l.requestedAt })),
    );
    await m.query(
      `INSERT INTO consents (referral_id, handoff_id, organisation_id, given, method, recorded_by_organisation_id, recorded_at)
       SELECT referral_id, handoff_id, organisation_id, true, 'MONDELING', recorded_by, at
         FROM jsonb_to_recordset($1::jsonb) AS x(referral_id uuid, handoff_id uuid, organisation_id uuid, recorded_by uuid, at timestamptz)`,
      [JSON.stringify(consents)],
    );
    const events = cases.flatMap((c) =>
      c.links.flatMap((l) => [
        { referral_id: c.referralId, handoff_id: l.id, type: 'REQUESTED', actor: l.fromOrganisationId, note: null, at: l.requestedAt },
        ...STAMPS.filter(([key]) => l[key] !== null).map(([key, type]) => ({
          referral_id: c.referralId,
          handoff_id: l.id,
          type,
          actor: type === 'CANCELLED' ? l.fromOrganisationId : l.toOrganisationId,
          note: type === 'FORWARDED' || type === 'RETURNED' ? l.reason : null,
          at: l[key] as string,
        })),
        ...l.escalatedAt.map((at) => ({ referral_id: c.referralId, handoff_id: l.id, type: 'ESCALATED', actor: l.toOrganisationId, note: 'Demo: termijn verstreken.', at })),
      ]),
    );
    await m.query(
      `INSERT INTO timeline_events (referral_id, handoff_id, type, actor_organisation_id, note, occurred_at)
       SELECT referral_id, handoff_id, type, actor, note, at
         FROM jsonb_to_recordset($1::jsonb) AS x(referral_id uuid, handoff_id uuid, type text, actor uuid, note text, at timestamptz)
        ORDER BY at`,
      [JSON.stringify(events)],
    );
    const bottlenecks = cases.flatMap((c) => (c.bottleneck ? [{ referral_id: c.referralId, ...c.bottleneck }] : []));
    if (bottlenecks.length > 0) {
      await m.query(
        `INSERT INTO bottlenecks (referral_id, organisation_id, category, rule, description, custom_solution_applied, custom_solution, created_at)
         SELECT referral_id, "organisationId", category, rule, description, "customSolution" IS NOT NULL, "customSolution", "createdAt"
           FROM jsonb_to_recordset($1::jsonb) AS x(referral_id uuid, "organisationId" uuid, category bottleneck_category, rule text, description text,
                                                   "customSolution" text, "createdAt" timestamptz)`,
        [JSON.stringify(bottlenecks)],
      );
    }
  },
};
