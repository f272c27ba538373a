import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Household bundles (issue 13): one intake, several referrals for the members of a household to
 * several organisations, one organisation with regie.
 *
 * Row-level security, two levels:
 * - a bundle (its row) is visible to its participants (`bundle_participants`: the origin, the
 *   regie organisation and the receivers of its parts);
 * - a member, the member's consents and the member's parts are visible ONLY to the organisations
 *   that member consented to, plus the origin (which recorded them). The regie holder and other
 *   receivers without that member's consent see no row of that member at all.
 * Each member's citizen data (BSN encrypted + HMAC, name, phone) lives in the `citizens` row of each
 * part's referral; a member here holds no BSN at all, not even its hash: parts name their member by
 * id, so nothing is left to rotate with the HMAC key or to outlive the referrals' anonymisation.
 *
 * `bundle_parts` mirrors the latest link of each part's referral (status, deadline, overdue,
 * escalation), kept in step by a trigger on `handoffs`, so a participant sees the state of a part
 * of a referral it takes no part in without reading that referral. The same trigger raises
 * `bundle_part_alerts` (a part RETURNED or stalled), which the worker's sweep turns into
 * notifications for the regie organisation, once per alert, found again from PostgreSQL.
 *
 * The SECURITY DEFINER functions see past row-level security (the migration role is a superuser);
 * only `schakel_runtime` may execute them.
 */
export class Bundles1764673200000 implements MigrationInterface {
  name = 'Bundles1764673200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE bundle_status AS ENUM ('CREATING', 'OPEN', 'CLOSED')`);
    await q.query(`CREATE TYPE bundle_member_role AS ENUM ('AANVRAGER', 'PARTNER', 'KIND', 'HUISGENOOT')`);
    await q.query(`CREATE TYPE bundle_alert_kind AS ENUM ('RETURNED', 'STALLED')`);

    await q.query(`
      CREATE TABLE bundles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        origin_organisation_id uuid NOT NULL REFERENCES organisations(id),
        coordinating_organisation_id uuid NOT NULL REFERENCES organisations(id),
        status bundle_status NOT NULL DEFAULT 'CREATING',
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 180),
        request_hash text NOT NULL,
        created_by_employee_id uuid REFERENCES employees(id),
        created_by_machine_client_id uuid REFERENCES machine_clients(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        closed_by_employee_id uuid REFERENCES employees(id),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        CONSTRAINT bundles_idempotency UNIQUE (origin_organisation_id, idempotency_key),
        CONSTRAINT bundles_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE bundle_participants (
        bundle_id uuid NOT NULL REFERENCES bundles(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (bundle_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX bundle_participants_organisation_idx ON bundle_participants (organisation_id, bundle_id)`);

    await q.query(`
      CREATE TABLE bundle_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_id uuid NOT NULL REFERENCES bundles(id),
        position int NOT NULL CHECK (position >= 0),
        role bundle_member_role NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bundle_members_position UNIQUE (bundle_id, position)
      )`);

    await q.query(`
      CREATE TABLE bundle_member_consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_id uuid NOT NULL REFERENCES bundles(id),
        member_id uuid NOT NULL REFERENCES bundle_members(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        method consent_method NOT NULL,
        recorded_by_employee_id uuid REFERENCES employees(id),
        recorded_by_machine_client_id uuid REFERENCES machine_clients(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bundle_member_consents_once UNIQUE (member_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX bundle_member_consents_organisation_idx ON bundle_member_consents (organisation_id, member_id)`);

    await q.query(`
      CREATE TABLE bundle_parts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_id uuid NOT NULL REFERENCES bundles(id),
        member_id uuid NOT NULL REFERENCES bundle_members(id),
        position int NOT NULL CHECK (position >= 0),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        to_organisation_id uuid NOT NULL REFERENCES organisations(id),
        topic referral_topic NOT NULL,
        urgency referral_urgency NOT NULL,
        current_handoff_id uuid,
        current_sequence int NOT NULL DEFAULT 0,
        current_organisation_id uuid REFERENCES organisations(id),
        status handoff_status NOT NULL DEFAULT 'REQUESTED',
        due_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        escalation_level int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bundle_parts_position UNIQUE (bundle_id, position),
        CONSTRAINT bundle_parts_referral UNIQUE (referral_id)
      )`);
    await q.query(`CREATE INDEX bundle_parts_member_idx ON bundle_parts (member_id)`);

    // Something the regie organisation must hear about: one row per part, link and kind.
    await q.query(`
      CREATE TABLE bundle_part_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_id uuid NOT NULL REFERENCES bundles(id),
        part_id uuid NOT NULL REFERENCES bundle_parts(id),
        handoff_id uuid NOT NULL,
        kind bundle_alert_kind NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        notified_at timestamptz,
        CONSTRAINT bundle_part_alerts_once UNIQUE (part_id, handoff_id, kind)
      )`);
    await q.query(`CREATE INDEX bundle_part_alerts_pending_idx ON bundle_part_alerts (raised_at) WHERE notified_at IS NULL`);

    // --- functions the policies use --------------------------------------------------------
    await q.query(`
      CREATE FUNCTION app_is_bundle_participant(bundle uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM bundle_participants p WHERE p.bundle_id = bundle AND p.organisation_id = app_current_organisation())
      $$`);
    await q.query(`
      CREATE FUNCTION app_is_bundle_origin(bundle uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM bundles b WHERE b.id = bundle AND b.origin_organisation_id = app_current_organisation())
      $$`);
    // The one rule of member visibility: the origin, or an organisation the member consented to.
    await q.query(`
      CREATE FUNCTION app_may_see_bundle_member(member uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM bundle_members m JOIN bundles b ON b.id = m.bundle_id
                        WHERE m.id = member AND b.origin_organisation_id = app_current_organisation())
            OR EXISTS (SELECT 1 FROM bundle_member_consents c WHERE c.member_id = member AND c.organisation_id = app_current_organisation())
      $$`);

    // --- the parts follow their referral's latest link -------------------------------------
    await q.query(`
      CREATE FUNCTION app_bundle_apply_handoff(h handoffs) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE bundle_parts p
           SET current_handoff_id = h.id, current_sequence = h.sequence, current_organisation_id = h.to_organisation_id,
               status = h.status,
               due_at = CASE WHEN h.status IN ('REQUESTED', 'RECEIVED') THEN h.accept_due_at WHEN h.status = 'ACCEPTED' THEN h.contact_due_at END,
               overdue = h.overdue, escalation_level = h.escalation_level, updated_at = now()
         WHERE p.referral_id = h.referral_id AND p.current_sequence <= h.sequence;
        IF h.status = 'RETURNED' THEN
          INSERT INTO bundle_part_alerts (bundle_id, part_id, handoff_id, kind)
          SELECT p.bundle_id, p.id, h.id, 'RETURNED' FROM bundle_parts p WHERE p.referral_id = h.referral_id AND p.current_handoff_id = h.id
          ON CONFLICT ON CONSTRAINT bundle_part_alerts_once DO NOTHING;
        ELSIF (h.escalation_level > 0 OR h.overdue) AND h.status IN ('REQUESTED', 'RECEIVED', 'ACCEPTED') THEN
          INSERT INTO bundle_part_alerts (bundle_id, part_id, handoff_id, kind)
          SELECT p.bundle_id, p.id, h.id, 'STALLED' FROM bundle_parts p WHERE p.referral_id = h.referral_id AND p.current_handoff_id = h.id
          ON CONFLICT ON CONSTRAINT bundle_part_alerts_once DO NOTHING;
        END IF;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION app_bundle_track_handoff() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        -- Only referrals that are part of a bundle; everything else pays one index probe.
        IF EXISTS (SELECT 1 FROM bundle_parts p WHERE p.referral_id = NEW.referral_id) THEN
          PERFORM app_bundle_apply_handoff(NEW);
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER handoffs_bundle_parts AFTER INSERT OR UPDATE OF status, overdue, escalation_level, accept_due_at, contact_due_at ON handoffs
      FOR EACH ROW EXECUTE FUNCTION app_bundle_track_handoff()`);
    // A part just linked takes the state of its referral's latest link (visible to the origin only).
    await q.query(`
      CREATE FUNCTION app_bundle_sync_part(referral uuid) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE latest handoffs;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM bundle_parts p WHERE p.referral_id = referral AND app_is_bundle_origin(p.bundle_id)) THEN RETURN; END IF;
        SELECT * INTO latest FROM handoffs WHERE referral_id = referral ORDER BY sequence DESC LIMIT 1;
        IF FOUND THEN PERFORM app_bundle_apply_handoff(latest); END IF;
      END
      $$`);

    // A member's name and pseudonym, read from the citizen row of the member's first part that is not
    // anonymised: the name is held once (in the referral's citizens row), and shown in the bundle to
    // organisations that member consented to (and the origin), also when they take no part in that referral.
    await q.query(`
      CREATE FUNCTION app_bundle_member_names(members uuid[]) RETURNS TABLE (member_id uuid, name text, subject_pseudonym text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT DISTINCT ON (p.member_id) p.member_id, c.name, c.subject_pseudonym
          FROM bundle_parts p JOIN citizens c ON c.referral_id = p.referral_id
         WHERE p.member_id = ANY(members) AND c.anonymised_at IS NULL AND app_may_see_bundle_member(p.member_id)
         ORDER BY p.member_id, p.position
      $$`);

    // Closing needs every part settled, also parts of members the regie holder may not see: the
    // total of open parts, for participants only (the service never shows it as a number).
    await q.query(`
      CREATE FUNCTION app_bundle_open_part_count(bundle uuid) RETURNS int
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT count(*)::int FROM bundle_parts p
         WHERE p.bundle_id = bundle AND p.status NOT IN ('COMPLETED', 'RETURNED', 'CANCELLED') AND app_is_bundle_participant(bundle)
      $$`);

    // --- row-level security ------------------------------------------------------------------
    const tables = ['bundles', 'bundle_participants', 'bundle_members', 'bundle_member_consents', 'bundle_parts', 'bundle_part_alerts'];
    for (const table of tables) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    const current = `(SELECT app_current_organisation())`;
    await q.query(`CREATE POLICY bundles_visible ON bundles FOR SELECT USING (origin_organisation_id = ${current} OR app_is_bundle_participant(id))`);
    await q.query(`CREATE POLICY bundles_insert ON bundles FOR INSERT WITH CHECK (origin_organisation_id = ${current})`);
    // The origin completes a bundle it is creating; the regie organisation closes it (the service checks roles and state).
    await q.query(`CREATE POLICY bundles_update ON bundles FOR UPDATE USING (origin_organisation_id = ${current} OR coordinating_organisation_id = ${current})
                   WITH CHECK (origin_organisation_id = ${current} OR coordinating_organisation_id = ${current})`);

    // Own rows only: who else takes part could reveal a member the caller may not see.
    await q.query(`CREATE POLICY bundle_participants_own ON bundle_participants FOR SELECT USING (organisation_id = ${current} OR app_is_bundle_origin(bundle_id))`);
    await q.query(`CREATE POLICY bundle_participants_insert ON bundle_participants FOR INSERT WITH CHECK (app_is_bundle_origin(bundle_id))`);

    // The origin check first and on the row's bundle: a row being inserted is not yet visible to the member check.
    await q.query(`CREATE POLICY bundle_members_visible ON bundle_members FOR SELECT USING (app_is_bundle_origin(bundle_id) OR app_may_see_bundle_member(id))`);
    await q.query(`CREATE POLICY bundle_members_insert ON bundle_members FOR INSERT WITH CHECK (app_is_bundle_origin(bundle_id))`);
    await q.query(`CREATE POLICY bundle_member_consents_visible ON bundle_member_consents FOR SELECT USING (app_is_bundle_origin(bundle_id) OR app_may_see_bundle_member(member_id))`);
    await q.query(`CREATE POLICY bundle_member_consents_insert ON bundle_member_consents FOR INSERT WITH CHECK (app_is_bundle_origin(bundle_id))`);
    await q.query(`CREATE POLICY bundle_parts_visible ON bundle_parts FOR SELECT USING (app_is_bundle_origin(bundle_id) OR app_may_see_bundle_member(member_id))`);
    // Only a referral the origin takes part in: no one links another organisation's case into a bundle.
    await q.query(`CREATE POLICY bundle_parts_insert ON bundle_parts FOR INSERT WITH CHECK (app_is_bundle_origin(bundle_id) AND app_is_participant(referral_id))`);
    // Alerts are worked off in the origin's tenant (the origin sees every member).
    await q.query(`CREATE POLICY bundle_part_alerts_origin ON bundle_part_alerts FOR SELECT USING (app_is_bundle_origin(bundle_id))`);
    await q.query(`CREATE POLICY bundle_part_alerts_update ON bundle_part_alerts FOR UPDATE USING (app_is_bundle_origin(bundle_id)) WITH CHECK (app_is_bundle_origin(bundle_id))`);

    for (const fn of ['app_bundle_open_part_count(uuid)', 'app_bundle_member_names(uuid[])', 'app_is_bundle_participant(uuid)', 'app_is_bundle_origin(uuid)', 'app_may_see_bundle_member(uuid)', 'app_bundle_sync_part(uuid)', 'app_bundle_apply_handoff(handoffs)', 'app_bundle_track_handoff()']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO schakel_runtime`);
    }
    // Only the state changes: origin, regie, key and hash stay as created.
    await q.query(`GRANT SELECT, INSERT ON bundles TO schakel_runtime`);
    await q.query(`GRANT UPDATE (status, closed_at, closed_by_employee_id, version) ON bundles TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON bundle_participants, bundle_members, bundle_member_consents, bundle_parts TO schakel_runtime`);
    await q.query(`GRANT SELECT ON bundle_part_alerts TO schakel_runtime`);
    await q.query(`GRANT UPDATE (notified_at) ON bundle_part_alerts TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER handoffs_bundle_parts ON handoffs`);
    for (const table of ['bundle_part_alerts', 'bundle_parts', 'bundle_member_consents', 'bundle_members', 'bundle_participants', 'bundles']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION app_bundle_open_part_count(uuid)`);
    await q.query(`DROP FUNCTION app_bundle_member_names(uuid[])`);
    await q.query(`DROP FUNCTION app_bundle_sync_part(uuid)`);
    await q.query(`DROP FUNCTION app_bundle_track_handoff()`);
    await q.query(`DROP FUNCTION app_bundle_apply_handoff(handoffs)`);
    await q.query(`DROP FUNCTION app_may_see_bundle_member(uuid)`);
    await q.query(`DROP FUNCTION app_is_bundle_origin(uuid)`);
    await q.query(`DROP FUNCTION app_is_bundle_participant(uuid)`);
    for (const type of ['bundle_alert_kind', 'bundle_member_role', 'bundle_status']) await q.query(`DROP TYPE ${type}`);
  }
}
