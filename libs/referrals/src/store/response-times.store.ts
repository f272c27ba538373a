import type { EntityManager } from 'typeorm';
import { REFERRAL_TOPICS, type ReferralTopic } from '../referral.enums';
import { asRow, parseRows, reader } from './row';

/** Accepted handoffs to one organisation for one topic, as aggregates only (the sociale kaart's measured speed). */
export interface AcceptedResponseTimes {
  topic: ReferralTopic;
  acceptedCount: number;
  /** Calendar minutes from requested to accepted. */
  medianMinutes: number;
  p90Minutes: number;
}

/**
 * The one read over the case tables the doors lib needs: per topic, how many handoffs the
 * receiving organisation accepted since `since` and how long that took (median and 90th
 * percentile, calendar minutes from requested to accepted). Runs in the receiver's tenant
 * transaction, so row-level security limits it to the handoffs that organisation takes part in;
 * only counts and durations leave.
 */
export const responseTimes = {
  async acceptedSince(m: EntityManager, receiverOrganisationId: string, since: Date): Promise<AcceptedResponseTimes[]> {
    const rows = await m.query(
      `SELECT r.topic::text AS topic, count(*)::int AS accepted_count,
              round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY h.accepted_at - h.requested_at)) / 60)::int AS median_minutes,
              round(extract(epoch FROM percentile_cont(0.9) WITHIN GROUP (ORDER BY h.accepted_at - h.requested_at)) / 60)::int AS p90_minutes
         FROM handoffs h JOIN referrals r ON r.id = h.referral_id
        WHERE h.to_organisation_id = $1 AND h.accepted_at IS NOT NULL AND h.accepted_at >= $2 AND h.accepted_at >= h.requested_at
        GROUP BY r.topic
        ORDER BY r.topic`,
      [receiverOrganisationId, since],
    );
    return parseRows(rows, (value) => {
      const r = reader('handoffs', asRow(value, 'handoffs'));
      return { topic: r.oneOf('topic', REFERRAL_TOPICS), acceptedCount: r.int('accepted_count'), medianMinutes: r.int('median_minutes'), p90Minutes: r.int('p90_minutes') };
    });
  },
};
