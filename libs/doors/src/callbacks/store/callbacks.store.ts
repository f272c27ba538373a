import { queryReturning } from '@schakel/platform';
import { HANDOFF_STATUSES, type HandoffStatus, REFERRAL_TOPICS, type ReferralTopic } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import { CALLBACK_BOOKING_STATUSES, type CallbackBookingStatus, PARTS_OF_DAY, type PartOfDay, RELEASE_CAUSES, type ReleaseCause } from '../callbacks.enums';
import { reader, type Row, rowsOf } from './row';

/**
 * Every statement on callback_capacity, callback_slot_counters and callback_bookings. Each runs in
 * the caller's tenant transaction, so row-level security applies. The doors themselves belong to
 * the doors store (findDoor, findDoors).
 */

export interface CapacityRow {
  weekday: number;
  partOfDay: PartOfDay;
  places: number;
}

export interface BookingRecord {
  id: string;
  doorId: string;
  doorOrganisationId: string;
  handoffId: string;
  referralId: string;
  slotStart: Date;
  slotEnd: Date;
  partOfDay: PartOfDay;
  status: CallbackBookingStatus;
  reference: string;
  bookedByOrganisationId: string;
  bookedByEmployeeId: string | null;
  bookedAt: Date;
  idempotencyKey: string;
  requestHash: string;
  previousAcceptDueAt: Date | null;
  releasedAt: Date | null;
  releaseCause: ReleaseCause | null;
  releaseReason: string | null;
}

export interface NewBooking {
  doorId: string;
  doorOrganisationId: string;
  handoffId: string;
  referralId: string;
  slotStart: Date;
  slotEnd: Date;
  partOfDay: PartOfDay;
  reference: string;
  bookedByOrganisationId: string;
  bookedByEmployeeId: string | null;
  bookedByMachineClientId: string | null;
  idempotencyKey: string;
  requestHash: string;
  previousAcceptDueAt: Date | null;
}

/** A booking in the receiver's day view, with what it needs to show and link. */
export interface DayBookingRow {
  booking: BookingRecord;
  topic: ReferralTopic;
  handoffStatus: HandoffStatus;
}

/** What the afsprakenbriefje prints of the case: never the citizen's name, BSN, contact details or story. */
export interface LetterCase {
  booking: BookingRecord;
  topic: ReferralTopic;
  senderOrganisationName: string;
}

const BOOKING_COLUMNS = `b.id, b.door_id, b.door_organisation_id, b.handoff_id, b.referral_id, b.slot_start, b.slot_end, b.part_of_day, b.status,
  b.reference, b.booked_by_organisation_id, b.booked_by_employee_id, b.booked_at, b.idempotency_key, b.request_hash, b.previous_accept_due_at,
  b.released_at, b.release_cause, b.release_reason`;

function parseBooking(row: Row): BookingRecord {
  const r = reader('callback_bookings', row);
  return {
    id: r.text('id'),
    doorId: r.text('door_id'),
    doorOrganisationId: r.text('door_organisation_id'),
    handoffId: r.text('handoff_id'),
    referralId: r.text('referral_id'),
    slotStart: r.date('slot_start'),
    slotEnd: r.date('slot_end'),
    partOfDay: r.oneOf('part_of_day', PARTS_OF_DAY),
    status: r.oneOf('status', CALLBACK_BOOKING_STATUSES),
    reference: r.text('reference'),
    bookedByOrganisationId: r.text('booked_by_organisation_id'),
    bookedByEmployeeId: r.nullableText('booked_by_employee_id'),
    bookedAt: r.date('booked_at'),
    idempotencyKey: r.text('idempotency_key'),
    requestHash: r.text('request_hash'),
    previousAcceptDueAt: r.nullableDate('previous_accept_due_at'),
    releasedAt: r.nullableDate('released_at'),
    releaseCause: r.nullableOneOf('release_cause', RELEASE_CAUSES),
    releaseReason: r.nullableText('release_reason'),
  };
}

export const callbacksStore = {
  async capacity(m: EntityManager, doorId: string): Promise<CapacityRow[]> {
    const rows = rowsOf(await m.query(`SELECT weekday, part_of_day, places FROM callback_capacity WHERE door_id = $1 ORDER BY weekday, part_of_day`, [doorId]), 'callback_capacity');
    return rows.map((row) => {
      const r = reader('callback_capacity', row);
      return { weekday: r.int('weekday'), partOfDay: r.oneOf('part_of_day', PARTS_OF_DAY), places: r.int('places') };
    });
  },

  /** Replaces a door's weekly capacity (RLS: only the door's organisation). Counters are left alone (see the service). */
  async replaceCapacity(m: EntityManager, doorId: string, rows: readonly CapacityRow[], employeeId: string | null): Promise<void> {
    // Two coordinators saving at once: one after the other (the second's rows win), never a key clash.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('callback_capacity:' || $1::text, 0))`, [doorId]);
    await m.query(`DELETE FROM callback_capacity WHERE door_id = $1`, [doorId]);
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO callback_capacity (door_id, weekday, part_of_day, places, updated_by_employee_id)
       SELECT $1, v.weekday, v.part::callback_part_of_day, v.places, $5 FROM unnest($2::smallint[], $3::text[], $4::int[]) AS v(weekday, part, places)`,
      [doorId, rows.map((r) => r.weekday), rows.map((r) => r.partOfDay), rows.map((r) => r.places), employeeId],
    );
  },

  /** Booked places per slot start (ms) of a door between two instants. */
  async bookedBetween(m: EntityManager, doorId: string, from: Date, to: Date): Promise<Map<number, number>> {
    const rows = rowsOf(
      await m.query(`SELECT slot_start, booked FROM callback_slot_counters WHERE door_id = $1 AND slot_start >= $2 AND slot_start < $3`, [doorId, from, to]),
      'callback_slot_counters',
    );
    return new Map(rows.map((row) => {
      const r = reader('callback_slot_counters', row);
      return [r.date('slot_start').getTime(), r.int('booked')] as const;
    }));
  },

  async insertBooking(m: EntityManager, b: NewBooking): Promise<BookingRecord> {
    const rows = await queryReturning<unknown>(
      m,
      `INSERT INTO callback_bookings AS b (door_id, door_organisation_id, handoff_id, referral_id, slot_start, slot_end, part_of_day, reference,
         booked_by_organisation_id, booked_by_employee_id, booked_by_machine_client_id, idempotency_key, request_hash, previous_accept_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::callback_part_of_day, $8, $9, $10, $11, $12, $13, $14)
       RETURNING ${BOOKING_COLUMNS}`,
      [b.doorId, b.doorOrganisationId, b.handoffId, b.referralId, b.slotStart, b.slotEnd, b.partOfDay, b.reference, b.bookedByOrganisationId, b.bookedByEmployeeId, b.bookedByMachineClientId, b.idempotencyKey, b.requestHash, b.previousAcceptDueAt],
    );
    return rowsOf(rows, 'callback_bookings').map(parseBooking)[0];
  },

  async find(m: EntityManager, id: string): Promise<BookingRecord | undefined> {
    return rowsOf(await m.query(`SELECT ${BOOKING_COLUMNS} FROM callback_bookings b WHERE b.id = $1`, [id]), 'callback_bookings').map(parseBooking)[0];
  },

  async lock(m: EntityManager, id: string): Promise<BookingRecord | undefined> {
    return rowsOf(await m.query(`SELECT ${BOOKING_COLUMNS} FROM callback_bookings b WHERE b.id = $1 FOR UPDATE`, [id]), 'callback_bookings').map(parseBooking)[0];
  },

  async byIdempotencyKey(m: EntityManager, organisationId: string, key: string): Promise<BookingRecord | undefined> {
    return rowsOf(
      await m.query(`SELECT ${BOOKING_COLUMNS} FROM callback_bookings b WHERE b.booked_by_organisation_id = $1 AND b.idempotency_key = $2`, [organisationId, key]),
      'callback_bookings',
    ).map(parseBooking)[0];
  },

  /** The bookings of these handoffs, newest first (the referral page shows the current one). */
  async ofHandoffs(m: EntityManager, handoffIds: readonly string[]): Promise<BookingRecord[]> {
    if (handoffIds.length === 0) return [];
    return rowsOf(
      await m.query(`SELECT ${BOOKING_COLUMNS} FROM callback_bookings b WHERE b.handoff_id = ANY($1::uuid[]) ORDER BY b.booked_at DESC, b.id`, [handoffIds]),
      'callback_bookings',
    ).map(parseBooking);
  },

  async release(m: EntityManager, id: string, cause: ReleaseCause, reason: string | null): Promise<BookingRecord | undefined> {
    const rows = await queryReturning<unknown>(
      m,
      `UPDATE callback_bookings b SET status = 'RELEASED', released_at = now(), release_cause = $2, release_reason = $3
        WHERE b.id = $1 AND b.status = 'BOOKED' RETURNING ${BOOKING_COLUMNS}`,
      [id, cause, reason],
    );
    return rowsOf(rows, 'callback_bookings').map(parseBooking)[0];
  },

  /** The receiving organisation's bookings with a slot in [from, to), by time. */
  async day(m: EntityManager, organisationId: string, from: Date, to: Date): Promise<DayBookingRow[]> {
    const rows = rowsOf(
      await m.query(
        `SELECT ${BOOKING_COLUMNS}, r.topic, h.status AS handoff_status
           FROM callback_bookings b
           JOIN handoffs h ON h.id = b.handoff_id
           JOIN referrals r ON r.id = b.referral_id
          WHERE b.door_organisation_id = $1 AND b.slot_start >= $2 AND b.slot_start < $3
          ORDER BY b.slot_start, b.status, b.booked_at, b.id LIMIT 500`,
        [organisationId, from, to],
      ),
      'callback_bookings',
    );
    return rows.map((row) => {
      const r = reader('callback_bookings', row);
      return { booking: parseBooking(row), topic: r.oneOf('topic', REFERRAL_TOPICS), handoffStatus: r.oneOf('handoff_status', HANDOFF_STATUSES) };
    });
  },

  async letterCase(m: EntityManager, bookingId: string): Promise<LetterCase | undefined> {
    const rows = rowsOf(
      await m.query(
        `SELECT ${BOOKING_COLUMNS}, r.topic, s.name AS sender_organisation_name
           FROM callback_bookings b
           JOIN organisations s ON s.id = b.booked_by_organisation_id
           JOIN referrals r ON r.id = b.referral_id
          WHERE b.id = $1`,
        [bookingId],
      ),
      'callback_bookings',
    );
    return rows.map((row) => {
      const r = reader('callback_bookings', row);
      return { booking: parseBooking(row), topic: r.oneOf('topic', REFERRAL_TOPICS), senderOrganisationName: r.text('sender_organisation_name') };
    })[0];
  },
};
