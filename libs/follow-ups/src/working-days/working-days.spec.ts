import { DateTime } from 'luxon';
import { addWorkingDays, isWorkingDay, subtractWorkingDay, ZONE } from './working-days';

const rules = { goodFridayIsHoliday: false };
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");

describe('working days (Europe/Amsterdam)', () => {
  it.each([
    ['2026-11-27T15:00', 1, '2026-11-30T15:00', 'Friday + 1 → Monday'],
    ['2026-11-25T09:30', 2, '2026-11-27T09:30', 'Wednesday + 2 → Friday'],
    ['2026-11-28T10:00', 1, '2026-12-01T00:00', 'Saturday counts from Monday 00:00'],
    ['2026-11-29T23:00', 0, '2026-11-30T00:00', 'Sunday + 0 → start of Monday'],
    ['2026-04-24T12:00', 1, '2026-04-28T12:00', 'Friday before Koningsdag (Monday 27 April 2026)'],
    ['2025-04-25T12:00', 1, '2025-04-28T12:00', 'Koningsdag 2025 falls on Saturday 26 April'],
    ['2026-05-13T10:00', 1, '2026-05-15T10:00', 'Hemelvaartsdag 2026 (Thursday 14 May)'],
    ['2026-12-24T16:00', 1, '2026-12-28T16:00', 'Christmas Eve + 1 skips both Christmas days and the weekend'],
    ['2026-12-31T11:00', 1, '2027-01-04T11:00', 'New Year: Friday 1 January 2027 and the weekend'],
    ['2026-05-22T10:00', 1, '2026-05-26T10:00', 'Pinksteren: Tweede Pinksterdag 25 May 2026'],
    ['2026-04-02T10:00', 1, '2026-04-03T10:00', 'Goede Vrijdag is a working day unless agreed'],
  ])('%s + %i working days = %s (%s)', (start, days, expected) => {
    expect(local(addWorkingDays(at(start), days, rules))).toBe(expected);
  });

  it('keeps the wall-clock time across the change to summer time (29 March 2026)', () => {
    const due = addWorkingDays(at('2026-03-27T14:00'), 1, rules);
    expect(local(due)).toBe('2026-03-30T14:00');
    // 71 hours, not 72: the night of 28 → 29 March lost an hour.
    expect((due.getTime() - at('2026-03-27T14:00').getTime()) / 3_600_000).toBe(71);
  });

  it('keeps the wall-clock time across the change to winter time (25 October 2026)', () => {
    const due = addWorkingDays(at('2026-10-23T09:00'), 1, rules);
    expect(local(due)).toBe('2026-10-26T09:00');
    expect((due.getTime() - at('2026-10-23T09:00').getTime()) / 3_600_000).toBe(73);
  });

  it('knows Bevrijdingsdag is a day off only in lustrum years', () => {
    expect(isWorkingDay(DateTime.fromISO('2025-05-05', { zone: ZONE }), rules)).toBe(false);
    expect(isWorkingDay(DateTime.fromISO('2026-05-05', { zone: ZONE }), rules)).toBe(true);
    expect(isWorkingDay(DateTime.fromISO('2030-05-06', { zone: ZONE }), rules)).toBe(true);
  });

  it('can treat Goede Vrijdag as a day off where agreed', () => {
    expect(local(addWorkingDays(at('2026-04-02T10:00'), 1, { goodFridayIsHoliday: true }))).toBe('2026-04-07T10:00');
  });

  it('finds the working day before a deadline, across a weekend and a holiday', () => {
    expect(local(subtractWorkingDay(at('2026-11-30T15:00'), rules))).toBe('2026-11-27T15:00');
    expect(local(subtractWorkingDay(at('2026-04-28T12:00'), rules))).toBe('2026-04-24T12:00');
  });

  it('refuses a negative number of days', () => {
    expect(() => addWorkingDays(new Date(), -1, rules)).toThrow();
  });

  it('keeps remembrance and observance days as working days (Dodenherdenking, Prinsjesdag, Oudejaarsdag)', () => {
    for (const day of ['2026-05-04', '2026-09-15', '2026-12-15', '2026-12-31']) {
      expect(isWorkingDay(DateTime.fromISO(day, { zone: ZONE }), rules)).toBe(true);
    }
    expect(isWorkingDay(DateTime.fromISO('2026-04-03', { zone: ZONE }), rules)).toBe(true);
    expect(isWorkingDay(DateTime.fromISO('2026-04-03', { zone: ZONE }), { goodFridayIsHoliday: true })).toBe(false);
    expect(isWorkingDay(DateTime.fromISO('2026-01-01', { zone: ZONE }), { goodFridayIsHoliday: true })).toBe(false);
    // Agreeing on Goede Vrijdag adds that day only (a year no other test asks for: days off are cached per year).
    expect(isWorkingDay(DateTime.fromISO('2027-03-26', { zone: ZONE }), { goodFridayIsHoliday: true })).toBe(false);
    for (const day of ['2027-05-04', '2027-09-21', '2027-12-15', '2027-12-31']) {
      expect(isWorkingDay(DateTime.fromISO(day, { zone: ZONE }), { goodFridayIsHoliday: true })).toBe(true);
    }
  });

  it('judges a moment by its Dutch date, whatever zone it is given in', () => {
    // Friday 23:30 in UTC is Saturday 00:30 in Amsterdam.
    expect(isWorkingDay(DateTime.fromISO('2026-11-27T23:30', { zone: 'UTC' }), rules)).toBe(false);
    // Sunday 23:30 in UTC is Monday in Amsterdam.
    expect(isWorkingDay(DateTime.fromISO('2026-11-29T23:30', { zone: 'UTC' }), rules)).toBe(true);
  });

  it('gives a working-day start plus 0 days back unchanged', () => {
    const start = at('2026-11-25T09:30');
    expect(addWorkingDays(start, 0, rules).getTime()).toBe(start.getTime());
  });

  it('counts many working days over a holiday-rich stretch', () => {
    // Monday 20 April 2026 + 10 working days: Koningsdag (27 April) and two weekends in between.
    expect(local(addWorkingDays(at('2026-04-20T08:00'), 10, rules))).toBe('2026-05-05T08:00');
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p days with a clear message', (days) => {
    expect(() => addWorkingDays(at('2026-11-25T09:30'), days, rules)).toThrow('days must be a non-negative integer');
  });

  it('goes back over an agreed Goede Vrijdag and Easter', () => {
    expect(local(subtractWorkingDay(at('2026-04-07T10:00'), rules))).toBe('2026-04-03T10:00');
    expect(local(subtractWorkingDay(at('2026-04-07T10:00'), { goodFridayIsHoliday: true }))).toBe('2026-04-02T10:00');
    expect(local(subtractWorkingDay(at('2026-11-26T10:00'), rules))).toBe('2026-11-25T10:00');
    // Across the change to summer time (29 March 2026) the wall-clock time stays.
    expect(local(subtractWorkingDay(at('2026-03-30T14:00'), rules))).toBe('2026-03-27T14:00');
  });
});
