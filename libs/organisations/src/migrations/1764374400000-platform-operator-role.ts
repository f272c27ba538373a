import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employee role OPERATOR (platformbeheerder, ADR 0010): runs the platform and may open the
 * queue dashboard, which shows jobs of every organisation. No seed and no scope gives it; it is
 * granted by hand (docs/runbook.md). It grants nothing on case data.
 */
export class PlatformOperatorRole1764374400000 implements MigrationInterface {
  name = 'PlatformOperatorRole1764374400000';

  async up(q: QueryRunner): Promise<void> {
    // Allowed inside a transaction (PostgreSQL ≥ 12) as long as the value is not used in it.
    await q.query(`ALTER TYPE employee_role ADD VALUE IF NOT EXISTS 'OPERATOR'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // An enum value cannot be dropped: rebuild the type without it.
    await q.query(`UPDATE employees SET roles = array_remove(roles, 'OPERATOR') WHERE 'OPERATOR' = ANY (roles)`);
    await q.query(`ALTER TYPE employee_role RENAME TO employee_role_with_operator`);
    await q.query(`CREATE TYPE employee_role AS ENUM ('BALIE', 'BEHANDELAAR', 'COORDINATOR', 'SECRETARIS', 'BELEID', 'BEHEERDER')`);
    await q.query(`ALTER TABLE employees ALTER COLUMN roles DROP DEFAULT`);
    await q.query(`ALTER TABLE employees ALTER COLUMN roles TYPE employee_role[] USING roles::text[]::employee_role[]`);
    await q.query(`ALTER TABLE employees ALTER COLUMN roles SET DEFAULT '{}'`);
    await q.query(`DROP TYPE employee_role_with_operator`);
  }
}
