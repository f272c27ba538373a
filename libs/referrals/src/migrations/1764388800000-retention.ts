import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and anonymisation of closed referrals (ADR 0011):
 * - `organisations.retention_days`: the organisation's retention period after closing; NULL means
 *   the platform default (RETENTION_DAYS_DEFAULT).
 * - `referrals.anonymised_at`: set once, by the worker's anonymisation; it makes the job
 *   idempotent and lets the API show a case as anonymised.
 * - `citizens`: identifiers may become NULL, but only on an anonymised row (the CHECK keeps live
 *   rows whole).
 * - Append-only tables (timeline, knelpunten, processing log) get an UPDATE right on the free-text
 *   columns only, and a policy that allows it only on a referral that is already anonymised and
 *   only towards emptied values. So "append-only" still holds for everything else.
 */
export class Retention1764388800000 implements MigrationInterface {
  name = 'Retention1764388800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations ADD COLUMN retention_days int CHECK (retention_days BETWEEN 1 AND 36500)`);

    await q.query(`ALTER TABLE referrals ADD COLUMN anonymised_at timestamptz`);
    // The job's search: closed, not yet anonymised, per origin organisation, oldest first.
    await q.query(`CREATE INDEX referrals_retention_idx ON referrals (origin_organisation_id, closed_at) WHERE anonymised_at IS NULL AND status <> 'OPEN'`);

    for (const column of ['bsn_encrypted', 'bsn_hash', 'subject_pseudonym', 'name']) {
      await q.query(`ALTER TABLE citizens ALTER COLUMN ${column} DROP NOT NULL`);
    }
    await q.query(`
      ALTER TABLE citizens ADD CONSTRAINT citizens_whole_until_anonymised
      CHECK (anonymised_at IS NOT NULL OR (bsn_encrypted IS NOT NULL AND bsn_hash IS NOT NULL AND subject_pseudonym IS NOT NULL AND name IS NOT NULL))`);

    const anonymised = `EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id AND r.anonymised_at IS NOT NULL)`;
    await q.query(`GRANT UPDATE (note) ON timeline_events TO schakel_runtime`);
    await q.query(`
      CREATE POLICY timeline_events_anonymise ON timeline_events FOR UPDATE
      USING (app_is_participant(referral_id)) WITH CHECK (note IS NULL AND ${anonymised})`);
    await q.query(`GRANT UPDATE (rule, description, custom_solution) ON bottlenecks TO schakel_runtime`);
    await q.query(`
      CREATE POLICY bottlenecks_anonymise ON bottlenecks FOR UPDATE
      USING (app_is_participant(referral_id)) WITH CHECK (rule IS NULL AND ${anonymised})`);
    // The pseudonym in the processing log would tie an anonymised case to a BSN (anyone holding
    // the HMAC key can compute it); it is replaced, the record of what was done stays.
    await q.query(`GRANT UPDATE (subject_pseudonym) ON processing_log TO schakel_runtime`);
    await q.query(`
      CREATE POLICY processing_log_anonymise ON processing_log FOR UPDATE
      USING (organisation_id = (SELECT app_current_organisation()))
      WITH CHECK (organisation_id = (SELECT app_current_organisation()) AND subject_pseudonym = '[geanonimiseerd]' AND ${anonymised})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY processing_log_anonymise ON processing_log`);
    await q.query(`REVOKE UPDATE (subject_pseudonym) ON processing_log FROM schakel_runtime`);
    await q.query(`DROP POLICY bottlenecks_anonymise ON bottlenecks`);
    await q.query(`REVOKE UPDATE (rule, description, custom_solution) ON bottlenecks FROM schakel_runtime`);
    await q.query(`DROP POLICY timeline_events_anonymise ON timeline_events`);
    await q.query(`REVOKE UPDATE (note) ON timeline_events FROM schakel_runtime`);
    await q.query(`ALTER TABLE citizens DROP CONSTRAINT citizens_whole_until_anonymised`);
    // Only possible while no citizen was anonymised (the identifiers are gone for good).
    for (const column of ['bsn_encrypted', 'bsn_hash', 'subject_pseudonym', 'name']) {
      await q.query(`ALTER TABLE citizens ALTER COLUMN ${column} SET NOT NULL`);
    }
    await q.query(`DROP INDEX referrals_retention_idx`);
    await q.query(`ALTER TABLE referrals DROP COLUMN anonymised_at`);
    await q.query(`ALTER TABLE organisations DROP COLUMN retention_days`);
  }
}
