import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint action lists (issue 11): lists, parties, versions, item statuses, signing keys,
 * signatures and the transparency log with its checkpoints.
 *
 * Row-level security: a list, its versions, item statuses and signatures are visible to its
 * parties only (and the owner, who is always a party). Public keys and the log are public by
 * design (anyone must be able to verify), so they have no read policy beyond the grants.
 *
 * Immutability, for the app role and every other role alike: once a version leaves DRAFT its
 * content and hashes are fixed and its status follows the state machine only; signatures, log
 * entries and checkpoints can never be updated or deleted; a signing key can only be revoked
 * (once). Grants give no DELETE at all, and BEFORE UPDATE/DELETE triggers raise, so not even the
 * owner role changes signed rows by accident.
 */
export class ActionLists1764489600000 implements MigrationInterface {
  name = 'ActionLists1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE action_list_version_status AS ENUM ('DRAFT', 'OPEN_FOR_SIGNING', 'FINAL', 'DECLINED', 'SUPERSEDED')`);
    await q.query(`CREATE TYPE action_item_status AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE')`);
    await q.query(`CREATE TYPE signature_intent AS ENUM ('APPROVE', 'DECLINE')`);

    await q.query(`
      CREATE TABLE action_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_by_employee_id uuid REFERENCES employees(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Every organisation that is or was a party to some version: the basis of every policy.
    await q.query(`
      CREATE TABLE action_list_parties (
        list_id uuid NOT NULL REFERENCES action_lists(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (list_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX action_list_parties_organisation_idx ON action_list_parties (organisation_id, list_id)`);

    await q.query(`
      CREATE TABLE action_list_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        list_id uuid NOT NULL REFERENCES action_lists(id),
        version int NOT NULL CHECK (version >= 1),
        status action_list_version_status NOT NULL DEFAULT 'DRAFT',
        content jsonb NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        previous_version_hash text CHECK (previous_version_hash ~ '^[0-9a-f]{64}$'),
        created_by_employee_id uuid REFERENCES employees(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        opened_at timestamptz,
        finalised_at timestamptz,
        declined_at timestamptz,
        superseded_at timestamptz,
        CONSTRAINT action_list_versions_number UNIQUE (list_id, version)
      )`);
    // The norm provider looks up the agreements of FINAL versions only.
    await q.query(`CREATE INDEX action_list_versions_final_idx ON action_list_versions (finalised_at DESC) WHERE status = 'FINAL'`);
    await q.query(`CREATE INDEX action_list_versions_open_idx ON action_list_versions (opened_at) WHERE status = 'OPEN_FOR_SIGNING'`);

    // Progress of a FINAL version's items: not part of what was signed, so it may change.
    await q.query(`
      CREATE TABLE action_list_item_statuses (
        version_id uuid NOT NULL REFERENCES action_list_versions(id),
        list_id uuid NOT NULL REFERENCES action_lists(id),
        item_id text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 100),
        owner_organisation_id uuid NOT NULL REFERENCES organisations(id),
        due_date date,
        status action_item_status NOT NULL DEFAULT 'OPEN',
        updated_by_employee_id uuid REFERENCES employees(id),
        updated_by_machine_client_id uuid REFERENCES machine_clients(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (version_id, item_id)
      )`);
    await q.query(`CREATE INDEX action_list_item_statuses_due_idx ON action_list_item_statuses (owner_organisation_id, due_date) WHERE status <> 'DONE'`);

    await q.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        employee_id uuid REFERENCES employees(id),
        machine_client_id uuid REFERENCES machine_clients(id),
        jwk jsonb NOT NULL,
        valid_from timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        registered_log_index bigint NOT NULL,
        revoked_log_index bigint,
        CONSTRAINT signing_keys_one_owner CHECK ((employee_id IS NULL) <> (machine_client_id IS NULL)),
        CONSTRAINT signing_keys_revoked_after_valid CHECK (revoked_at IS NULL OR revoked_at >= valid_from)
      )`);
    await q.query(`CREATE INDEX signing_keys_employee_idx ON signing_keys (employee_id) WHERE employee_id IS NOT NULL`);
    await q.query(`CREATE INDEX signing_keys_client_idx ON signing_keys (machine_client_id) WHERE machine_client_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE action_list_signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES action_list_versions(id),
        list_id uuid NOT NULL REFERENCES action_lists(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        intent signature_intent NOT NULL,
        reason text CHECK (length(reason) <= 2000),
        kid text NOT NULL REFERENCES signing_keys(kid),
        statement jsonb NOT NULL,
        statement_hash text NOT NULL CHECK (statement_hash ~ '^[0-9a-f]{64}$'),
        jws text NOT NULL,
        signed_at timestamptz NOT NULL,
        log_index bigint NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT action_list_signatures_one_per_party UNIQUE (version_id, organisation_id),
        CONSTRAINT action_list_signatures_reason CHECK ((intent = 'DECLINE') = (reason IS NOT NULL))
      )`);

    // RFC 9162 leaves, gap-free from 0 (appends are serialised by an advisory lock).
    await q.query(`
      CREATE TABLE transparency_log (
        idx bigint PRIMARY KEY CHECK (idx >= 0),
        entry jsonb NOT NULL,
        leaf_hash text NOT NULL CHECK (leaf_hash ~ '^[0-9a-f]{64}$'),
        appended_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The evidence bundle finds a version's OPENED and FINALISED entries by list.
    await q.query(`CREATE INDEX transparency_log_list_idx ON transparency_log ((entry->>'listId'), idx) WHERE entry ? 'listId'`);
    await q.query(`
      CREATE TABLE transparency_checkpoints (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
        root_hash text NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$'),
        checkpoint jsonb NOT NULL,
        jws text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Reminders already sent (one per kind, version or item, organisation, and due day).
    await q.query(`
      CREATE TABLE action_list_reminders (
        kind text NOT NULL CHECK (kind IN ('SIGN', 'ITEM_DUE', 'ITEM_OVERDUE')),
        version_id uuid NOT NULL REFERENCES action_list_versions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        item_id text NOT NULL DEFAULT '',
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, version_id, organisation_id, item_id)
      )`);

    // ---- Row-level security -------------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION app_is_action_list_party(list uuid) RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT EXISTS (SELECT 1 FROM action_list_parties p
                        WHERE p.list_id = list AND p.organisation_id = (SELECT app_current_organisation())) $$`);
    await q.query(`
      CREATE FUNCTION app_owns_action_list(list uuid) RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT EXISTS (SELECT 1 FROM action_lists l
                        WHERE l.id = list AND l.owner_organisation_id = (SELECT app_current_organisation())) $$`);

    const rlsTables = ['action_lists', 'action_list_parties', 'action_list_versions', 'action_list_item_statuses', 'signing_keys', 'action_list_signatures', 'action_list_reminders'];
    for (const table of rlsTables) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`CREATE POLICY action_lists_visible ON action_lists FOR SELECT USING (owner_organisation_id = (SELECT app_current_organisation()) OR app_is_action_list_party(id))`);
    await q.query(`CREATE POLICY action_lists_insert ON action_lists FOR INSERT WITH CHECK (owner_organisation_id = (SELECT app_current_organisation()))`);

    // An organisation sees its own party rows; only the owner adds parties.
    await q.query(`CREATE POLICY action_list_parties_own ON action_list_parties FOR SELECT USING (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY action_list_parties_insert ON action_list_parties FOR INSERT WITH CHECK (app_owns_action_list(list_id))`);

    await q.query(`CREATE POLICY action_list_versions_visible ON action_list_versions FOR SELECT USING (app_is_action_list_party(list_id))`);
    await q.query(`CREATE POLICY action_list_versions_insert ON action_list_versions FOR INSERT WITH CHECK (app_owns_action_list(list_id))`);
    // Any party: the last signature finalises the version in the signer's transaction.
    await q.query(`CREATE POLICY action_list_versions_update ON action_list_versions FOR UPDATE USING (app_is_action_list_party(list_id)) WITH CHECK (app_is_action_list_party(list_id))`);

    await q.query(`CREATE POLICY action_list_item_statuses_visible ON action_list_item_statuses FOR SELECT USING (app_is_action_list_party(list_id))`);
    await q.query(`CREATE POLICY action_list_item_statuses_insert ON action_list_item_statuses FOR INSERT WITH CHECK (app_is_action_list_party(list_id))`);
    await q.query(`CREATE POLICY action_list_item_statuses_update ON action_list_item_statuses FOR UPDATE USING (app_is_action_list_party(list_id)) WITH CHECK (app_is_action_list_party(list_id))`);

    // Public keys are public: any organisation may read them to verify a signature.
    await q.query(`CREATE POLICY signing_keys_visible ON signing_keys FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY signing_keys_insert ON signing_keys FOR INSERT WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY signing_keys_update ON signing_keys FOR UPDATE USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);

    await q.query(`CREATE POLICY action_list_signatures_visible ON action_list_signatures FOR SELECT USING (app_is_action_list_party(list_id))`);
    await q.query(`CREATE POLICY action_list_signatures_insert ON action_list_signatures FOR INSERT WITH CHECK (organisation_id = (SELECT app_current_organisation()) AND app_is_action_list_party(list_id))`);

    await q.query(`CREATE POLICY action_list_reminders_own ON action_list_reminders FOR SELECT USING (organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`CREATE POLICY action_list_reminders_insert ON action_list_reminders FOR INSERT WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);

    // ---- Immutability -------------------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION action_list_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
           RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
         END $$`);
    for (const table of ['action_list_signatures', 'transparency_log', 'transparency_checkpoints']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION action_list_refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION action_list_refuse_change()`);
    }

    // A version's content is fixed once opened; its status moves only as the state machine says.
    await q.query(`
      CREATE FUNCTION action_list_versions_guard() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
           IF TG_OP = 'DELETE' THEN
             IF OLD.status <> 'DRAFT' THEN
               RAISE EXCEPTION 'action list version % is no draft: delete refused', OLD.id USING ERRCODE = 'insufficient_privilege';
             END IF;
             RETURN OLD;
           END IF;
           IF NEW.id <> OLD.id OR NEW.list_id <> OLD.list_id OR NEW.version <> OLD.version OR NEW.created_at <> OLD.created_at THEN
             RAISE EXCEPTION 'action list version %: identity is fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
           END IF;
           -- Only the owner organisation edits a draft (the update policy lets every party move a status).
           IF OLD.status = 'DRAFT' AND NEW.content IS DISTINCT FROM OLD.content AND NOT app_owns_action_list(OLD.list_id) THEN
             RAISE EXCEPTION 'action list version %: only the owner edits a draft', OLD.id USING ERRCODE = 'insufficient_privilege';
           END IF;
           IF OLD.status <> 'DRAFT' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
               OR NEW.previous_version_hash IS DISTINCT FROM OLD.previous_version_hash OR NEW.opened_at IS DISTINCT FROM OLD.opened_at) THEN
             RAISE EXCEPTION 'action list version % is opened for signing: its content is fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
           END IF;
           IF NOT ((OLD.status = 'DRAFT' AND NEW.status IN ('DRAFT', 'OPEN_FOR_SIGNING'))
                   OR (OLD.status = 'OPEN_FOR_SIGNING' AND NEW.status IN ('FINAL', 'DECLINED', 'SUPERSEDED'))
                   OR (OLD.status = 'FINAL' AND NEW.status = 'SUPERSEDED')) THEN
             RAISE EXCEPTION 'action list version %: % -> % is not allowed', OLD.id, OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
           END IF;
           RETURN NEW;
         END $$`);
    await q.query(`CREATE TRIGGER action_list_versions_guard BEFORE UPDATE OR DELETE ON action_list_versions FOR EACH ROW EXECUTE FUNCTION action_list_versions_guard()`);
    await q.query(`CREATE TRIGGER action_list_versions_no_truncate BEFORE TRUNCATE ON action_list_versions FOR EACH STATEMENT EXECUTE FUNCTION action_list_refuse_change()`);

    // A key is revoked once and never deleted; nothing else about it changes.
    await q.query(`
      CREATE FUNCTION signing_keys_guard() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
           IF TG_OP = 'DELETE' OR OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
              OR (NEW.kid, NEW.organisation_id, NEW.employee_id, NEW.machine_client_id, NEW.jwk, NEW.valid_from, NEW.registered_log_index)
                 IS DISTINCT FROM (OLD.kid, OLD.organisation_id, OLD.employee_id, OLD.machine_client_id, OLD.jwk, OLD.valid_from, OLD.registered_log_index) THEN
             RAISE EXCEPTION 'signing key %: only a single revocation is allowed', OLD.kid USING ERRCODE = 'insufficient_privilege';
           END IF;
           RETURN NEW;
         END $$`);
    await q.query(`CREATE TRIGGER signing_keys_guard BEFORE UPDATE OR DELETE ON signing_keys FOR EACH ROW EXECUTE FUNCTION signing_keys_guard()`);
    await q.query(`CREATE TRIGGER signing_keys_no_truncate BEFORE TRUNCATE ON signing_keys FOR EACH STATEMENT EXECUTE FUNCTION action_list_refuse_change()`);

    // ---- Agreements as response norms ----------------------------------------------------------
    // The norm provider (follow-ups) asks this function for the agreement in force for a receiving
    // organisation and topic: the most specific agreement of the most recently finalised FINAL
    // version. SECURITY DEFINER (owned by the migration role, which bypasses row-level security):
    // a deadline for a handoff to an organisation follows its agreements whoever sends it, and only
    // the numbers and the source leave the function, no list content.
    await q.query(`
      CREATE FUNCTION action_list_agreement_norm(organisation uuid, wanted_topic text)
      RETURNS TABLE (accept_working_days int, contact_working_days int, source text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
      $$ SELECT (a->>'acceptWithinWorkingDays')::int, (a->>'firstContactWithinWorkingDays')::int,
                'actielijst:' || v.list_id::text || ':v' || v.version::text
           FROM action_list_versions v
           CROSS JOIN LATERAL jsonb_array_elements(v.content->'agreements') a
          WHERE v.status = 'FINAL'
            AND a->>'receivingOrganisationId' = organisation::text
            AND (a->>'topic' = wanted_topic OR a->>'topic' IS NULL)
          ORDER BY (a->>'topic' IS NOT NULL) DESC, v.finalised_at DESC, v.id
          LIMIT 1 $$`);
    await q.query(`REVOKE ALL ON FUNCTION action_list_agreement_norm(uuid, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION action_list_agreement_norm(uuid, text) TO schakel_runtime`);

    // ---- Grants -------------------------------------------------------------------------------
    await q.query(`GRANT SELECT, INSERT ON action_lists, action_list_parties, action_list_signatures, transparency_log, transparency_checkpoints, action_list_reminders TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON action_list_versions, action_list_item_statuses TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON signing_keys TO schakel_runtime`);
    await q.query(`GRANT UPDATE (revoked_at, revoked_log_index) ON signing_keys TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION action_list_agreement_norm(uuid, text)`);
    for (const table of ['action_list_reminders', 'transparency_checkpoints', 'transparency_log', 'action_list_signatures', 'signing_keys', 'action_list_item_statuses', 'action_list_versions', 'action_list_parties', 'action_lists']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION signing_keys_guard()`);
    await q.query(`DROP FUNCTION action_list_versions_guard()`);
    await q.query(`DROP FUNCTION action_list_refuse_change()`);
    await q.query(`DROP FUNCTION app_owns_action_list(uuid)`);
    await q.query(`DROP FUNCTION app_is_action_list_party(uuid)`);
    for (const type of ['signature_intent', 'action_item_status', 'action_list_version_status']) await q.query(`DROP TYPE ${type}`);
  }
}
