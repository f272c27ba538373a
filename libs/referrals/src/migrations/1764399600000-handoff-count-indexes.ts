import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for `handoffs { totalCount }` (docs/performance.md, "totalCount: capped count"):
 *
 * - `handoffs.status_code`: the status as a smallint, generated from `status`. Under row-level
 *   security the planner only lets a filter into an index condition before the policy when its
 *   operator is LEAKPROOF; `int2eq` is, the enum's `enum_eq` is not (and only a superuser could
 *   change that). With `status = ANY(…)` every status filter scanned all of an organisation's
 *   handoffs; with `status_code = ANY(…)` it reads only the matching index entries. NOT NULL, so
 *   a status added to the enum without a code here fails loudly on insert, never miscounts.
 *   The codes are fixed history: `HANDOFF_STATUS_CODE` in the referrals lib must match them.
 * - one index per direction, keyed (organisation, status_code, overdue), INCLUDE the other columns
 *   the `handoffs_visible` policy reads, so the capped count is an index-only scan whose cost is
 *   the number of matching rows (at most the cap), whatever the filter.
 *
 * Adding a stored generated column rewrites the table (about 7 s at 480,000 handoffs on the
 * benchmark machine, under an ACCESS EXCLUSIVE lock): run it in a maintenance window on a large
 * installation.
 */
export class HandoffCountIndexes1764399600000 implements MigrationInterface {
  name = 'HandoffCountIndexes1764399600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE handoffs ADD COLUMN status_code smallint NOT NULL GENERATED ALWAYS AS (
        CASE status WHEN 'REQUESTED' THEN 1 WHEN 'RECEIVED' THEN 2 WHEN 'ACCEPTED' THEN 3 WHEN 'IN_PROGRESS' THEN 4
                    WHEN 'COMPLETED' THEN 5 WHEN 'FORWARDED' THEN 6 WHEN 'RETURNED' THEN 7 WHEN 'CANCELLED' THEN 8 END
      ) STORED`);
    await q.query(`CREATE INDEX handoffs_incoming_count_idx ON handoffs (to_organisation_id, status_code, overdue) INCLUDE (from_organisation_id, referral_id)`);
    await q.query(`CREATE INDEX handoffs_outgoing_count_idx ON handoffs (from_organisation_id, status_code, overdue) INCLUDE (to_organisation_id, referral_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX handoffs_outgoing_count_idx`);
    await q.query(`DROP INDEX handoffs_incoming_count_idx`);
    await q.query(`ALTER TABLE handoffs DROP COLUMN status_code`);
  }
}
