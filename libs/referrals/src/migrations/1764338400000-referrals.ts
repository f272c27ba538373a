import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warm referrals: the case tables. Every case table has FORCE ROW LEVEL SECURITY; a row is
 * visible to an organisation that takes part in the referral's chain (referral_participants),
 * read from the transaction-local setting app.organisation_id. Timeline, processing log and
 * audit log are append-only for the app.
 */
export class Referrals1764338400000 implements MigrationInterface {
  name = 'Referrals1764338400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_current_organisation() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.organisation_id', true), '')::uuid $$`);

    await q.query(`CREATE TYPE referral_topic AS ENUM ('WERK', 'INKOMEN', 'SCHULDEN', 'TOESLAGEN', 'BELASTINGEN', 'ZORG', 'WONEN', 'JEUGD', 'OVERIG')`);
    await q.query(`CREATE TYPE referral_urgency AS ENUM ('NORMAAL', 'HOOG', 'ACUUT')`);
    await q.query(`CREATE TYPE referral_status AS ENUM ('OPEN', 'RESOLVED', 'WITHDRAWN')`);
    await q.query(`CREATE TYPE handoff_status AS ENUM ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'FORWARDED', 'RETURNED', 'CANCELLED')`);
    await q.query(`CREATE TYPE handoff_outcome AS ENUM ('GEHOLPEN', 'DEELS_GEHOLPEN', 'NIET_GEHOLPEN')`);
    await q.query(`CREATE TYPE consent_method AS ENUM ('MONDELING', 'SCHRIFTELIJK', 'DIGITAAL')`);
    await q.query(`CREATE TYPE contact_channel AS ENUM ('TELEFOON', 'EMAIL', 'BALIE', 'BRIEF', 'HUISBEZOEK', 'VIA_VERWIJZER')`);
    await q.query(`CREATE TYPE bottleneck_category AS ENUM ('WET_EN_REGELGEVING', 'SYSTEEM', 'WERKPROCES', 'SAMENWERKING', 'CAPACITEIT', 'OVERIG')`);

    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        origin_organisation_id uuid NOT NULL REFERENCES organisations(id),
        origin_employee_id uuid REFERENCES employees(id),
        topic referral_topic NOT NULL,
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
        urgency referral_urgency NOT NULL DEFAULT 'NORMAAL',
        status referral_status NOT NULL DEFAULT 'OPEN',
        idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        request_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT referrals_idempotency UNIQUE (origin_organisation_id, idempotency_key)
      )`);

    // Who takes part in a referral's chain; the basis of every case policy.
    await q.query(`
      CREATE TABLE referral_participants (
        referral_id uuid NOT NULL REFERENCES referrals(id) DEFERRABLE INITIALLY DEFERRED,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (referral_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX referral_participants_organisation_idx ON referral_participants (organisation_id, referral_id)`);
    // Every referral id ever taken, without row-level security (ids only, no case data), kept by
    // a trigger. An organisation may enrol itself only in a referral id that is not taken yet,
    // i.e. the one it is creating in this transaction. (A SECURITY DEFINER look-up would not do:
    // FORCE ROW LEVEL SECURITY applies to a table owner that is no superuser.)
    await q.query(`CREATE TABLE referral_ids (id uuid PRIMARY KEY)`);
    await q.query(`
      CREATE FUNCTION referral_ids_register() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN INSERT INTO referral_ids (id) VALUES (NEW.id); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER referrals_register_id AFTER INSERT ON referrals FOR EACH ROW EXECUTE FUNCTION referral_ids_register()`);
    await q.query(`
      CREATE FUNCTION app_referral_exists(referral uuid) RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT EXISTS (SELECT 1 FROM referral_ids WHERE id = referral) $$`);
    await q.query(`
      CREATE FUNCTION app_is_participant(referral uuid) RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT EXISTS (SELECT 1 FROM referral_participants p
                        WHERE p.referral_id = referral AND p.organisation_id = (SELECT app_current_organisation())) $$`);

    // The citizen as the referrer recorded them for this referral (data minimisation: no
    // shared citizen register). BSN encrypted (AES-256-GCM) plus an HMAC for look-up.
    await q.query(`
      CREATE TABLE citizens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL UNIQUE REFERENCES referrals(id),
        bsn_encrypted text NOT NULL,
        bsn_hash text NOT NULL,
        subject_pseudonym text NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        phone text CHECK (length(phone) <= 40),
        email text CHECK (length(email) <= 254),
        preferred_channel contact_channel,
        do_not_contact boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        anonymised_at timestamptz
      )`);
    await q.query(`CREATE INDEX citizens_bsn_hash_idx ON citizens (bsn_hash)`);

    await q.query(`
      CREATE TABLE handoffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        sequence int NOT NULL,
        previous_handoff_id uuid REFERENCES handoffs(id),
        from_organisation_id uuid NOT NULL REFERENCES organisations(id),
        from_employee_id uuid REFERENCES employees(id),
        to_organisation_id uuid NOT NULL REFERENCES organisations(id),
        assignee_id uuid REFERENCES employees(id),
        status handoff_status NOT NULL DEFAULT 'REQUESTED',
        version int NOT NULL DEFAULT 1,
        reason text CHECK (length(reason) <= 4000),
        summary text CHECK (length(summary) <= 4000),
        outcome handoff_outcome,
        outcome_note text CHECK (length(outcome_note) <= 4000),
        requested_at timestamptz NOT NULL DEFAULT now(),
        received_at timestamptz,
        accepted_at timestamptz,
        contacted_at timestamptz,
        completed_at timestamptz,
        forwarded_at timestamptz,
        returned_at timestamptz,
        cancelled_at timestamptz,
        accept_due_at timestamptz,
        contact_due_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        escalation_level int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT handoffs_sequence UNIQUE (referral_id, sequence),
        CONSTRAINT handoffs_not_to_self CHECK (from_organisation_id <> to_organisation_id),
        CONSTRAINT handoffs_outcome_when_completed CHECK ((status = 'COMPLETED') = (outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX handoffs_incoming_idx ON handoffs (to_organisation_id, created_at DESC, id DESC) INCLUDE (from_organisation_id, referral_id, status, overdue)`);
    await q.query(`CREATE INDEX handoffs_outgoing_idx ON handoffs (from_organisation_id, created_at DESC, id DESC) INCLUDE (to_organisation_id, referral_id, status, overdue)`);
    await q.query(`CREATE INDEX handoffs_referral_idx ON handoffs (referral_id, sequence)`);

    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        handoff_id uuid NOT NULL REFERENCES handoffs(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        given boolean NOT NULL CHECK (given),
        method consent_method NOT NULL,
        recorded_by_employee_id uuid REFERENCES employees(id),
        recorded_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consents_referral_idx ON consents (referral_id)`);

    await q.query(`
      CREATE TABLE timeline_events (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals(id),
        handoff_id uuid REFERENCES handoffs(id),
        type text NOT NULL,
        actor_employee_id uuid REFERENCES employees(id),
        actor_organisation_id uuid NOT NULL REFERENCES organisations(id),
        note text CHECK (length(note) <= 4000),
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX timeline_events_referral_idx ON timeline_events (referral_id, id)`);

    await q.query(`
      CREATE TABLE bottlenecks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        employee_id uuid REFERENCES employees(id),
        category bottleneck_category NOT NULL,
        rule text CHECK (length(rule) <= 500),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        custom_solution_applied boolean NOT NULL DEFAULT false,
        custom_solution text CHECK (length(custom_solution) <= 4000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bottlenecks_custom_solution_explained CHECK (NOT custom_solution_applied OR custom_solution IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX bottlenecks_referral_idx ON bottlenecks (referral_id)`);

    // Transactional outbox: written with the state change, relayed to BullMQ by the worker.
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        topic text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL`);

    // Logboek Dataverwerkingen: one record per processing of a citizen's data, pseudonymised;
    // the employee is kept apart in the audit log, linked by trace id.
    await q.query(`
      CREATE TABLE processing_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        trace_id text NOT NULL,
        activity text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        subject_pseudonym text NOT NULL,
        referral_id uuid
      )`);
    await q.query(`CREATE INDEX processing_log_subject_idx ON processing_log (subject_pseudonym, occurred_at)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        trace_id text NOT NULL,
        activity text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        employee_id uuid REFERENCES employees(id)
      )`);
    await q.query(`CREATE INDEX audit_log_trace_idx ON audit_log (trace_id)`);

    // Row-level security.
    const participantTables = ['referrals', 'citizens', 'handoffs', 'consents', 'timeline_events', 'bottlenecks'];
    for (const table of [...participantTables, 'referral_participants', 'processing_log', 'audit_log']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`CREATE POLICY participants_select ON referral_participants FOR SELECT USING (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`
      CREATE POLICY participants_insert ON referral_participants FOR INSERT
      WITH CHECK ((organisation_id = (SELECT app_current_organisation()) AND NOT app_referral_exists(referral_id))
                  OR app_is_participant(referral_id))`);

    await q.query(`CREATE POLICY referrals_visible ON referrals FOR SELECT USING (app_is_participant(id))`);
    await q.query(`CREATE POLICY referrals_insert ON referrals FOR INSERT WITH CHECK (origin_organisation_id = (SELECT app_current_organisation()) AND app_is_participant(id))`);
    await q.query(`CREATE POLICY referrals_update ON referrals FOR UPDATE USING (app_is_participant(id)) WITH CHECK (app_is_participant(id))`);

    for (const table of ['citizens', 'consents', 'timeline_events', 'bottlenecks']) {
      await q.query(`CREATE POLICY ${table}_visible ON ${table} FOR SELECT USING (app_is_participant(referral_id))`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (app_is_participant(referral_id))`);
    }
    await q.query(`CREATE POLICY citizens_update ON citizens FOR UPDATE USING (app_is_participant(referral_id)) WITH CHECK (app_is_participant(referral_id))`);

    // A handoff's own parties are checked first: that keeps the inbox query cheap.
    const handoffVisible = `from_organisation_id = (SELECT app_current_organisation()) OR to_organisation_id = (SELECT app_current_organisation()) OR app_is_participant(referral_id)`;
    await q.query(`CREATE POLICY handoffs_visible ON handoffs FOR SELECT USING (${handoffVisible})`);
    await q.query(`CREATE POLICY handoffs_insert ON handoffs FOR INSERT WITH CHECK (from_organisation_id = (SELECT app_current_organisation()) AND app_is_participant(referral_id))`);
    await q.query(`
      CREATE POLICY handoffs_update ON handoffs FOR UPDATE
      USING (from_organisation_id = (SELECT app_current_organisation()) OR to_organisation_id = (SELECT app_current_organisation()))`);

    for (const table of ['processing_log', 'audit_log']) {
      await q.query(`CREATE POLICY ${table}_own ON ${table} FOR SELECT USING (organisation_id = (SELECT app_current_organisation()))`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    }

    // Grants: what the running apps may do, table by table.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON referrals, citizens, handoffs TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON referral_participants, consents, bottlenecks, timeline_events, processing_log, audit_log TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON outbox TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON referral_ids TO schakel_runtime`);
    await q.query(`GRANT USAGE ON SEQUENCE timeline_events_id_seq, processing_log_id_seq, audit_log_id_seq TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'processing_log', 'outbox', 'bottlenecks', 'timeline_events', 'consents', 'handoffs', 'citizens', 'referral_participants', 'referrals']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION app_is_participant(uuid)`);
    await q.query(`DROP FUNCTION app_referral_exists(uuid)`);
    await q.query(`DROP FUNCTION referral_ids_register()`);
    await q.query(`DROP TABLE referral_ids`);
    await q.query(`DROP FUNCTION app_current_organisation()`);
    for (const type of ['bottleneck_category', 'contact_channel', 'consent_method', 'handoff_outcome', 'handoff_status', 'referral_status', 'referral_urgency', 'referral_topic']) {
      await q.query(`DROP TYPE ${type}`);
    }
  }
}
