import type { EntityManager } from 'typeorm';
import { BOTTLENECK_CATEGORIES, REFERRAL_TOPICS, type BottleneckCategory, type ReferralTopic } from '../referral.enums';
import { asRow, parseRows, reader } from './row';

/**
 * Reads over the case tables for the reports (issue 12): grouped figures per month and topic, the
 * knelpunten to copy (scrubbed by the reporting lib) and the maatwerk a leerverhaal starts from.
 * Each runs in the caller's tenant transaction, so row-level security limits it to what that
 * organisation may see; the reporting lib keeps only aggregates and scrubbed texts.
 */

/** The working-day calendar as parallel arrays (date → cumulative working days), sent as parameters. */
export interface CalendarParam {
  days: readonly string[];
  ordinals: readonly number[];
}

export const REPORT_COUNTERS = [
  'sent', 'received', 'accepted', 'contacted', 'completed', 'helped', 'partly_helped', 'not_helped',
  'forwarded', 'returned', 'cancelled', 'escalated', 'open', 'accept_measured', 'accept_within',
  'contact_measured', 'contact_within', 'agreement_norm', 'multi_link_chains',
] as const;
export type ReportCounter = (typeof REPORT_COUNTERS)[number];

export interface MonthTopicCounts {
  month: string;
  topic: ReferralTopic;
  counts: Record<ReportCounter, number>;
}

export const DURATION_METRICS = ['ACCEPT', 'CONTACT', 'CHAIN'] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

export interface DurationBucket {
  month: string;
  topic: ReferralTopic;
  metric: DurationMetric;
  value: number;
  n: number;
}

export interface BottleneckSource {
  id: string;
  createdAt: Date;
  category: BottleneckCategory;
  topic: ReferralTopic;
  rule: string | null;
  description: string;
  customSolutionApplied: boolean;
  customSolution: string | null;
  /** The citizen's name, only so the scrubber can find it; never stored. */
  citizenName: string | null;
}

export interface MaatwerkSource {
  organisationId: string;
  createdAt: Date;
  category: BottleneckCategory;
  topic: ReferralTopic;
  customSolutionApplied: boolean;
  /** The recording organisation completed a handoff of this referral. */
  handled: boolean;
  citizenName: string | null;
}

const month = (column: string) => `date_trunc('month', (${column}) AT TIME ZONE 'Europe/Amsterdam')::date`;
const localDate = (column: string) => `(${column} AT TIME ZONE 'Europe/Amsterdam')::date`;
const OPEN = `ARRAY['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS']::handoff_status[]`;

/**
 * The handoffs of one organisation (sent or received) requested in one month (Dutch time). The
 * month's bounds are constants of the statement, so the (organisation, created_at) indexes give
 * just that month (with a day's margin: requested_at and created_at are set by the same statement).
 */
function monthSlice(side: 'from_organisation_id' | 'to_organisation_id'): string {
  return `SELECT h.*, $2::date AS month, r.topic FROM handoffs h JOIN referrals r ON r.id = h.referral_id
           WHERE h.${side} = $1
             AND h.created_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Amsterdam') - interval '1 day'
             AND h.created_at < (($2::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam') + interval '1 day'
             AND ${month('h.requested_at')} = $2::date`;
}

function parseCounts(value: unknown): MonthTopicCounts {
  const r = reader('handoffs', asRow(value, 'handoffs'));
  const counts = Object.fromEntries(REPORT_COUNTERS.map((c) => [c, r.int(c)])) as Record<ReportCounter, number>;
  return { month: r.text('month'), topic: r.oneOf('topic', REFERRAL_TOPICS), counts };
}

export const reportQueries = {
  /** Months (first days) in which handoffs of this organisation changed since `since`. */
  async changedMonths(m: EntityManager, organisationId: string, since: Date): Promise<string[]> {
    return parseRows(
      await m.query(
        `SELECT DISTINCT ${month('h.requested_at')}::text AS month FROM handoffs h
          WHERE h.updated_at >= $2 AND (h.from_organisation_id = $1 OR h.to_organisation_id = $1) ORDER BY 1`,
        [organisationId, since],
      ),
      (row) => reader('handoffs', asRow(row, 'handoffs')).text('month'),
    );
  },

  /** The month of this organisation's first handoff, sent or received (the first build starts there); null if none. */
  async firstMonth(m: EntityManager, organisationId: string): Promise<string | null> {
    const rows = parseRows(
      await m.query(
        `SELECT ${month(`LEAST((SELECT min(h.created_at) FROM handoffs h WHERE h.to_organisation_id = $1),
                               (SELECT min(h.created_at) FROM handoffs h WHERE h.from_organisation_id = $1)) - interval '1 day'`)}::text AS month`,
        [organisationId],
      ),
      (row) => reader('handoffs', asRow(row, 'handoffs')).nullableText('month'),
    );
    return rows[0] ?? null;
  },

  /**
   * Counts per topic for one month (`firstDay`, YYYY-MM-01). Received side: statuses, outcomes, escalations (an ESCALATED
   * event, since picking up resets escalation_level), and the norm: a step is measured once it was
   * taken or its deadline passed (before `now`, or before cancelling), within when taken by the
   * deadline. Sent side: the count and chains of more than one link among referrals it started.
   */
  async monthCounts(m: EntityManager, organisationId: string, firstDay: string, now: Date): Promise<MonthTopicCounts[]> {
    const firstResponse = `LEAST(h.accepted_at, h.forwarded_at, h.returned_at)`;
    const contactResponse = `LEAST(h.contacted_at, h.completed_at, h.forwarded_at)`;
    return parseRows(
      await m.query(
        `WITH rec AS (${monthSlice('to_organisation_id')}),
              snt AS (${monthSlice('from_organisation_id')}),
              r AS (
                SELECT month, topic, count(*)::int AS received,
                       count(accepted_at)::int AS accepted, count(contacted_at)::int AS contacted,
                       count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
                       count(*) FILTER (WHERE outcome = 'GEHOLPEN')::int AS helped,
                       count(*) FILTER (WHERE outcome = 'DEELS_GEHOLPEN')::int AS partly_helped,
                       count(*) FILTER (WHERE outcome = 'NIET_GEHOLPEN')::int AS not_helped,
                       count(*) FILTER (WHERE status = 'FORWARDED')::int AS forwarded,
                       count(*) FILTER (WHERE status = 'RETURNED')::int AS returned,
                       count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM timeline_events t WHERE t.referral_id = rec.referral_id AND t.handoff_id = rec.id AND t.type = 'ESCALATED'))::int AS escalated,
                       count(*) FILTER (WHERE status = ANY(${OPEN}))::int AS open,
                       count(*) FILTER (WHERE accept_due_at IS NOT NULL AND (${firstResponse.replace(/h\./g, 'rec.')} IS NOT NULL OR accept_due_at < COALESCE(cancelled_at, $3)))::int AS accept_measured,
                       count(*) FILTER (WHERE ${firstResponse.replace(/h\./g, 'rec.')} <= accept_due_at)::int AS accept_within,
                       count(*) FILTER (WHERE contact_due_at IS NOT NULL AND (${contactResponse.replace(/h\./g, 'rec.')} IS NOT NULL OR contact_due_at < $3))::int AS contact_measured,
                       count(*) FILTER (WHERE ${contactResponse.replace(/h\./g, 'rec.')} <= contact_due_at)::int AS contact_within,
                       count(*) FILTER (WHERE deadline_source LIKE 'actielijst:%')::int AS agreement_norm
                  FROM rec GROUP BY month, topic),
              s AS (
                SELECT month, topic, count(*)::int AS sent,
                       count(*) FILTER (WHERE sequence = 1 AND EXISTS (SELECT 1 FROM handoffs n WHERE n.referral_id = snt.referral_id AND n.sequence = 2))::int AS multi_link_chains
                  FROM snt GROUP BY month, topic)
         SELECT COALESCE(r.month, s.month)::text AS month, COALESCE(r.topic, s.topic) AS topic,
                COALESCE(s.sent, 0) AS sent, COALESCE(s.multi_link_chains, 0) AS multi_link_chains,
                ${REPORT_COUNTERS.filter((c) => c !== 'sent' && c !== 'multi_link_chains').map((c) => `COALESCE(r.${c}, 0) AS ${c}`).join(', ')}
           FROM r FULL JOIN s ON s.month = r.month AND s.topic = r.topic`,
        [organisationId, firstDay, now],
      ),
      parseCounts,
    );
  },

  /**
   * Histograms of whole working days per topic for one month: request → acceptance and request →
   * first contact (received side), and the chain length of referrals this organisation started.
   */
  async durations(m: EntityManager, organisationId: string, firstDay: string, calendar: CalendarParam): Promise<DurationBucket[]> {
    return parseRows(
      await m.query(
        `WITH cal AS (SELECT d AS day, o AS ord FROM unnest($3::date[], $4::int[]) AS c(d, o)),
              rec AS (${monthSlice('to_organisation_id')}),
              snt AS (${monthSlice('from_organisation_id')}),
              v AS (
                SELECT rec.month, rec.topic, 'ACCEPT' AS metric, ca.ord - cr.ord AS value FROM rec
                  JOIN cal cr ON cr.day = ${localDate('rec.requested_at')} JOIN cal ca ON ca.day = ${localDate('rec.accepted_at')}
                UNION ALL
                SELECT rec.month, rec.topic, 'CONTACT', cc.ord - cr.ord FROM rec
                  JOIN cal cr ON cr.day = ${localDate('rec.requested_at')} JOIN cal cc ON cc.day = ${localDate('rec.contacted_at')}
                UNION ALL
                SELECT snt.month, snt.topic, 'CHAIN', (SELECT max(n.sequence) FROM handoffs n WHERE n.referral_id = snt.referral_id) FROM snt WHERE snt.sequence = 1)
         SELECT month::text AS month, topic, metric, value, count(*)::int AS n FROM v WHERE value >= 0 GROUP BY month, topic, metric, value`,
        [organisationId, firstDay, calendar.days, calendar.ordinals],
      ),
      (value): DurationBucket => {
        const r = reader('handoffs', asRow(value, 'handoffs'));
        return { month: r.text('month'), topic: r.oneOf('topic', REFERRAL_TOPICS), metric: r.oneOf('metric', DURATION_METRICS), value: r.int('value'), n: r.int('n') };
      },
    );
  },

  /** Knelpunten this organisation recorded after a (created_at, id) position, oldest first. */
  async bottlenecksAfter(m: EntityManager, organisationId: string, after: { at: Date; id: string } | null, limit: number): Promise<BottleneckSource[]> {
    return parseRows(
      await m.query(
        `SELECT b.id, b.created_at, b.category, r.topic, b.rule, b.description, b.custom_solution_applied, b.custom_solution, c.name AS citizen_name
           FROM bottlenecks b JOIN referrals r ON r.id = b.referral_id LEFT JOIN citizens c ON c.referral_id = b.referral_id
          WHERE b.organisation_id = $1 AND ($2::timestamptz IS NULL OR (b.created_at, b.id) > ($2::timestamptz, $3::uuid))
          ORDER BY b.created_at, b.id LIMIT $4`,
        [organisationId, after?.at ?? null, after?.id ?? null, limit],
      ),
      (value): BottleneckSource => {
        const r = reader('bottlenecks', asRow(value, 'bottlenecks'));
        return {
          id: r.text('id'),
          createdAt: r.date('created_at'),
          category: r.oneOf('category', BOTTLENECK_CATEGORIES),
          topic: r.oneOf('topic', REFERRAL_TOPICS),
          rule: r.nullableText('rule'),
          description: r.text('description'),
          customSolutionApplied: r.bool('custom_solution_applied'),
          customSolution: r.nullableText('custom_solution'),
          citizenName: r.nullableText('citizen_name'),
        };
      },
    );
  },

  /** The knelpunt a leerverhaal starts from, if the caller's organisation may see it. */
  async maatwerk(m: EntityManager, bottleneckId: string): Promise<MaatwerkSource | undefined> {
    const rows = parseRows(
      await m.query(
        `SELECT b.organisation_id, b.created_at, b.category, r.topic, b.custom_solution_applied, c.name AS citizen_name,
                EXISTS (SELECT 1 FROM handoffs h WHERE h.referral_id = b.referral_id AND h.to_organisation_id = b.organisation_id AND h.status = 'COMPLETED') AS handled
           FROM bottlenecks b JOIN referrals r ON r.id = b.referral_id LEFT JOIN citizens c ON c.referral_id = b.referral_id
          WHERE b.id = $1`,
        [bottleneckId],
      ),
      (value): MaatwerkSource => {
        const r = reader('bottlenecks', asRow(value, 'bottlenecks'));
        return {
          organisationId: r.text('organisation_id'),
          createdAt: r.date('created_at'),
          category: r.oneOf('category', BOTTLENECK_CATEGORIES),
          topic: r.oneOf('topic', REFERRAL_TOPICS),
          customSolutionApplied: r.bool('custom_solution_applied'),
          handled: r.bool('handled'),
          citizenName: r.nullableText('citizen_name'),
        };
      },
    );
    return rows[0];
  },
};
