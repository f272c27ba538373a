import { createHash, randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DeadlineCalculator, DeadlinesService, ResponseNormProvider } from '@schakel/follow-ups';
import { AppError, type Actor, hasAnyRole, isUuid, type RequestContext, requireSafeText, TenantTransactions } from '@schakel/platform';
import { handoffsStore, RECEIVER_ROLES, referralsStore, SENDER_ROLES } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import { DEFAULT_DAYS, MAX_DAYS, MAX_PLACES, PARTS_OF_DAY, type PartOfDay } from './callbacks.enums';
import { buildCallbackLetter, type CallbackLetter } from './letter/callback-letter';
import { renderCallbackLetterPdf } from './letter/callback-letter-pdf';
import { dutchDayBounds, type Slot, slotInWords, slotStartingAt, upcomingSlots } from './slots';
import type { DoorRecord } from '../door.model';
import { findDoor, findDoors } from '../store/doors.store';
import { type BookingRecord, callbacksStore, type CapacityRow, type DayBookingRow } from './store/callbacks.store';

const UNIQUE_VIOLATION = '23505';
/** Raised by the booking's trigger when the slot has no place left (migration 1764680400000). */
const SLOT_FULL = 'SK001';
const DOOR = { nl: 'Dit loket', en: 'This door' };
const HANDOFF = { nl: 'Deze overdracht', en: 'This handoff' };
const BOOKING = { nl: 'Deze terugbelafspraak', en: 'This callback' };
/** The deadline source a callback writes when the handoff had none yet. */
const CALLBACK_SOURCE = 'terugbelafspraak';
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface SlotWithPlaces extends Slot {
  places: number;
  free: number;
}

export interface BookCallbackCommand {
  handoffId: string;
  doorId: string;
  slotStart: Date;
  idempotencyKey: string;
}

export interface DayEntry extends DayBookingRow {
  doorName: string;
  overdue: boolean;
}

export interface CapacityInput {
  weekday: number;
  partOfDay: PartOfDay;
  places: number;
}

/** Who took a step, as the timeline records it. */
function stepActorOf(actor: Actor): { organisationId: string; employeeId: string | null; machineClientId: string | null } {
  return { organisationId: actor.organisationId, employeeId: actor.employeeId, machineClientId: actor.kind === 'machine' ? actor.clientId : null };
}

function newReference(): string {
  const pick = (): string => Array.from({ length: 4 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

function requestHash(c: BookCallbackCommand): string {
  return createHash('sha256').update(JSON.stringify({ handoffId: c.handoffId, doorId: c.doorId, slotStart: c.slotStart.toISOString() })).digest('hex');
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined;
}

/** The SQLSTATE of a failed statement (pg's error, or TypeORM's wrapping of it), if any. */
function sqlStateOf(error: unknown): unknown {
  return field(error, 'code') ?? field(field(error, 'driverError'), 'code');
}

/** The unique constraint a statement broke, if any. */
function constraintOf(error: unknown): string | null {
  const constraint = field(error, 'constraint') ?? field(field(error, 'driverError'), 'constraint');
  return sqlStateOf(error) === UNIQUE_VIOLATION && typeof constraint === 'string' ? constraint : null;
}

function slotFull(): AppError {
  return AppError.conflict({ nl: 'Dit tijdvak is net vol geraakt; kies een ander.', en: 'This slot has just filled up; choose another one.' });
}

/**
 * Callbacks booked at the desk: the slots a door offers, booking one for a handoff (atomically,
 * never overbooked), cancelling it, the receiver's day view, the door's capacity and the
 * afsprakenbriefje. A cancelled or returned handoff frees its slot in the database (trigger), so
 * that holds on every path.
 */
@Injectable()
export class CallbacksService {
  private readonly logger = new Logger(CallbacksService.name);

  constructor(
    private readonly tx: TenantTransactions,
    private readonly calculator: DeadlineCalculator,
    private readonly norms: ResponseNormProvider,
    private readonly deadlines: DeadlinesService,
  ) {}

  /** The next working days' slots of a door with their free places (slots with no places are left out). */
  async slots(ctx: RequestContext, doorId: string, from?: Date | null, days?: number | null): Promise<{ door: DoorRecord; slots: SlotWithPlaces[] }> {
    this.requireCaseRole(ctx.actor);
    const count = days ?? DEFAULT_DAYS;
    if (!Number.isInteger(count) || count < 1 || count > MAX_DAYS) {
      throw AppError.badInput({ nl: `days: een heel getal van 1 tot en met ${MAX_DAYS}.`, en: `days: a whole number from 1 to ${MAX_DAYS}.` }, { field: 'days' });
    }
    const now = new Date();
    const start = from && from > now ? from : now;
    return this.tx.run(ctx.actor, async (m) => {
      const door = await this.door(m, doorId);
      const capacity = await callbacksStore.capacity(m, doorId);
      const candidates = upcomingSlots(start, count, now, this.calculator.rules);
      if (candidates.length === 0) return { door, slots: [] };
      const booked = await callbacksStore.bookedBetween(m, doorId, candidates[0].start, candidates[candidates.length - 1].end);
      const slots = candidates.flatMap((slot): SlotWithPlaces[] => {
        const places = placesFor(capacity, slot.weekday, slot.partOfDay);
        if (places === 0 || !door.active) return [];
        return [{ ...slot, places, free: Math.max(0, places - (booked.get(slot.start.getTime()) ?? 0)) }];
      });
      return { door, slots };
    });
  }

  async book(ctx: RequestContext, c: BookCallbackCommand): Promise<BookingRecord> {
    const actor = ctx.actor;
    if (!hasAnyRole(actor, SENDER_ROLES)) {
      throw AppError.forbidden({ nl: 'Alleen de balie, een behandelaar of coördinator van de verwijzer maakt een terugbelafspraak.', en: "Only the sender's front desk, case handler or coordinator books a callback." });
    }
    requireSafeText(c.idempotencyKey, 'idempotencyKey', { max: 200, required: true });
    if (!isUuid(c.handoffId)) throw AppError.notFound(HANDOFF);
    if (!isUuid(c.doorId)) throw AppError.notFound(DOOR);
    if (Number.isNaN(c.slotStart.getTime())) throw AppError.badInput({ nl: 'slotStart: geen geldig tijdstip.', en: 'slotStart: not a valid instant.' }, { field: 'slotStart' });
    const hash = requestHash(c);
    let booking: BookingRecord;
    let fresh: boolean;
    try {
      ({ booking, fresh } = await this.tx.run(actor, (m) => this.bookIn(m, actor, c, hash)));
    } catch (error) {
      if (sqlStateOf(error) === SLOT_FULL) throw slotFull();
      const constraint = constraintOf(error);
      if (constraint === 'callback_bookings_idempotency') {
        // The same key at the same moment: the other request won; this one answers like a retry.
        const existing = await this.tx.run(actor, (m) => callbacksStore.byIdempotencyKey(m, actor.organisationId, c.idempotencyKey));
        if (!existing) throw error;
        return this.sameRequestOrConflict(existing, hash);
      }
      if (constraint === 'callback_bookings_one_per_handoff') throw this.alreadyBooked();
      throw error;
    }
    if (fresh) this.moveAcceptCheck(booking);
    return booking;
  }

  private async bookIn(m: EntityManager, actor: Actor, c: BookCallbackCommand, hash: string): Promise<{ booking: BookingRecord; fresh: boolean }> {
    const existing = await callbacksStore.byIdempotencyKey(m, actor.organisationId, c.idempotencyKey);
    if (existing) return { booking: this.sameRequestOrConflict(existing, hash), fresh: false };

    const handoff = await handoffsStore.lock(m, c.handoffId);
    // The same key at the same moment waited for this lock: the first request's booking is there now.
    const raced = await callbacksStore.byIdempotencyKey(m, actor.organisationId, c.idempotencyKey);
    if (raced) return { booking: this.sameRequestOrConflict(raced, hash), fresh: false };
    if (!handoff || (handoff.fromOrganisationId !== actor.organisationId && handoff.toOrganisationId !== actor.organisationId)) throw AppError.notFound(HANDOFF);
    if (handoff.fromOrganisationId !== actor.organisationId) {
      throw AppError.forbidden({ nl: 'Alleen de verwijzer maakt een terugbelafspraak voor deze overdracht.', en: 'Only the sender books a callback for this handoff.' });
    }
    if (handoff.status !== 'REQUESTED' && handoff.status !== 'RECEIVED') {
      throw new AppError('INVALID_TRANSITION', {
        nl: 'Een terugbelafspraak kan alleen zolang de overdracht nog niet is opgepakt.',
        en: 'A callback can only be booked while the handoff has not been picked up.',
      });
    }
    const door = await this.door(m, c.doorId);
    if (door.organisationId !== handoff.toOrganisationId) {
      throw AppError.badInput({ nl: 'Dit loket hoort niet bij de ontvangende organisatie van deze overdracht.', en: "This door does not belong to the handoff's receiving organisation." }, { field: 'doorId' });
    }
    if (!door.active) throw AppError.badInput({ nl: 'Dit loket is niet meer actief.', en: 'This door is no longer active.' }, { field: 'doorId' });
    const slot = slotStartingAt(c.slotStart, this.calculator.rules);
    if (!slot) {
      throw AppError.badInput(
        { nl: 'Dit is geen tijdvak om terug te bellen: kies een ochtend of middag op een werkdag.', en: 'This is no callback slot: choose a morning or afternoon on a working day.' },
        { field: 'slotStart' },
      );
    }
    if (slot.start <= new Date()) throw AppError.badInput({ nl: 'Dit tijdvak is al begonnen; kies een later tijdvak.', en: 'This slot has already started; choose a later one.' }, { field: 'slotStart' });
    const places = placesFor(await callbacksStore.capacity(m, door.id), slot.weekday, slot.partOfDay);
    if (places === 0) throw AppError.badInput({ nl: 'Dit loket belt op dat moment niet terug; kies een ander tijdvak.', en: 'This door makes no callbacks at that time; choose another slot.' }, { field: 'slotStart' });
    const [current] = (await callbacksStore.ofHandoffs(m, [handoff.id])).filter((b) => b.status === 'BOOKED');
    if (current) throw this.alreadyBooked();

    const clock = await handoffsStore.clock(m, handoff.id);
    let normAcceptDue: Date | null = null;
    if (clock && !clock.acceptDueAt) {
      const norm = await this.norms.normFor({ receiverOrganisationId: clock.toOrganisationId, topic: clock.topic, urgency: clock.urgency });
      normAcceptDue = this.calculator.dueAt(clock.requestedAt, norm.acceptAmount, norm.acceptUnit);
    }
    const deadline = await handoffsStore.setCallbackDeadline(m, { id: handoff.id, slotStart: slot.start, slotEnd: slot.end, normAcceptDue, source: CALLBACK_SOURCE });
    // The booking's insert takes the place (a trigger; the runtime role cannot write counters): a
    // full slot refuses with SLOT_FULL and the transaction rolls back, so nothing is written.
    const booking = await callbacksStore.insertBooking(m, {
      doorId: door.id,
      doorOrganisationId: door.organisationId,
      handoffId: handoff.id,
      referralId: handoff.referralId,
      slotStart: slot.start,
      slotEnd: slot.end,
      partOfDay: slot.partOfDay,
      reference: newReference(),
      bookedByOrganisationId: actor.organisationId,
      bookedByEmployeeId: actor.employeeId,
      bookedByMachineClientId: actor.kind === 'machine' ? actor.clientId : null,
      idempotencyKey: c.idempotencyKey,
      requestHash: hash,
      previousAcceptDueAt: deadline?.previousAcceptDueAt ?? null,
    });
    await referralsStore.addReferralEvent(m, {
      referralId: handoff.referralId,
      handoffId: handoff.id,
      type: 'CALLBACK_BOOKED',
      note: `Terugbelafspraak met ${door.organisationName}, ${door.name}: ${slotInWords(slot)}.`,
      actor: stepActorOf(actor),
      topic: null,
    });
    return { booking, fresh: true };
  }

  /** Cancelled by the sender: the place is free again and the handoff's deadlines go back to the norm's. */
  async cancel(ctx: RequestContext, bookingId: string, reason: string): Promise<BookingRecord> {
    const actor = ctx.actor;
    if (!hasAnyRole(actor, SENDER_ROLES)) {
      throw AppError.forbidden({ nl: 'Alleen de verwijzer annuleert een terugbelafspraak.', en: 'Only the sender cancels a callback.' });
    }
    const why = requireSafeText(reason, 'reason', { max: 500, required: true });
    if (!isUuid(bookingId)) throw AppError.notFound(BOOKING);
    const result = await this.tx.run(actor, async (m) => {
      // Locks in the order every path takes (the handoff, then its booking, then the counter, which
      // the release gives back by trigger), so a handoff cancelled at the same moment waits instead
      // of deadlocking.
      const seen = await callbacksStore.find(m, bookingId);
      if (!seen) throw AppError.notFound(BOOKING);
      await handoffsStore.lock(m, seen.handoffId);
      const booking = await callbacksStore.lock(m, bookingId);
      if (!booking) throw AppError.notFound(BOOKING);
      if (booking.bookedByOrganisationId !== actor.organisationId) {
        throw AppError.forbidden({ nl: 'Alleen de verwijzer annuleert een terugbelafspraak.', en: 'Only the sender cancels a callback.' });
      }
      if (booking.status !== 'BOOKED') throw new AppError('INVALID_TRANSITION', { nl: 'Deze terugbelafspraak is al vervallen.', en: 'This callback has already been released.' });
      const released = await callbacksStore.release(m, booking.id, 'CANCELLED_BY_SENDER', why);
      if (!released) throw new AppError('INVALID_TRANSITION', { nl: 'Deze terugbelafspraak is al vervallen.', en: 'This callback has already been released.' });
      await handoffsStore.clearCallbackDeadline(m, { id: booking.handoffId, slotStart: booking.slotStart, slotEnd: booking.slotEnd, previousAcceptDueAt: booking.previousAcceptDueAt });
      await referralsStore.addReferralEvent(m, {
        referralId: booking.referralId,
        handoffId: booking.handoffId,
        type: 'CALLBACK_RELEASED',
        note: `Terugbelafspraak geannuleerd door de verwijzer (${slotInWords({ start: booking.slotStart, partOfDay: booking.partOfDay })}); de plek is weer vrij.`,
        actor: stepActorOf(actor),
        topic: null,
      });
      return released;
    });
    this.moveAcceptCheck(result);
    return result;
  }

  /** The callbacks of these handoffs the caller may see (participants only, by RLS), newest first. */
  async ofHandoffs(ctx: RequestContext, handoffIds: readonly string[]): Promise<BookingRecord[]> {
    this.requireCaseRole(ctx.actor);
    const ids = handoffIds.filter(isUuid);
    return this.tx.run(ctx.actor, (m) => callbacksStore.ofHandoffs(m, ids));
  }

  async booking(ctx: RequestContext, bookingId: string): Promise<BookingRecord> {
    this.requireCaseRole(ctx.actor);
    if (!isUuid(bookingId)) throw AppError.notFound(BOOKING);
    const found = await this.tx.run(ctx.actor, (m) => callbacksStore.find(m, bookingId));
    if (!found) throw AppError.notFound(BOOKING);
    return found;
  }

  /** The receiver's callbacks on one Dutch calendar date, by time. */
  async day(ctx: RequestContext, date: string): Promise<DayEntry[]> {
    if (!hasAnyRole(ctx.actor, RECEIVER_ROLES)) {
      throw AppError.forbidden({ nl: 'Alleen behandelaars en coördinatoren zien de terugbelafspraken van hun organisatie.', en: "Only case handlers and coordinators see their organisation's callbacks." });
    }
    const bounds = dutchDayBounds(date);
    if (!bounds) throw AppError.badInput({ nl: 'date: een datum als JJJJ-MM-DD.', en: 'date: a date as YYYY-MM-DD.' }, { field: 'date' });
    const { rows, doors } = await this.tx.run(ctx.actor, async (m) => {
      const rows = await callbacksStore.day(m, ctx.actor.organisationId, bounds.from, bounds.to);
      return { rows, doors: await findDoors(m, [...new Set(rows.map((r) => r.booking.doorId))]) };
    });
    const names = new Map(doors.map((d) => [d.id, d.name]));
    const now = Date.now();
    return rows.map((row) => ({
      ...row,
      doorName: names.get(row.booking.doorId) ?? '',
      // Not yet called back when the slot is over: no contact recorded, still with the receiver.
      overdue: row.booking.status === 'BOOKED' && row.booking.slotEnd.getTime() < now && ['REQUESTED', 'RECEIVED', 'ACCEPTED'].includes(row.handoffStatus),
    }));
  }

  async capacity(ctx: RequestContext, doorId: string): Promise<{ door: DoorRecord; capacity: CapacityRow[] }> {
    return this.tx.run(ctx.actor, async (m) => {
      const door = await this.door(m, doorId);
      return { door, capacity: await callbacksStore.capacity(m, doorId) };
    });
  }

  /**
   * Replaces the door's weekly capacity (its organisation's coordinator). Lowering never touches a
   * booking: a slot already booked beyond its new number keeps every booking, and takes new ones
   * only once its bookings are below the new number again (the booking compares with the current
   * places, the counter only guards what was booked).
   */
  async setCapacity(ctx: RequestContext, doorId: string, slots: readonly CapacityInput[]): Promise<CapacityRow[]> {
    const actor = ctx.actor;
    if (actor.kind !== 'employee' || !hasAnyRole(actor, ['COORDINATOR'])) {
      throw AppError.forbidden({ nl: 'Alleen een coördinator van de organisatie van het loket stelt de terugbelcapaciteit in.', en: "Only a coordinator of the door's organisation sets its callback capacity." });
    }
    const rows = validCapacity(slots);
    return this.tx.run(actor, async (m) => {
      const door = await this.door(m, doorId);
      if (door.organisationId !== actor.organisationId) {
        throw AppError.forbidden({ nl: 'U stelt alleen de capaciteit van loketten van uw eigen organisatie in.', en: "You only set the capacity of your own organisation's doors." });
      }
      await callbacksStore.replaceCapacity(m, door.id, rows, actor.employeeId);
      return callbacksStore.capacity(m, door.id);
    });
  }

  async letter(ctx: RequestContext, bookingId: string): Promise<CallbackLetter> {
    this.requireCaseRole(ctx.actor);
    if (!isUuid(bookingId)) throw AppError.notFound(BOOKING);
    const facts = await this.tx.run(ctx.actor, async (m) => {
      const found = await callbacksStore.letterCase(m, bookingId);
      return found ? { ...found, door: await findDoor(m, found.booking.doorId) } : undefined;
    });
    if (!facts?.door) throw AppError.notFound(BOOKING);
    return buildCallbackLetter({ ...facts, door: facts.door });
  }

  async letterPdf(ctx: RequestContext, bookingId: string): Promise<Buffer> {
    return renderCallbackLetterPdf(await this.letter(ctx, bookingId), new Date());
  }

  private requireCaseRole(actor: Actor): void {
    if (!hasAnyRole(actor, SENDER_ROLES)) {
      throw AppError.forbidden({ nl: 'Alleen balie, behandelaars en coördinatoren werken met terugbelafspraken.', en: 'Only front desk, case handlers and coordinators work with callbacks.' });
    }
  }

  private async door(m: EntityManager, doorId: string): Promise<DoorRecord> {
    if (!isUuid(doorId)) throw AppError.notFound(DOOR);
    const door = await findDoor(m, doorId);
    if (!door) throw AppError.notFound(DOOR);
    return door;
  }

  private alreadyBooked(): AppError {
    return AppError.conflict({ nl: 'Deze overdracht heeft al een terugbelafspraak; annuleer die eerst.', en: 'This handoff already has a callback; cancel it first.' });
  }

  private sameRequestOrConflict(existing: BookingRecord, hash: string): BookingRecord {
    if (existing.requestHash !== hash) {
      throw AppError.conflict({ nl: 'Deze idempotentiesleutel is al gebruikt voor een andere terugbelafspraak.', en: 'This idempotency key was already used for a different callback.' });
    }
    return existing;
  }

  /**
   * The acceptance check may already wait in Redis for the norm's deadline: it moves to the
   * handoff's deadline as PostgreSQL now has it. Not awaited, and failures only logged: Redis is
   * losable and must not stop a booking; the deadline itself is in PostgreSQL, where the
   * follow-ups sweep finds it again.
   */
  private moveAcceptCheck(booking: BookingRecord): void {
    void this.deadlines
      .acceptDeadlineReplaced(booking.handoffId, booking.doorOrganisationId)
      .catch(() => this.logger.warn('Could not move the acceptance check of a handoff with a callback; the follow-ups sweep will'));
  }
}

function placesFor(capacity: readonly CapacityRow[], weekday: number, part: PartOfDay): number {
  return capacity.find((c) => c.weekday === weekday && c.partOfDay === part)?.places ?? 0;
}

function validCapacity(slots: readonly CapacityInput[]): CapacityRow[] {
  if (slots.length > 10) throw AppError.badInput({ nl: 'Hoogstens 10 tijdvakken per week (5 dagen, ochtend en middag).', en: 'At most 10 slots a week (5 days, morning and afternoon).' }, { field: 'slots' });
  const seen = new Set<string>();
  return slots.map((s, i) => {
    const field = `slots.${i}`;
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 5) throw AppError.badInput({ nl: `${field}.weekday: 1 (maandag) tot en met 5 (vrijdag).`, en: `${field}.weekday: 1 (Monday) to 5 (Friday).` }, { field: `${field}.weekday` });
    if (!PARTS_OF_DAY.includes(s.partOfDay)) throw AppError.badInput({ nl: `${field}.partOfDay: OCHTEND of MIDDAG.`, en: `${field}.partOfDay: OCHTEND or MIDDAG.` }, { field: `${field}.partOfDay` });
    if (!Number.isInteger(s.places) || s.places < 0 || s.places > MAX_PLACES) {
      throw AppError.badInput({ nl: `${field}.places: een heel getal van 0 tot en met ${MAX_PLACES}.`, en: `${field}.places: a whole number from 0 to ${MAX_PLACES}.` }, { field: `${field}.places` });
    }
    const key = `${s.weekday}:${s.partOfDay}`;
    if (seen.has(key)) throw AppError.badInput({ nl: `${field}: dit tijdvak staat er twee keer in.`, en: `${field}: this slot is listed twice.` }, { field });
    seen.add(key);
    return { weekday: s.weekday, partOfDay: s.partOfDay, places: s.places };
  });
}
