import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slot counters move only with a booking. A sender books a place on another organisation's door,
 * so the runtime role could write every counter, and row-level security cannot tell a place taken
 * for a real booking from a counter set by a faulty code path. Now the runtime role cannot write
 * counters at all: a BOOKED booking's insert takes its place (or is refused with SQLSTATE SK001,
 * "slot full"), and a booking's change to RELEASED gives it back, in triggers that run as the
 * tables' owner. Bookings themselves stay under row-level security (the referral's participants),
 * so an organisation can move a counter only by booking or releasing a callback of its own case.
 */
/**
 * The handoff-end trigger's function: releases the handoff's booking and writes CALLBACK_RELEASED.
 * Before this migration it also gave the place back itself (`givesPlaceBack`); after it, the
 * bookings' own trigger does.
 */
function releaseOnHandoffEnd(givesPlaceBack: boolean): string {
  return `
      CREATE OR REPLACE FUNCTION callback_release_on_handoff_end() RETURNS trigger LANGUAGE plpgsql AS
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
             ${givesPlaceBack ? 'UPDATE callback_slot_counters SET booked = booked - 1 WHERE door_id = b.door_id AND slot_start = b.slot_start AND booked > 0;' : ''}
             INSERT INTO timeline_events (referral_id, handoff_id, type, actor_organisation_id, note)
             VALUES (b.referral_id, NEW.id, 'CALLBACK_RELEASED', actor,
                     'Terugbelafspraak vervallen: de overdracht is ' || CASE NEW.status WHEN 'CANCELLED' THEN 'ingetrokken' ELSE 'teruggestuurd' END || '; de plek is weer vrij.');
           END LOOP;
           RETURN NULL;
         END $$`;
}

export class CallbackCountersByTrigger1764680400000 implements MigrationInterface {
  name = 'CallbackCountersByTrigger1764680400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION callback_take_place() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
      $$ BEGIN
           -- The counter row is created with the door's current places, or raised by one only while
           -- below them; of two bookings of the last place the second waits for the row lock and
           -- then finds it full.
           INSERT INTO callback_slot_counters AS c (door_id, slot_start, capacity, booked)
           SELECT k.door_id, NEW.slot_start, k.places, 1 FROM callback_capacity k
            WHERE k.door_id = NEW.door_id AND k.weekday = extract(isodow FROM NEW.slot_start AT TIME ZONE 'Europe/Amsterdam')
              AND k.part_of_day = NEW.part_of_day AND k.places > 0
           ON CONFLICT (door_id, slot_start) DO UPDATE SET booked = c.booked + 1, capacity = EXCLUDED.capacity
            WHERE c.booked < EXCLUDED.capacity;
           IF NOT FOUND THEN
             RAISE EXCEPTION 'callback slot full' USING ERRCODE = 'SK001';
           END IF;
           RETURN NEW;
         END $$`);
    await q.query(`
      CREATE TRIGGER callback_bookings_take_place BEFORE INSERT ON callback_bookings
      FOR EACH ROW WHEN (NEW.status = 'BOOKED') EXECUTE FUNCTION callback_take_place()`);

    await q.query(`
      CREATE FUNCTION callback_give_place_back() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
      $$ BEGIN
           UPDATE callback_slot_counters SET booked = booked - 1 WHERE door_id = NEW.door_id AND slot_start = NEW.slot_start AND booked > 0;
           RETURN NULL;
         END $$`);
    await q.query(`
      CREATE TRIGGER callback_bookings_give_place_back AFTER UPDATE OF status ON callback_bookings
      FOR EACH ROW WHEN (OLD.status = 'BOOKED' AND NEW.status = 'RELEASED') EXECUTE FUNCTION callback_give_place_back()`);

    // The handoff-end trigger releases the booking; the place now comes back through the trigger above.
    await q.query(releaseOnHandoffEnd(false));

    await q.query(`REVOKE INSERT, UPDATE ON callback_slot_counters FROM schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`GRANT INSERT, UPDATE ON callback_slot_counters TO schakel_runtime`);
    await q.query(releaseOnHandoffEnd(true));
    await q.query(`DROP TRIGGER callback_bookings_give_place_back ON callback_bookings`);
    await q.query(`DROP FUNCTION callback_give_place_back()`);
    await q.query(`DROP TRIGGER callback_bookings_take_place ON callback_bookings`);
    await q.query(`DROP FUNCTION callback_take_place()`);
  }
}
