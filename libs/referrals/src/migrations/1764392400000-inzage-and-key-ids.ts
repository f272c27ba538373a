import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inzage (AVG art. 15) and key rotation (docs/security/inzage-and-keys.md):
 * - the employee role PRIVACY (privacymedewerker / functionaris gegevensbescherming), given by no
 *   seed and no scope, granted by hand (docs/runbook.md);
 * - `citizens.bsn_key_id` and `citizens.hmac_key_id`: which key the row's BSN ciphertext and its
 *   hash and pseudonym were made with (an id derived from the key, never the key). NULL means
 *   "written before key ids"; `npm run keys:rotate` rewrites those too;
 * - `app_subject_processing_log(pseudonyms)`: the processing-log rows of one data subject that the
 *   current organisation may show in an inzage: its own, and other organisations' rows about a
 *   referral it takes part in. SECURITY DEFINER (the log's policy shows only one's own rows), so it
 *   is owned by the migration role (superuser or BYPASSRLS) and executable by schakel_runtime only.
 */
export class InzageAndKeyIds1764392400000 implements MigrationInterface {
  name = 'InzageAndKeyIds1764392400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE employee_role ADD VALUE IF NOT EXISTS 'PRIVACY'`);
    await q.query(`ALTER TABLE citizens ADD COLUMN bsn_key_id text, ADD COLUMN hmac_key_id text`);
    await q.query(`
      CREATE FUNCTION app_subject_processing_log(pseudonyms text[])
      RETURNS TABLE (occurred_at timestamptz, activity text, organisation_id uuid, referral_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT l.occurred_at, l.activity, l.organisation_id, l.referral_id
           FROM processing_log l
          WHERE l.subject_pseudonym = ANY (pseudonyms)
            AND app_current_organisation() IS NOT NULL
            AND (l.organisation_id = app_current_organisation()
                 OR (l.referral_id IS NOT NULL AND EXISTS (
                       SELECT 1 FROM referral_participants p
                        WHERE p.referral_id = l.referral_id AND p.organisation_id = app_current_organisation())))
          ORDER BY l.occurred_at, l.id
          LIMIT 10000 $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_subject_processing_log(text[]) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_subject_processing_log(text[]) TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_subject_processing_log(text[])`);
    await q.query(`ALTER TABLE citizens DROP COLUMN bsn_key_id, DROP COLUMN hmac_key_id`);
    await q.query(`UPDATE employees SET roles = array_remove(roles, 'PRIVACY') WHERE 'PRIVACY' = ANY (roles)`);
    await q.query(`ALTER TYPE employee_role RENAME TO employee_role_with_privacy`);
    await q.query(`CREATE TYPE employee_role AS ENUM ('BALIE', 'BEHANDELAAR', 'COORDINATOR', 'SECRETARIS', 'BELEID', 'BEHEERDER', 'OPERATOR')`);
    await q.query(`ALTER TABLE employees ALTER COLUMN roles DROP DEFAULT`);
    await q.query(`ALTER TABLE employees ALTER COLUMN roles TYPE employee_role[] USING roles::text[]::employee_role[]`);
    await q.query(`ALTER TABLE employees ALTER COLUMN roles SET DEFAULT '{}'`);
    await q.query(`DROP TYPE employee_role_with_privacy`);
  }
}
