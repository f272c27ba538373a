import { ANONYMISED, AppError } from '@schakel/platform';
import type { EntityManager } from 'typeorm';

/** A closed referral whose retention has passed, with every organisation of its chain. */
export interface DueReferral {
  id: string;
  organisationIds: string[];
  handoffIds: string[];
}

/** Retention in days per organisation; an organisation missing here gets the default. */
export interface RetentionPolicy {
  defaultDays: number;
  days: Map<string, number>;
}

/**
 * The case-table side of retention (ADR 0011), plain SQL inside the caller's transaction.
 * `claimDue` and `anonymiseOwned` run in the origin organisation's tenant; `anonymiseAt` in the
 * tenant of each organisation of the chain, since a handoff may only be changed by its own sender
 * or receiver and each organisation sees only its own processing log.
 */
export const referralRetention = {
  /**
   * Locks up to `limit` referrals of this origin organisation that are closed (RESOLVED or
   * WITHDRAWN: every handoff terminal), not anonymised yet, and closed longer ago than the longest
   * retention of any organisation in their chain. SKIP LOCKED: a concurrent run (another worker)
   * or a note being added takes the row; this run leaves it for the next.
   */
  async claimDue(m: EntityManager, originOrganisationId: string, policy: RetentionPolicy, limit: number): Promise<DueReferral[]> {
    const organisations = [...policy.days.keys()];
    return m.query(
      `WITH retention (organisation_id, days) AS (SELECT * FROM unnest($2::uuid[], $3::int[]))
       SELECT r.id, chain."organisationIds", chain."handoffIds"
         FROM referrals r
         CROSS JOIN LATERAL (
           SELECT array_agg(DISTINCT o) AS "organisationIds", array_agg(DISTINCT h.id) AS "handoffIds"
             FROM handoffs h, unnest(ARRAY[h.from_organisation_id, h.to_organisation_id]) AS o
            WHERE h.referral_id = r.id) chain
        WHERE r.origin_organisation_id = $1 AND r.status IN ('RESOLVED', 'WITHDRAWN') AND r.anonymised_at IS NULL
          AND r.closed_at < now() - make_interval(days => (
                SELECT max(COALESCE(x.days, $4)) FROM unnest(chain."organisationIds") AS o LEFT JOIN retention x ON x.organisation_id = o))
        ORDER BY r.closed_at
        LIMIT $5
        FOR UPDATE OF r SKIP LOCKED`,
      [originOrganisationId, organisations, organisations.map((id) => policy.days.get(id)), policy.defaultDays, limit],
    );
  },

  /**
   * What the origin organisation's tenant may change for the whole chain: the referral (story,
   * idempotency key and request hash; `anonymised_at` first, which the update policies of the
   * append-only tables require), the citizen, timeline notes and knelpunt texts. Dates, statuses,
   * topic, urgency, organisations, outcomes and knelpunt categories stay for the reports.
   */
  async anonymiseOwned(m: EntityManager, referralIds: string[]): Promise<void> {
    await m.query(
      `UPDATE referrals SET summary = $2, idempotency_key = NULL, request_hash = NULL, anonymised_at = now()
        WHERE id = ANY($1::uuid[]) AND anonymised_at IS NULL`,
      [referralIds, ANONYMISED],
    );
    // doNotContact can itself be telling (e.g. domestic violence), so it is reset too.
    await m.query(
      `UPDATE citizens SET bsn_encrypted = NULL, bsn_hash = NULL, subject_pseudonym = NULL, name = NULL, phone = NULL, email = NULL,
              preferred_channel = NULL, do_not_contact = false, anonymised_at = now()
        WHERE referral_id = ANY($1::uuid[])`,
      [referralIds],
    );
    await m.query(`UPDATE timeline_events SET note = NULL WHERE referral_id = ANY($1::uuid[]) AND note IS NOT NULL`, [referralIds]);
    // The rule is free text too ("art. 18, zie de brief van mevrouw …"); the category stays.
    await m.query(
      `UPDATE bottlenecks SET rule = NULL, description = $2, custom_solution = CASE WHEN custom_solution IS NULL THEN NULL ELSE $2 END
        WHERE referral_id = ANY($1::uuid[])`,
      [referralIds, ANONYMISED],
    );
  },

  /** In one organisation's tenant: the free text of the handoffs it sent or received. */
  async anonymiseHandoffs(m: EntityManager, referralIds: string[]): Promise<void> {
    await m.query(
      `UPDATE handoffs SET reason = NULL, summary = NULL, outcome_note = NULL
        WHERE referral_id = ANY($1::uuid[])
          AND (from_organisation_id = (SELECT app_current_organisation()) OR to_organisation_id = (SELECT app_current_organisation()))`,
      [referralIds],
    );
  },
};

/**
 * Refuses new text on an anonymised referral (a note or knelpunt would bring personal data back).
 * FOR SHARE waits for a running anonymisation of this referral and then sees its outcome, and
 * keeps the anonymisation from starting until this transaction ends.
 */
export async function requireNotAnonymised(m: EntityManager, referralId: string): Promise<void> {
  const rows: Array<{ anonymised: boolean }> = await m.query(`SELECT anonymised_at IS NOT NULL AS anonymised FROM referrals WHERE id = $1 FOR SHARE`, [referralId]);
  if (rows[0]?.anonymised) {
    throw new AppError('INVALID_TRANSITION', {
      nl: 'Deze verwijzing is geanonimiseerd na afloop van de bewaartermijn; er kan niets meer aan worden toegevoegd.',
      en: 'This referral was anonymised after its retention period; nothing can be added to it.',
    }, { anonymised: true });
  }
}
