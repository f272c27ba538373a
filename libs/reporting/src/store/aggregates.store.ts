import { DURATION_METRICS, REFERRAL_TOPICS, REPORT_COUNTERS, type DurationBucket, type DurationMetric, type MonthTopicCounts, type ReferralTopic, type ReportCounter } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import { fields, rows } from './row';

/**
 * Statements on the aggregate tables (report_handoff_months, report_duration_months) and the
 * job's watermark. Run in the tenant of the organisation whose rows they are.
 */
export interface RefreshState {
  handoffsRefreshedAt: Date | null;
  bottlenecksAfter: { at: Date; id: string } | null;
  refreshedAt: Date;
}

/** One organisation's duration histogram, grouped by month, by topic, or over the whole period. */
export interface DurationRow {
  month: string | null;
  topic: ReferralTopic | null;
  metric: DurationMetric;
  value: number;
  n: number;
}

export const aggregatesStore = {
  async state(m: EntityManager, organisationId: string): Promise<RefreshState | null> {
    const [row] = rows(await m.query(`SELECT * FROM report_refresh_state WHERE organisation_id = $1`, [organisationId]));
    if (!row) return null;
    const f = fields('report_refresh_state', row);
    const at = f.nullableDate('bottlenecks_after_at');
    const id = f.nullableText('bottlenecks_after_id');
    return { handoffsRefreshedAt: f.nullableDate('handoffs_refreshed_at'), bottlenecksAfter: at && id ? { at, id } : null, refreshedAt: f.date('refreshed_at') };
  },

  async saveState(m: EntityManager, organisationId: string, s: Omit<RefreshState, 'refreshedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO report_refresh_state (organisation_id, handoffs_refreshed_at, bottlenecks_after_at, bottlenecks_after_id, refreshed_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (organisation_id) DO UPDATE SET handoffs_refreshed_at = EXCLUDED.handoffs_refreshed_at, bottlenecks_after_at = EXCLUDED.bottlenecks_after_at,
         bottlenecks_after_id = EXCLUDED.bottlenecks_after_id, refreshed_at = now()`,
      [organisationId, s.handoffsRefreshedAt, s.bottlenecksAfter?.at ?? null, s.bottlenecksAfter?.id ?? null],
    );
  },

  /** Replaces the organisation's rows of these months with freshly computed ones. */
  async replaceMonths(m: EntityManager, organisationId: string, months: readonly string[], counts: readonly MonthTopicCounts[], durations: readonly DurationBucket[]): Promise<void> {
    await m.query(`DELETE FROM report_handoff_months WHERE organisation_id = $1 AND month = ANY($2::date[])`, [organisationId, months]);
    await m.query(`DELETE FROM report_duration_months WHERE organisation_id = $1 AND month = ANY($2::date[])`, [organisationId, months]);
    if (counts.length > 0) {
      const cols = REPORT_COUNTERS.join(', ');
      await m.query(
        `INSERT INTO report_handoff_months (organisation_id, month, topic, ${cols})
         SELECT $1, month, topic, ${cols} FROM jsonb_to_recordset($2::jsonb) AS x(month date, topic referral_topic, ${REPORT_COUNTERS.map((c) => `${c} int`).join(', ')})`,
        [organisationId, JSON.stringify(counts.map((c) => ({ month: c.month, topic: c.topic, ...c.counts })))],
      );
    }
    if (durations.length > 0) {
      await m.query(
        `INSERT INTO report_duration_months (organisation_id, month, topic, metric, value, n)
         SELECT $1, month, topic, metric, value, n FROM jsonb_to_recordset($2::jsonb) AS x(month date, topic referral_topic, metric text, value int, n int)`,
        [organisationId, JSON.stringify(durations)],
      );
    }
  },

  async monthCounts(m: EntityManager, organisationId: string, first: string, last: string): Promise<MonthTopicCounts[]> {
    return rows(
      await m.query(
        `SELECT month::text AS month, topic, ${REPORT_COUNTERS.join(', ')} FROM report_handoff_months
          WHERE organisation_id = $1 AND month BETWEEN $2 AND $3`,
        [organisationId, first, last],
      ),
    ).map((row) => {
      const f = fields('report_handoff_months', row);
      return { month: f.text('month'), topic: f.oneOf('topic', REFERRAL_TOPICS), counts: Object.fromEntries(REPORT_COUNTERS.map((c) => [c, f.int(c)])) as Record<ReportCounter, number> };
    });
  },

  /** The histograms summed by month, by topic and over the period, in one statement. */
  async durations(m: EntityManager, organisationId: string, first: string, last: string): Promise<DurationRow[]> {
    return rows(
      await m.query(
        `SELECT month::text AS month, topic, metric, value, sum(n)::int AS n FROM report_duration_months
          WHERE organisation_id = $1 AND month BETWEEN $2 AND $3
          GROUP BY GROUPING SETS ((month, metric, value), (topic, metric, value), (metric, value))`,
        [organisationId, first, last],
      ),
    ).map((row) => {
      const f = fields('report_duration_months', row);
      return { month: f.nullableText('month'), topic: f.nullableOneOf('topic', REFERRAL_TOPICS), metric: f.oneOf('metric', DURATION_METRICS), value: f.int('value'), n: f.int('n') };
    });
  },
};
