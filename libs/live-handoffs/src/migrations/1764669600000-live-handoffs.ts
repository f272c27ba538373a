import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live warm handoffs (issue 13): who is on duty (dienstdoende), how many per organisation, and
 * the live requests with their outcome.
 *
 * Row-level security (ENABLE + FORCE, so not even the owner role reads past it by accident):
 * - on_duty_employees: only the own organisation sees, adds and removes its on-duty people.
 * - on_duty_counts: the number of on-duty people per organisation, readable by every
 *   organisation (a balie may see how many are on duty at the receiving door, never who), written
 *   only by the own organisation. A table rather than a SECURITY DEFINER function: nothing reads
 *   past row-level security, and the count is kept in the same transaction as the change
 *   (the store locks the count row first, so two changes at once count right).
 * - live_handoffs: visible to and changeable by the sending and the receiving organisation;
 *   only the sending organisation inserts. At most one REQUESTED per handoff (partial unique
 *   index); an idempotency key per sending organisation.
 */
export class LiveHandoffs1764669600000 implements MigrationInterface {
  name = 'LiveHandoffs1764669600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE live_handoff_status AS ENUM ('REQUESTED', 'PICKED_UP', 'FELL_BACK', 'CANCELLED')`);

    await q.query(`
      CREATE TABLE on_duty_employees (
        employee_id uuid PRIMARY KEY REFERENCES employees(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        since timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX on_duty_employees_organisation_idx ON on_duty_employees (organisation_id)`);

    await q.query(`
      CREATE TABLE on_duty_counts (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
        on_duty int NOT NULL DEFAULT 0 CHECK (on_duty >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE live_handoffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        handoff_id uuid NOT NULL REFERENCES handoffs(id),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        from_organisation_id uuid NOT NULL REFERENCES organisations(id),
        to_organisation_id uuid NOT NULL REFERENCES organisations(id),
        door_id uuid REFERENCES doors(id),
        status live_handoff_status NOT NULL DEFAULT 'REQUESTED',
        requested_by_employee_id uuid NOT NULL REFERENCES employees(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        picked_up_by_employee_id uuid REFERENCES employees(id),
        picked_up_at timestamptz,
        ended_at timestamptz,
        -- When the receiver's on-duty people were told (notification rows); the worker's sweep
        -- tells them when the API could not, so no request goes unannounced.
        announced_at timestamptz,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        CONSTRAINT live_handoffs_expiry CHECK (expires_at > requested_at),
        CONSTRAINT live_handoffs_picked_up CHECK ((status = 'PICKED_UP') = (picked_up_at IS NOT NULL AND picked_up_by_employee_id IS NOT NULL)),
        CONSTRAINT live_handoffs_ended CHECK ((status = 'REQUESTED') = (ended_at IS NULL)),
        CONSTRAINT live_handoffs_idempotency UNIQUE (from_organisation_id, idempotency_key)
      )`);
    await q.query(`CREATE UNIQUE INDEX live_handoffs_one_requested ON live_handoffs (handoff_id) WHERE status = 'REQUESTED'`);
    await q.query(`CREATE INDEX live_handoffs_open_idx ON live_handoffs (to_organisation_id, expires_at) WHERE status = 'REQUESTED'`);
    await q.query(`CREATE INDEX live_handoffs_handoff_idx ON live_handoffs (handoff_id, requested_at DESC)`);
    await q.query(`CREATE INDEX live_handoffs_report_idx ON live_handoffs (to_organisation_id, requested_at)`);

    // ---- Row-level security -------------------------------------------------------------------
    for (const table of ['on_duty_employees', 'on_duty_counts', 'live_handoffs']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`CREATE POLICY on_duty_employees_own ON on_duty_employees FOR ALL USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY on_duty_counts_visible ON on_duty_counts FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY on_duty_counts_insert ON on_duty_counts FOR INSERT WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY on_duty_counts_update ON on_duty_counts FOR UPDATE USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`
      CREATE POLICY live_handoffs_visible ON live_handoffs FOR SELECT
      USING (from_organisation_id = (SELECT app_current_organisation()) OR to_organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY live_handoffs_insert ON live_handoffs FOR INSERT WITH CHECK (from_organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`
      CREATE POLICY live_handoffs_update ON live_handoffs FOR UPDATE
      USING (from_organisation_id = (SELECT app_current_organisation()) OR to_organisation_id = (SELECT app_current_organisation()))
      WITH CHECK (from_organisation_id = (SELECT app_current_organisation()) OR to_organisation_id = (SELECT app_current_organisation()))`);

    // ---- Grants -------------------------------------------------------------------------------
    await q.query(`GRANT SELECT, INSERT, DELETE ON on_duty_employees TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON on_duty_counts TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON live_handoffs TO schakel_runtime`);
    // The parties, the handoff and the request never change once made: only the outcome columns.
    await q.query(`GRANT UPDATE (status, picked_up_by_employee_id, picked_up_at, ended_at, announced_at, version) ON live_handoffs TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['live_handoffs', 'on_duty_counts', 'on_duty_employees']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP TYPE live_handoff_status`);
  }
}
