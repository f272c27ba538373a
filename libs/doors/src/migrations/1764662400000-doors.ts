import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sociale kaart (issue 13): the doors (loketten) each organisation publishes, every version of
 * each door, and the measured response speed per receiving organisation and topic.
 *
 * Row-level security: the kaart is open between organisations, so every organisation reads every
 * door, version and statistic; only the owning organisation inserts or updates its own doors and
 * versions, and only the receiving organisation (the worker in its tenant) replaces its own
 * statistics. door_versions is append-only for every role (trigger), so the history cannot be
 * rewritten. The statistics are aggregates only (counts and durations), never case data.
 */
export class Doors1764662400000 implements MigrationInterface {
  name = 'Doors1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE door_reach AS ENUM ('DIRECTE_LIJN', 'LIVE')`);

    // CHECK constraints cannot hold subqueries: these immutable helpers check every array element.
    await q.query(`
      CREATE FUNCTION doors_gemeentecodes_valid(codes text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS
      $$ SELECT coalesce(bool_and(c ~ '^[0-9]{4}$'), true) FROM unnest(codes) c $$`);
    await q.query(`
      CREATE FUNCTION doors_texts_within(items text[], max_length int) RETURNS boolean LANGUAGE sql IMMUTABLE AS
      $$ SELECT coalesce(bool_and(length(btrim(i)) BETWEEN 1 AND max_length), true) FROM unnest(items) i $$`);

    await q.query(`
      CREATE TABLE doors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        topics referral_topic[] NOT NULL CHECK (cardinality(topics) >= 1),
        national boolean NOT NULL DEFAULT false,
        gemeentecodes text[] NOT NULL DEFAULT '{}' CHECK (doors_gemeentecodes_valid(gemeentecodes)),
        reach door_reach NOT NULL DEFAULT 'DIRECTE_LIJN',
        phone text CHECK (length(phone) <= 40),
        opening_hours jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(opening_hours) = 'array'),
        checklist text[] NOT NULL DEFAULT '{}' CHECK (cardinality(checklist) <= 20 AND doors_texts_within(checklist, 200)),
        live_allowed boolean NOT NULL DEFAULT false,
        live_timeout_minutes int NOT NULL DEFAULT 5 CHECK (live_timeout_minutes BETWEEN 1 AND 60),
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by_employee_id uuid REFERENCES employees(id),
        CONSTRAINT doors_region CHECK (national OR cardinality(gemeentecodes) >= 1)
      )`);
    await q.query(`CREATE INDEX doors_organisation_idx ON doors (organisation_id)`);
    await q.query(`CREATE INDEX doors_topics_idx ON doors USING gin (topics)`);
    await q.query(`CREATE INDEX doors_gemeentecodes_idx ON doors USING gin (gemeentecodes)`);

    // Every version of a door as it was saved: the snapshot, who and when.
    await q.query(`
      CREATE TABLE door_versions (
        door_id uuid NOT NULL REFERENCES doors(id),
        version int NOT NULL CHECK (version >= 1),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        snapshot jsonb NOT NULL,
        changed_by_employee_id uuid REFERENCES employees(id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (door_id, version)
      )`);

    // Accepted handoffs of the last 90 days per receiving organisation and topic (calendar minutes
    // from requested to accepted). Aggregates only; replaced per organisation by the worker.
    await q.query(`
      CREATE TABLE door_response_stats (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        topic referral_topic NOT NULL,
        accepted_count int NOT NULL CHECK (accepted_count >= 0),
        median_minutes int CHECK (median_minutes >= 0),
        p90_minutes int CHECK (p90_minutes >= 0),
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, topic)
      )`);

    // ---- Row-level security -------------------------------------------------------------------
    for (const table of ['doors', 'door_versions', 'door_response_stats']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      // The kaart is open: every organisation reads every row.
      await q.query(`CREATE POLICY ${table}_visible ON ${table} FOR SELECT USING (true)`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    }
    await q.query(`CREATE POLICY doors_update ON doors FOR UPDATE USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY door_response_stats_update ON door_response_stats FOR UPDATE USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY door_response_stats_delete ON door_response_stats FOR DELETE USING (organisation_id = (SELECT app_current_organisation()))`);

    // ---- Immutability -------------------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION door_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
           RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
         END $$`);
    await q.query(`CREATE TRIGGER door_versions_append_only BEFORE UPDATE OR DELETE ON door_versions FOR EACH ROW EXECUTE FUNCTION door_versions_refuse_change()`);
    await q.query(`CREATE TRIGGER door_versions_no_truncate BEFORE TRUNCATE ON door_versions FOR EACH STATEMENT EXECUTE FUNCTION door_versions_refuse_change()`);
    // A door's owner and identity never change (its history would lie otherwise).
    await q.query(`
      CREATE FUNCTION doors_guard() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
           IF NEW.id <> OLD.id OR NEW.organisation_id <> OLD.organisation_id OR NEW.created_at <> OLD.created_at THEN
             RAISE EXCEPTION 'door %: identity and owner are fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
           END IF;
           RETURN NEW;
         END $$`);
    await q.query(`CREATE TRIGGER doors_guard BEFORE UPDATE ON doors FOR EACH ROW EXECUTE FUNCTION doors_guard()`);

    // ---- Grants -------------------------------------------------------------------------------
    await q.query(`GRANT SELECT, INSERT, UPDATE ON doors TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON door_versions TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON door_response_stats TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['door_response_stats', 'door_versions', 'doors']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION doors_guard()`);
    await q.query(`DROP FUNCTION door_versions_refuse_change()`);
    await q.query(`DROP FUNCTION doors_texts_within(text[], int)`);
    await q.query(`DROP FUNCTION doors_gemeentecodes_valid(text[])`);
    await q.query(`DROP TYPE door_reach`);
  }
}
