import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { deadlineJobId, isWorkingDay } from '@schakel/follow-ups';
import { QueueName } from '@schakel/platform';
import { eventually, freePort, readPdf, type TestClient } from '@schakel/testing';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { type Client, Client as PgClient } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Callbacks booked at the desk, end to end: slots on working days only, exactly one winner for
 * the last place, a full slot writes nothing, a cancelled or returned handoff frees its slot (in
 * the database, whichever path), the slot's end stays the contact deadline after acceptance, and
 * the afsprakenbriefje (screen and PDF) holds what the citizen needs and nothing personal.
 */
const UWV_DOOR = 'd0000000-0000-4000-8000-000000000001';
const SVB_DOOR = 'd0000000-0000-4000-8000-000000000002';
const CITIZEN = { bsn: '111222333', name: 'Petronella Terugbel', phone: '0612345678', email: 'petronella@example.nl' };
const STORY = 'Verhaal: ontslagen na twintig jaar, vaste lasten lopen op, weet niet waar te beginnen.';

interface Slot {
  date: string;
  weekday: number;
  partOfDay: 'OCHTEND' | 'MIDDAG';
  start: string;
  end: string;
  places: number;
  free: number;
}
interface Booking {
  id: string;
  status: string;
  reference: string;
  slotStart: string;
  slotEnd: string;
  slotInWords: string;
  releaseCause: string | null;
}
interface GqlError {
  message: string;
  extensions?: { code?: string };
}

const BOOKING_FIELDS = 'id status reference slotStart slotEnd slotInWords releaseCause';

describe('callbacks booked at the desk (end to end)', () => {
  const env = new IsolatedEnvironment('callbacks');
  let stack: Stack | undefined;
  let client: TestClient;
  let owner: Client;
  let worker: INestApplicationContext;
  const tokens: Record<string, string> = {};
  const token = async (u: string) => (tokens[u] ??= await client.devToken(u));
  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => client.graphql<T>(query, variables, await token(who));
  let orgs: Record<string, string>;
  let keyCounter = 0;
  const newKey = () => `callback-test-${process.pid}-${++keyCounter}`;

  /** The door's places for every weekday and part of day, written as its own organisation would. */
  const setPlaces = async (doorId: string, places: number) => {
    const { rows } = await owner.query(`SELECT organisation_id FROM doors WHERE id = $1`, [doorId]);
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('app.organisation_id', $1, true)`, [rows[0].organisation_id]);
      await owner.query(`DELETE FROM callback_capacity WHERE door_id = $1`, [doorId]);
      await owner.query(
        `INSERT INTO callback_capacity (door_id, weekday, part_of_day, places) SELECT $1, d, p::callback_part_of_day, $2 FROM generate_series(1, 5) d, unnest(ARRAY['OCHTEND', 'MIDDAG']) p`,
        [doorId, places],
      );
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK');
      throw error;
    }
  };

  const refer = async (who = 'balie@tilburg.demo', to = 'uwv'): Promise<{ referralId: string; handoffId: string }> => {
    const res = await gql<{ createReferral: { id: string; currentHandoff: { id: string } } }>(
      who,
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id } } }`,
      { input: { citizen: CITIZEN, toOrganisationId: orgs[to], topic: 'WERK', summary: STORY, consent: { given: true, method: 'MONDELING' } } },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { referralId: res.data!.createReferral.id, handoffId: res.data!.createReferral.currentHandoff.id };
  };

  const slots = async (doorId = UWV_DOOR, who = 'balie@tilburg.demo', extra: { from?: string; days?: number } = {}): Promise<Slot[]> => {
    const res = await gql<{ callbackSlots: { slots: Slot[] } }>(
      who,
      `query ($doorId: ID!, $from: DateTime, $days: Int) { callbackSlots(doorId: $doorId, from: $from, days: $days) { slots { date weekday partOfDay start end places free } } }`,
      { doorId, ...extra },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.callbackSlots.slots;
  };

  const book = async (who: string, input: { handoffId: string; doorId?: string; slotStart: string; idempotencyKey?: string }) =>
    gql<{ bookCallback: Booking }>(who, `mutation ($input: BookCallbackInput!) { bookCallback(input: $input) { ${BOOKING_FIELDS} } }`, {
      input: { doorId: UWV_DOOR, idempotencyKey: newKey(), ...input },
    });

  const handoffVersion = async (who: string, id: string): Promise<number> =>
    (await gql<{ handoff: { version: number } }>(who, `query ($id: ID!) { handoff(id: $id) { version } }`, { id })).data!.handoff.version;

  const counter = async (doorId: string, slotStart: string): Promise<number | null> => {
    const { rows } = await owner.query(`SELECT booked FROM callback_slot_counters WHERE door_id = $1 AND slot_start = $2`, [doorId, slotStart]);
    return rows[0]?.booked ?? null;
  };
  const bookingsOf = async (handoffId: string) =>
    (await owner.query(`SELECT status, release_cause FROM callback_bookings WHERE handoff_id = $1 ORDER BY booked_at`, [handoffId])).rows as Array<{ status: string; release_cause: string | null }>;
  const eventsOf = async (referralId: string) =>
    (await owner.query(`SELECT type, note FROM timeline_events WHERE referral_id = $1 ORDER BY id`, [referralId])).rows as Array<{ type: string; note: string | null }>;
  const deadlines = async (handoffId: string) =>
    (await owner.query(`SELECT accept_due_at, contact_due_at FROM handoffs WHERE id = $1`, [handoffId])).rows[0] as { accept_due_at: Date | null; contact_due_at: Date | null };
  const codeOf = (errors: GqlError[] | undefined) => errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    stack = await startStack(env);
    ({ client, owner, orgs } = stack);
    worker = await stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    await setPlaces(UWV_DOOR, 3);
  });

  it('offers the next 10 working days, morning and afternoon, never a weekend day or a Dutch holiday, and refuses those slots', async () => {
    // Christmas 2026 (Friday 25 and Saturday 26 December) lies in this window.
    const offered = await slots(UWV_DOOR, 'balie@tilburg.demo', { from: '2026-12-21T00:00:00.000Z', days: 10 });
    const dates = [...new Set(offered.map((s) => s.date))];
    expect(dates).toHaveLength(10);
    expect(offered).toHaveLength(20);
    for (const date of dates) expect(isWorkingDay(DateTime.fromISO(date, { zone: 'Europe/Amsterdam' }), { goodFridayIsHoliday: false })).toBe(true);
    expect(dates).not.toContain('2026-12-25');
    expect(dates).not.toContain('2026-12-26');
    expect(dates).not.toContain('2026-12-27');
    expect(offered.every((s) => s.places === 3 && s.free <= 3)).toBe(true);
    expect(offered.every((s) => new Date(s.start) > new Date())).toBe(true);

    const { handoffId } = await refer();
    const refused = [
      '2026-12-25T08:00:00.000Z', // Eerste Kerstdag, 9.00 Dutch time
      DateTime.fromISO(dates[dates.length - 1], { zone: 'Europe/Amsterdam' }).plus({ days: 7 }).startOf('week').plus({ days: 5, hours: 9 }).toUTC().toISO()!, // a Saturday 9.00
      new Date(new Date(offered[0].start).getTime() + 30 * 60_000).toISOString(), // half an hour into a slot: no slot starts then
    ];
    for (const slotStart of refused) {
      const res = await book('balie@tilburg.demo', { handoffId, slotStart });
      expect(codeOf(res.errors)).toBe('BAD_USER_INPUT');
    }
    const past = await book('balie@tilburg.demo', { handoffId, slotStart: '2026-01-05T08:00:00.000Z' });
    expect(codeOf(past.errors)).toBe('BAD_USER_INPUT');
    expect(await bookingsOf(handoffId)).toEqual([]);
  });

  it('gives the last place of a slot to exactly one of two balies booking at the same moment (several rounds)', async () => {
    await setPlaces(UWV_DOOR, 1);
    const offered = await slots();
    for (let round = 0; round < 4; round++) {
      const slot = offered[round];
      const [a, b] = await Promise.all([refer('balie@tilburg.demo'), refer('behandelaar@tilburg.demo')]);
      const results = await Promise.all([
        book('balie@tilburg.demo', { handoffId: a.handoffId, slotStart: slot.start }),
        book('behandelaar@tilburg.demo', { handoffId: b.handoffId, slotStart: slot.start }),
      ]);
      const won = results.filter((r) => !r.errors);
      const lost = results.filter((r) => r.errors);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(codeOf(lost[0].errors)).toBe('CONFLICT');
      expect(lost[0].errors![0].message).toContain('Dit tijdvak is net vol geraakt; kies een ander');
      expect(await counter(UWV_DOOR, slot.start)).toBe(1);
      const booked = [...(await bookingsOf(a.handoffId)), ...(await bookingsOf(b.handoffId))];
      expect(booked).toEqual([{ status: 'BOOKED', release_cause: null }]);
    }
  });

  it('refuses a full slot and writes nothing: no booking, no event, no deadline, counter unchanged', async () => {
    await setPlaces(UWV_DOOR, 1);
    const [slot] = (await slots()).slice(6);
    const first = await refer();
    expect((await book('balie@tilburg.demo', { handoffId: first.handoffId, slotStart: slot.start })).errors).toBeUndefined();
    const second = await refer();
    // The worker sets the norm's acceptance deadline on its own time: wait for it, so only this booking could change it.
    await eventually(async () => (await deadlines(second.handoffId)).accept_due_at);
    const before = await deadlines(second.handoffId);
    const res = await book('balie@tilburg.demo', { handoffId: second.handoffId, slotStart: slot.start });
    expect(codeOf(res.errors)).toBe('CONFLICT');
    expect(await bookingsOf(second.handoffId)).toEqual([]);
    expect((await eventsOf(second.referralId)).map((e) => e.type)).not.toContain('CALLBACK_BOOKED');
    expect(await deadlines(second.handoffId)).toEqual(before);
    expect(await counter(UWV_DOOR, slot.start)).toBe(1);
    // The free places say so too.
    expect((await slots()).find((s) => s.start === slot.start)?.free).toBe(0);

    // Counters move only with a booking: the app role itself cannot write them, in any tenant.
    const app = new PgClient({ connectionString: env.appUrl });
    await app.connect();
    try {
      for (const tenant of [stack!.orgs.tilburg, stack!.orgs.uwv]) {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [tenant]);
        await expect(app.query(`UPDATE callback_slot_counters SET booked = 0 WHERE door_id = $1`, [UWV_DOOR])).rejects.toThrow(/permission denied/);
        await app.query('ROLLBACK');
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [tenant]);
        await expect(app.query(`INSERT INTO callback_slot_counters (door_id, slot_start, capacity, booked) VALUES ($1, now(), 50, 0)`, [UWV_DOOR])).rejects.toThrow(/permission denied/);
        await app.query('ROLLBACK');
      }
    } finally {
      await app.end();
    }
    expect(await counter(UWV_DOOR, slot.start)).toBe(1);
  });

  it('frees the slot when the sender cancels the handoff: counter back, booking RELEASED, CALLBACK_RELEASED on the timeline', async () => {
    const [slot] = (await slots()).slice(8);
    const { referralId, handoffId } = await refer();
    const booked = await book('balie@tilburg.demo', { handoffId, slotStart: slot.start });
    expect(booked.errors).toBeUndefined();
    expect(await counter(UWV_DOOR, slot.start)).toBe(1);
    const cancelled = await gql('balie@tilburg.demo', `mutation ($id: ID!, $input: ReasonInput!) { cancelHandoff(id: $id, input: $input) { status } }`, {
      id: handoffId,
      input: { expectedVersion: await handoffVersion('balie@tilburg.demo', handoffId), reason: 'De inwoner is al geholpen.' },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(await counter(UWV_DOOR, slot.start)).toBe(0);
    expect(await bookingsOf(handoffId)).toEqual([{ status: 'RELEASED', release_cause: 'HANDOFF_CANCELLED' }]);
    const events = await eventsOf(referralId);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['CALLBACK_BOOKED', 'CANCELLED', 'CALLBACK_RELEASED']);
    expect(events[events.length - 1].note).toContain('ingetrokken');
  });

  it('frees the slot when the receiver returns the handoff, under the receiver’s tenant', async () => {
    const [slot] = (await slots()).slice(9);
    const { referralId, handoffId } = await refer();
    expect((await book('balie@tilburg.demo', { handoffId, slotStart: slot.start })).errors).toBeUndefined();
    const returned = await gql('behandelaar@uwv.demo', `mutation ($id: ID!, $input: ReasonInput!) { returnHandoff(id: $id, input: $input) { status } }`, {
      id: handoffId,
      input: { expectedVersion: await handoffVersion('behandelaar@uwv.demo', handoffId), reason: 'Hoort bij de gemeente.' },
    });
    expect(returned.errors).toBeUndefined();
    expect(await counter(UWV_DOOR, slot.start)).toBe(0);
    expect(await bookingsOf(handoffId)).toEqual([{ status: 'RELEASED', release_cause: 'HANDOFF_RETURNED' }]);
    const { rows } = await owner.query(`SELECT actor_organisation_id FROM timeline_events WHERE referral_id = $1 AND type = 'CALLBACK_RELEASED'`, [referralId]);
    expect(rows).toEqual([{ actor_organisation_id: orgs.uwv }]);
  });

  it('makes the slot the contact deadline, pulls the acceptance deadline forward, and keeps it after acceptance (the escalation job uses it)', async () => {
    const all = await slots();
    const slot = all[1];
    const { handoffId } = await refer();
    const booked = await book('balie@tilburg.demo', { handoffId, slotStart: slot.start });
    expect(booked.errors).toBeUndefined();
    const after = await deadlines(handoffId);
    expect(after.contact_due_at?.toISOString()).toBe(slot.end);
    expect(after.accept_due_at!.getTime()).toBeLessThanOrEqual(new Date(slot.start).getTime());
    // The acceptance check waits in the queue for that deadline, not for the norm's.
    const queue = worker.get<Queue>(getQueueToken(QueueName.FollowUps), { strict: false });
    await eventually(async () => {
      const check = await queue.getJob(deadlineJobId(handoffId, 'ACCEPT', 1));
      const due = (await deadlines(handoffId)).accept_due_at!.getTime();
      return check && Math.abs(check.timestamp + (check.opts.delay ?? 0) - due) < 1000;
    });

    const accepted = await gql('behandelaar@uwv.demo', `mutation ($id: ID!, $input: AcceptHandoffInput!) { acceptHandoff(id: $id, input: $input) { status } }`, {
      id: handoffId,
      input: { expectedVersion: await handoffVersion('behandelaar@uwv.demo', handoffId) },
    });
    expect(accepted.errors).toBeUndefined();
    // The worker handles handoff.accepted: it schedules the contact check at the deadline it finds.
    const job = await eventually(async () => (await queue.getJob(deadlineJobId(handoffId, 'CONTACT', 1))) ?? null);
    expect(job.timestamp + (job.opts.delay ?? 0)).toBeGreaterThanOrEqual(new Date(slot.end).getTime() - 1000);
    expect(job.timestamp + (job.opts.delay ?? 0)).toBeLessThanOrEqual(new Date(slot.end).getTime() + 1000);
    expect((await deadlines(handoffId)).contact_due_at?.toISOString()).toBe(slot.end);

    // Picked up: no more booking for it.
    const late = await book('balie@tilburg.demo', { handoffId, slotStart: all[2].start });
    expect(codeOf(late.errors)).toBe('INVALID_TRANSITION');
  });

  it('answers a retry with the same key with the first booking, and the same key for another request with CONFLICT', async () => {
    const all = await slots();
    const { handoffId } = await refer();
    const key = newKey();
    const first = await book('balie@tilburg.demo', { handoffId, slotStart: all[3].start, idempotencyKey: key });
    const again = await book('balie@tilburg.demo', { handoffId, slotStart: all[3].start, idempotencyKey: key });
    expect(first.errors).toBeUndefined();
    expect(again.data?.bookCallback.id).toBe(first.data!.bookCallback.id);
    expect(await bookingsOf(handoffId)).toHaveLength(1);
    // The same request twice at the same moment (a double click): one booking, both answers name it.
    const { handoffId: second } = await refer();
    const doubleKey = newKey();
    const double = await Promise.all([0, 1].map(() => book('balie@tilburg.demo', { handoffId: second, slotStart: all[3].start, idempotencyKey: doubleKey })));
    expect(double.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(double[0].data!.bookCallback.id).toBe(double[1].data!.bookCallback.id);
    expect(await bookingsOf(second)).toHaveLength(1);
    const other = await book('balie@tilburg.demo', { handoffId, slotStart: all[4].start, idempotencyKey: key });
    expect(codeOf(other.errors)).toBe('CONFLICT');
    // A second booking for the same handoff (new key) is refused too: one callback per handoff.
    expect(codeOf((await book('balie@tilburg.demo', { handoffId, slotStart: all[4].start })).errors)).toBe('CONFLICT');
    expect(await bookingsOf(handoffId)).toHaveLength(1);
  });

  it('refuses the wrong organisation, the wrong role, the receiver and a door of another organisation', async () => {
    const [slot] = await slots();
    const { handoffId } = await refer();
    expect(codeOf((await book('balie@enschede.demo', { handoffId, slotStart: slot.start })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await book('beleid@tilburg.demo', { handoffId, slotStart: slot.start })).errors)).toBe('FORBIDDEN');
    expect(codeOf((await book('behandelaar@uwv.demo', { handoffId, slotStart: slot.start })).errors)).toBe('FORBIDDEN');
    expect(codeOf((await book('balie@tilburg.demo', { handoffId, doorId: SVB_DOOR, slotStart: slot.start })).errors)).toBe('BAD_USER_INPUT');
    expect(await bookingsOf(handoffId)).toEqual([]);

    // Capacity: only the door's own coordinator.
    const capacity = `mutation ($input: SetCallbackCapacityInput!) { setCallbackCapacity(input: $input) { weekday partOfDay places } }`;
    const input = { doorId: UWV_DOOR, slots: [{ weekday: 1, partOfDay: 'OCHTEND', places: 2 }] };
    expect(codeOf((await gql('coordinator@tilburg.demo', capacity, { input })).errors)).toBe('FORBIDDEN');
    expect(codeOf((await gql('behandelaar@uwv.demo', capacity, { input })).errors)).toBe('FORBIDDEN');
    expect(codeOf((await gql('coordinator@uwv.demo', capacity, { input: { ...input, slots: [{ weekday: 6, partOfDay: 'OCHTEND', places: 2 }] } })).errors)).toBe('BAD_USER_INPUT');
    expect(codeOf((await gql('coordinator@uwv.demo', capacity, { input: { ...input, slots: [{ weekday: 1, partOfDay: 'OCHTEND', places: 51 }] } })).errors)).toBe('BAD_USER_INPUT');
    // Two saves at once: both succeed, one after the other.
    const both = await Promise.all([
      gql<{ setCallbackCapacity: unknown[] }>('coordinator@uwv.demo', capacity, { input }),
      gql<{ setCallbackCapacity: unknown[] }>('coordinator@uwv.demo', capacity, { input: { ...input, slots: [{ weekday: 1, partOfDay: 'OCHTEND', places: 2 }] } }),
    ]);
    for (const ok of both) {
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.setCallbackCapacity).toEqual([{ weekday: 1, partOfDay: 'OCHTEND', places: 2 }]);
    }
  });

  it('lets only the sender cancel a callback, with a reason; every refusal leaves the booking and its place as they were', async () => {
    const slot = (await slots())[7];
    const { referralId, handoffId } = await refer();
    const booked = await book('balie@tilburg.demo', { handoffId, slotStart: slot.start });
    expect(booked.errors).toBeUndefined();
    const id = booked.data!.bookCallback.id;
    const before = await counter(UWV_DOOR, slot.start);
    const cancel = (who: string, reason: string) => gql(who, `mutation ($id: ID!, $reason: String!) { cancelCallback(bookingId: $id, reason: $reason) { id } }`, { id, reason });
    expect(codeOf((await cancel('balie@enschede.demo', 'Niet van ons.')).errors)).toBe('NOT_FOUND');
    expect(codeOf((await cancel('behandelaar@uwv.demo', 'De ontvanger wil niet.')).errors)).toBe('FORBIDDEN');
    expect(codeOf((await cancel('beleid@tilburg.demo', 'Geen casusrol.')).errors)).toBe('FORBIDDEN');
    expect(codeOf((await cancel('balie@tilburg.demo', '   ')).errors)).toBe('BAD_USER_INPUT');
    expect(codeOf((await gql('balie@tilburg.demo', `mutation { cancelCallback(bookingId: "geen-id", reason: "x") { id } }`)).errors)).toBe('NOT_FOUND');
    expect((await bookingsOf(handoffId)).map((b) => b.status)).toEqual(['BOOKED']);
    expect(await counter(UWV_DOOR, slot.start)).toBe(before);
    expect((await eventsOf(referralId)).filter((e) => e.type === 'CALLBACK_RELEASED')).toEqual([]);
  });

  it('keeps bookings when the coordinator lowers the capacity below them, and takes no new ones until there is room', async () => {
    await setPlaces(UWV_DOOR, 2);
    const slot = (await slots())[5];
    const a = await refer();
    const b = await refer();
    expect((await book('balie@tilburg.demo', { handoffId: a.handoffId, slotStart: slot.start })).errors).toBeUndefined();
    expect((await book('balie@tilburg.demo', { handoffId: b.handoffId, slotStart: slot.start })).errors).toBeUndefined();
    const lowered = await gql('coordinator@uwv.demo', `mutation ($input: SetCallbackCapacityInput!) { setCallbackCapacity(input: $input) { places } }`, {
      input: { doorId: UWV_DOOR, slots: [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, partOfDay: 'OCHTEND', places: 1 }, { weekday, partOfDay: 'MIDDAG', places: 1 }]) },
    });
    expect(lowered.errors).toBeUndefined();
    expect(await bookingsOf(a.handoffId)).toEqual([{ status: 'BOOKED', release_cause: null }]);
    expect(await bookingsOf(b.handoffId)).toEqual([{ status: 'BOOKED', release_cause: null }]);
    const c = await refer();
    expect(codeOf((await book('balie@tilburg.demo', { handoffId: c.handoffId, slotStart: slot.start })).errors)).toBe('CONFLICT');
    // One cancelled: still 1 booked of 1 place, so still full.
    const [bookingA] = (await gql<{ callbackBookings: Booking[] }>('balie@tilburg.demo', `query ($id: ID!) { callbackBookings(handoffId: $id) { ${BOOKING_FIELDS} } }`, { id: a.handoffId })).data!
      .callbackBookings;
    const cancelled = await gql<{ cancelCallback: Booking }>('balie@tilburg.demo', `mutation ($id: ID!) { cancelCallback(bookingId: $id, reason: "Inwoner komt liever langs.") { ${BOOKING_FIELDS} } }`, {
      id: bookingA.id,
    });
    expect(cancelled.data?.cancelCallback).toMatchObject({ status: 'RELEASED', releaseCause: 'CANCELLED_BY_SENDER' });
    expect(await counter(UWV_DOOR, slot.start)).toBe(1);
    expect(codeOf((await book('balie@tilburg.demo', { handoffId: c.handoffId, slotStart: slot.start })).errors)).toBe('CONFLICT');
    // Cancelling again is refused; the place is given back once only.
    const again = await gql('balie@tilburg.demo', `mutation ($id: ID!) { cancelCallback(bookingId: $id, reason: "Nog eens.") { id } }`, { id: bookingA.id });
    expect(codeOf(again.errors)).toBe('INVALID_TRANSITION');
    expect(await counter(UWV_DOOR, slot.start)).toBe(1);
  });

  it('frees the place once when the callback and the handoff are cancelled at the same moment (several rounds)', async () => {
    const offered = await slots();
    for (let round = 0; round < 3; round++) {
      const slot = offered[12 + round];
      const { referralId, handoffId } = await refer();
      const booked = await book('balie@tilburg.demo', { handoffId, slotStart: slot.start });
      expect(booked.errors).toBeUndefined();
      const version = await handoffVersion('balie@tilburg.demo', handoffId);
      const [callback, handoff] = await Promise.all([
        gql('balie@tilburg.demo', `mutation ($id: ID!) { cancelCallback(bookingId: $id, reason: "Komt toch langs.") { id } }`, { id: booked.data!.bookCallback.id }),
        gql('behandelaar@tilburg.demo', `mutation ($id: ID!, $input: ReasonInput!) { cancelHandoff(id: $id, input: $input) { status } }`, {
          id: handoffId,
          input: { expectedVersion: version, reason: 'Dubbel.' },
        }),
      ]);
      expect(handoff.errors).toBeUndefined();
      if (callback.errors) expect(codeOf(callback.errors)).toBe('INVALID_TRANSITION');
      expect(await counter(UWV_DOOR, slot.start)).toBe(0);
      expect((await bookingsOf(handoffId)).map((b) => b.status)).toEqual(['RELEASED']);
      expect((await eventsOf(referralId)).filter((e) => e.type === 'CALLBACK_RELEASED')).toHaveLength(1);
    }
  });

  it('lets a partner system with handoffs:write book for its organisation, refuses it with handoffs:read only, and frees the slot when it cancels the handoff', async () => {
    const toeslagen = 'd0000000-0000-4000-8000-000000000003';
    const write = await client.clientToken('uwv-system', 'dev-secret-uwv-system', 'handoffs:read handoffs:write');
    const readOnly = await client.clientToken('uwv-system', 'dev-secret-uwv-system', 'handoffs:read');
    const created = await client.graphql<{ createReferral: { currentHandoff: { id: string; version: number } } }>(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id version } } }`,
      { input: { citizen: CITIZEN, toOrganisationId: orgs.belastingdienst, topic: 'TOESLAGEN', summary: STORY, consent: { given: true, method: 'DIGITAAL' } } },
      write,
    );
    expect(created.errors).toBeUndefined();
    const handoffId = created.data!.createReferral.currentHandoff.id;
    const [slot] = await slots(toeslagen);
    const bookAs = (token: string) =>
      client.graphql<{ bookCallback: Booking }>(`mutation ($input: BookCallbackInput!) { bookCallback(input: $input) { ${BOOKING_FIELDS} } }`, {
        input: { handoffId, doorId: toeslagen, slotStart: slot.start, idempotencyKey: newKey() },
      }, token);
    expect(codeOf((await bookAs(readOnly)).errors)).toBe('FORBIDDEN');
    expect(await bookingsOf(handoffId)).toEqual([]);
    const booked = await bookAs(write);
    expect(booked.errors).toBeUndefined();
    expect(await counter(toeslagen, slot.start)).toBe(1);
    const cancelled = await client.graphql(`mutation ($id: ID!, $input: ReasonInput!) { cancelHandoff(id: $id, input: $input) { status } }`, {
      id: handoffId,
      input: { expectedVersion: created.data!.createReferral.currentHandoff.version, reason: 'Dubbel ingediend.' },
    }, write);
    expect(cancelled.errors).toBeUndefined();
    expect(await counter(toeslagen, slot.start)).toBe(0);
    expect(await bookingsOf(handoffId)).toEqual([{ status: 'RELEASED', release_cause: 'HANDOFF_CANCELLED' }]);
  });

  it('removes the cancel reason when the referral is anonymised (retention)', async () => {
    const [slot] = (await slots()).slice(2);
    const { referralId, handoffId } = await refer();
    const booked = await book('balie@tilburg.demo', { handoffId, slotStart: slot.start });
    const reason = 'Mevrouw belt liever zelf, zegt haar buurvrouw.';
    const cancelled = await gql('balie@tilburg.demo', `mutation ($id: ID!, $reason: String!) { cancelCallback(bookingId: $id, reason: $reason) { id } }`, {
      id: booked.data!.bookCallback.id,
      reason,
    });
    expect(cancelled.errors).toBeUndefined();
    expect((await owner.query(`SELECT release_reason FROM callback_bookings WHERE handoff_id = $1`, [handoffId])).rows).toEqual([{ release_reason: reason }]);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs.tilburg]);
    await owner.query(`UPDATE referrals SET anonymised_at = now() WHERE id = $1`, [referralId]);
    await owner.query('COMMIT');
    expect((await owner.query(`SELECT release_reason, status FROM callback_bookings WHERE handoff_id = $1`, [handoffId])).rows).toEqual([{ release_reason: null, status: 'RELEASED' }]);
  });

  describe('the afsprakenbriefje and the day view', () => {
    let bookingId: string;
    let slot: Slot;
    let handoffId: string;
    const letterQuery = `query ($id: ID!) { callbackLetter(bookingId: $id) { title reference cancelled sections { heading paragraphs items } } }`;

    beforeAll(async () => {
      slot = (await slots())[7];
      ({ handoffId } = await refer());
      const res = await book('balie@tilburg.demo', { handoffId, slotStart: slot.start });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      bookingId = res.data!.bookCallback.id;
    });

    const forbiddenContent = [CITIZEN.bsn, CITIZEN.name, 'Petronella', 'Terugbel', CITIZEN.phone, CITIZEN.email, 'ontslagen', 'twintig jaar', 'vaste lasten'];

    it('says who, when, about what, what to keep at hand, what to do if nobody calls and the reference, and nothing personal', async () => {
      const res = await gql<{ callbackLetter: { title: string; reference: string; cancelled: boolean; sections: Array<{ heading: string; paragraphs: string[]; items: string[] }> } }>(
        'balie@tilburg.demo',
        letterQuery,
        { id: bookingId },
      );
      expect(res.errors).toBeUndefined();
      const letter = res.data!.callbackLetter;
      const text = JSON.stringify(letter);
      expect(letter.sections.map((s) => s.heading)).toEqual(['Wie belt u?', 'Wanneer?', 'Waarover?', 'Houd dit bij de hand', 'Heeft niemand gebeld?', 'Uw kenmerk']);
      expect(text).toContain('UWV');
      expect(text).toContain('WW en werk');
      const day = DateTime.fromISO(slot.start, { zone: 'Europe/Amsterdam' }).setLocale('nl');
      expect(text).toContain(day.toFormat('d LLLL yyyy'));
      expect(text).toContain(slot.partOfDay === 'OCHTEND' ? 'ochtend' : 'middag');
      expect(text).toContain('werk');
      expect(letter.sections[3].items).toContain('Laatste loonstrook of uitkeringsspecificatie');
      expect(text).toContain('Gemeente Tilburg');
      expect(text).toContain(letter.reference);
      for (const value of forbiddenContent) expect(text).not.toContain(value);
      // The door's professional line is not for citizens.
      const { rows } = await owner.query(`SELECT phone FROM doors WHERE id = $1`, [UWV_DOOR]);
      if (rows[0].phone) expect(text).not.toContain(rows[0].phone);
    });

    it('is a tagged PDF with the same content and nothing personal', async () => {
      const res = await gql<{ callbackLetterPdf: string }>('balie@tilburg.demo', `query ($id: ID!) { callbackLetterPdf(bookingId: $id) }`, { id: bookingId });
      expect(res.errors).toBeUndefined();
      const pdf = Buffer.from(res.data!.callbackLetterPdf, 'base64');
      const raw = pdf.toString('latin1');
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toMatch(/\/Lang \(nl-NL\)/);
      expect(raw).toContain('pdfuaid:part');
      const read = await readPdf<{ text: string; title: string; markInfo: { Marked?: boolean } | null; tags: string[] }>(pdf);
      expect(read.title).toBe('Afsprakenbriefje: wij bellen u terug');
      expect(read.markInfo?.Marked).toBe(true);
      expect(read.tags).toEqual(expect.arrayContaining(['H1', 'H2', 'P', 'L', 'LI']));
      const text = read.text.replace(/\s+/g, ' ');
      for (const expected of ['Wie belt u?', 'UWV', 'WW en werk', 'Wanneer?', 'Waarover?', 'Houd dit bij de hand', 'Laatste loonstrook', 'Heeft niemand gebeld?', 'Gemeente Tilburg', 'Kenmerk']) {
        expect(text).toContain(expected);
      }
      for (const value of forbiddenContent) expect(text).not.toContain(value);
    }, 60_000);

    it('is for the participants only', async () => {
      expect(codeOf((await gql('balie@enschede.demo', letterQuery, { id: bookingId })).errors)).toBe('NOT_FOUND');
      expect(codeOf((await gql('beleid@tilburg.demo', letterQuery, { id: bookingId })).errors)).toBe('FORBIDDEN');
      expect((await gql('behandelaar@uwv.demo', letterQuery, { id: bookingId })).errors).toBeUndefined();
    });

    it('shows the receiver its callbacks of that day by time, and nobody else', async () => {
      const query = `query ($date: String!) { callbackDay(date: $date) { doorName topic handoffStatus overdue booking { id slotStart status } } }`;
      const res = await gql<{ callbackDay: Array<{ doorName: string; topic: string; overdue: boolean; booking: { id: string; slotStart: string } }> }>('behandelaar@uwv.demo', query, {
        date: slot.date,
      });
      expect(res.errors).toBeUndefined();
      const entries = res.data!.callbackDay;
      expect(entries.find((e) => e.booking.id === bookingId)).toMatchObject({ doorName: 'WW en werk', topic: 'WERK', overdue: false });
      const starts = entries.map((e) => e.booking.slotStart);
      expect([...starts].sort()).toEqual(starts);
      expect(JSON.stringify(entries)).not.toContain(CITIZEN.name);
      // Another receiver's day view does not show it; a balie has no day view.
      const svb = await gql<{ callbackDay: Array<{ booking: { id: string } }> }>('behandelaar@svb.demo', query, { date: slot.date });
      expect(svb.data!.callbackDay.map((e) => e.booking.id)).not.toContain(bookingId);
      expect(codeOf((await gql('balie@uwv.demo', query, { date: slot.date })).errors)).toBe('FORBIDDEN');
      expect(codeOf((await gql('behandelaar@uwv.demo', query, { date: '8-12-2026' })).errors)).toBe('BAD_USER_INPUT');
    });
  });
});

describe('callbacks with Redis down', () => {
  const env = new IsolatedEnvironment('callbacks_noredis');
  let stack: Stack | undefined;

  beforeAll(async () => {
    stack = await startStack(env, { env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('still books a callback (the deadline is in PostgreSQL; the follow-ups find it again)', async () => {
    const client = stack!.client;
    const token = await client.devToken('balie@tilburg.demo');
    const created = await client.graphql<{ createReferral: { currentHandoff: { id: string } } }>(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`,
      { input: { citizen: { bsn: '111222333', name: 'Zonder Redis' }, toOrganisationId: stack!.orgs.uwv, topic: 'WERK', summary: 'Redis ligt eruit.', consent: { given: true, method: 'MONDELING' } } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const handoffId = created.data!.createReferral.currentHandoff.id;
    const offered = await client.graphql<{ callbackSlots: { slots: Slot[] } }>(`query ($d: ID!) { callbackSlots(doorId: $d) { slots { start end free } } }`, { d: UWV_DOOR }, token);
    const slot = offered.data!.callbackSlots.slots.find((s) => s.free > 0)!;
    const booked = await client.graphql<{ bookCallback: Booking }>(
      `mutation ($input: BookCallbackInput!) { bookCallback(input: $input) { ${BOOKING_FIELDS} } }`,
      { input: { handoffId, doorId: UWV_DOOR, slotStart: slot.start, idempotencyKey: 'zonder-redis-1' } },
      token,
    );
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookCallback.status).toBe('BOOKED');
    const { rows } = await stack!.owner.query(`SELECT contact_due_at FROM handoffs WHERE id = $1`, [handoffId]);
    expect(rows[0].contact_due_at.toISOString()).toBe(slot.end);
  });
});
