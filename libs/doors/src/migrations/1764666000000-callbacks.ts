import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Callbacks booked at the desk (issue 13): a door's weekly callback capacity (weekday × part of
 * day), one counter per booked slot, and the bookings themselves.
 *
 * Overbooking is impossible in the database, whoever writes: a counter row per (door, slot) with
 * CHECK (booked BETWEEN 0 AND capacity), taken with one INSERT … ON CONFLICT DO UPDATE … WHERE
 * booked < capacity in the booking's own transaction, so of two balies taking the last place one
 * updates the row and the other, waiting on its lock, finds it full.
 *
 * Row-level security: capacity and counters hold no personal data and are readable by every
 * organisation (the sender sees free places); capacity is written only by the door's own
 * organisation; counters are written by whoever books or frees a place (the sender books for the
 * receiver's door, the trigger frees under whichever party cancels or returns). Bookings are case
 * data: visible to and written by the referral's participants only.
 *
 * A handoff that is CANCELLED or RETURNED frees its slot on every path (web, partner API, any
 * later code): the trigger on handoffs releases the booking, gives the place back and writes the
 * CALLBACK_RELEASED timeline event, in the statement that changed the status and under the tenant
 * that changed it (a participant of the referral, so the policies let it).
 */
export class Callbacks1764666000000 implements MigrationInterface {
  name = 'Callbacks1764666000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE callback_part_of_day AS ENUM ('OCHTEND', 'MIDDAG')`);
    await q.query(`CREATE TYPE callback_booking_status AS ENUM ('BOOKED', 'RELEASED')`);

    // Places per weekday (Monday 1 … Friday 5) and part of day; no row means no callbacks then.
    await q.query(`
      CREATE TABLE callback_capacity (
        door_id uuid NOT NULL REFERENCES doors(id),
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 5),
        part_of_day callback_part_of_day NOT NULL,
        places int NOT NULL CHECK (places BETWEEN 0 AND 50),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by_employee_id uuid REFERENCES employees(id),
        PRIMARY KEY (door_id, weekday, part_of_day)
      )`);

    // One row per slot that was ever booked: how many places it had when last booked, how many are taken.
    await q.query(`
      CREATE TABLE callback_slot_counters (
        door_id uuid NOT NULL REFERENCES doors(id),
        slot_start timestamptz NOT NULL,
        capacity int NOT NULL CHECK (capacity BETWEEN 0 AND 50),
        booked int NOT NULL,
        CONSTRAINT callback_slot_counters_within_capacity CHECK (booked BETWEEN 0 AND capacity),
        PRIMARY KEY (door_id, slot_start)
      )`);

    await q.query(`
      CREATE TABLE callback_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        door_id uuid NOT NULL REFERENCES doors(id),
        door_organisation_id uuid NOT NULL REFERENCES organisations(id),
        handoff_id uuid NOT NULL REFERENCES handoffs(id),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        slot_start timestamptz NOT NULL,
        slot_end timestamptz NOT NULL,
        part_of_day callback_part_of_day NOT NULL,
        status callback_booking_status NOT NULL DEFAULT 'BOOKED',
        reference text NOT NULL UNIQUE CHECK (reference ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}$'),
        booked_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        booked_by_employee_id uuid REFERENCES employees(id),
        booked_by_machine_client_id uuid REFERENCES machine_clients(id),
        booked_at timestamptz NOT NULL DEFAULT now(),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        previous_accept_due_at timestamptz,
        released_at timestamptz,
        release_cause text CHECK (release_cause IN ('CANCELLED_BY_SENDER', 'HANDOFF_CANCELLED', 'HANDOFF_RETURNED')),
        release_reason text CHECK (length(release_reason) <= 500),
        CONSTRAINT callback_bookings_slot_order CHECK (slot_end > slot_start),
        CONSTRAINT callback_bookings_released CHECK ((status = 'RELEASED') = (released_at IS NOT NULL AND release_cause IS NOT NULL)),
        CONSTRAINT callback_bookings_idempotency UNIQUE (booked_by_organisation_id, idempotency_key)
      )`);
    await q.query(`CREATE UNIQUE INDEX callback_bookings_one_per_handoff ON callback_bookings (handoff_id) WHERE status = 'BOOKED'`);
    // The receiver's day view: its bookings by slot.
    await q.query(`CREATE INDEX callback_bookings_day_idx ON callback_bookings (door_organisation_id, slot_start)`);
    await q.query(`CREATE INDEX callback_bookings_referral_idx ON callback_bookings (referral_id)`);

    // ---- Row-level security -------------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION app_owns_door(door uuid) RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT EXISTS (SELECT 1 FROM doors d WHERE d.id = door AND d.organisation_id = (SELECT app_current_organisation())) $$`);
    for (const table of ['callback_capacity', 'callback_slot_counters', 'callback_bookings']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`CREATE POLICY callback_capacity_visible ON callback_capacity FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY callback_capacity_insert ON callback_capacity FOR INSERT WITH CHECK (app_owns_door(door_id))`);
    await q.query(`CREATE POLICY callback_capacity_update ON callback_capacity FOR UPDATE USING (app_owns_door(door_id)) WITH CHECK (app_owns_door(door_id))`);
    await q.query(`CREATE POLICY callback_capacity_delete ON callback_capacity FOR DELETE USING (app_owns_door(door_id))`);

    await q.query(`CREATE POLICY callback_slot_counters_visible ON callback_slot_counters FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY callback_slot_counters_insert ON callback_slot_counters FOR INSERT WITH CHECK ((SELECT app_current_organisation()) IS NOT NULL)`);
    await q.query(
      `CREATE POLICY callback_slot_counters_update ON callback_slot_counters FOR UPDATE USING ((SELECT app_current_organisation()) IS NOT NULL) WITH CHECK ((SELECT app_current_organisation()) IS NOT NULL)`,
    );

    await q.query(`CREATE POLICY callback_bookings_visible ON callback_bookings FOR SELECT USING (app_is_participant(referral_id))`);
    await q.query(
      `CREATE POLICY callback_bookings_insert ON callback_bookings FOR INSERT WITH CHECK (booked_by_organisation_id = (SELECT app_current_organisation()) AND app_is_participant(referral_id))`,
    );
    await q.query(`CREATE POLICY callback_bookings_update ON callback_bookings FOR UPDATE USING (app_is_participant(referral_id)) WITH CHECK (app_is_participant(referral_id))`);

    // ---- A cancelled or returned handoff frees its slot -----------------------------------------
    await q.query(`
      CREATE FUNCTION callback_release_on_handoff_end() RETURNS trigger LANGUAGE plpgsql AS
      $$ DECLARE
           b record;
           cause text := CASE NEW.status WHEN 'CANCELLED' THEN 'HANDOFF_CANCELLED' ELSE 'HANDOFF_RETURNED' END;
           actor uuid := COALESCE(app_current_organisation(), CASE NEW.status WHEN 'CANCELLED' THEN NEW.from_organisation_id ELSE NEW.to_organisation_id END);
         BEGIN
           FOR b IN
             UPDATE callback_bookings SET status = 'RELEASED', released_at = now(), release_cause = cause
              WHERE handoff_id = NEW.id AND status = 'BOOKED'
             RETURNING id, door_id, slot_start, referral_id
           LOOP
             UPDATE callback_slot_counters SET booked = booked - 1 WHERE door_id = b.door_id AND slot_start = b.slot_start AND booked > 0;
             INSERT INTO timeline_events (referral_id, handoff_id, type, actor_organisation_id, note)
             VALUES (b.referral_id, NEW.id, 'CALLBACK_RELEASED', actor,
                     'Terugbelafspraak vervallen: de overdracht is ' || CASE NEW.status WHEN 'CANCELLED' THEN 'ingetrokken' ELSE 'teruggestuurd' END || '; de plek is weer vrij.');
           END LOOP;
           RETURN NULL;
         END $$`);
    await q.query(`
      CREATE TRIGGER handoffs_release_callback AFTER UPDATE OF status ON handoffs
      FOR EACH ROW WHEN (NEW.status IN ('CANCELLED', 'RETURNED') AND OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION callback_release_on_handoff_end()`);

    // ---- Grants -------------------------------------------------------------------------------
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON callback_capacity TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON callback_slot_counters, callback_bookings TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER handoffs_release_callback ON handoffs`);
    await q.query(`DROP FUNCTION callback_release_on_handoff_end()`);
    for (const table of ['callback_bookings', 'callback_slot_counters', 'callback_capacity']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION app_owns_door(uuid)`);
    await q.query(`DROP TYPE callback_booking_status`);
    await q.query(`DROP TYPE callback_part_of_day`);
  }
}
