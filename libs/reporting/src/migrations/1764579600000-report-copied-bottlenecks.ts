import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which knelpunten the reporting job has copied already (ids only, in a table of their own, so a
 * report row never links to its source). The job re-reads a day before its watermark, so a
 * knelpunt committed late by a long transaction is still copied, and copied exactly once.
 */
export class ReportCopiedBottlenecks1764579600000 implements MigrationInterface {
  name = 'ReportCopiedBottlenecks1764579600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_copied_bottlenecks (
        bottleneck_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations(id)
      )`);
    await q.query(`ALTER TABLE report_copied_bottlenecks ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE report_copied_bottlenecks FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY report_copied_bottlenecks_own ON report_copied_bottlenecks USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`,
    );
    await q.query(`GRANT SELECT, INSERT ON report_copied_bottlenecks TO schakel_runtime`);
    // What the job copied before this table existed: everything up to its watermark.
    await q.query(`
      INSERT INTO report_copied_bottlenecks (bottleneck_id, organisation_id)
      SELECT b.id, b.organisation_id FROM bottlenecks b JOIN report_refresh_state s ON s.organisation_id = b.organisation_id
       WHERE s.bottlenecks_after_at IS NOT NULL AND (b.created_at, b.id) <= (s.bottlenecks_after_at, s.bottlenecks_after_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_copied_bottlenecks`);
  }
}
