import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The running apps log in with their own role (DATABASE_URL) that is a member of
 * `schakel_runtime`. Migrations grant table rights to this group role only, so each table's
 * rights (e.g. append-only) are decided where the table is created. The group role can never
 * bypass row-level security.
 */
export class RuntimeRole1764331200000 implements MigrationInterface {
  name = 'RuntimeRole1764331200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        CREATE ROLE schakel_runtime NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO schakel_runtime`);
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO schakel_runtime', current_database()); END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The role is shared by every database of the cluster; only this database's grants go.
    await q.query(`REVOKE USAGE ON SCHEMA public FROM schakel_runtime`);
    await q.query(`DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM schakel_runtime', current_database()); END $$`);
  }
}
