// Dutch working days for the reminders. The rules are those of libs/follow-ups/src/working-days
// (which action-lists may not import: follow-ups depends on action-lists, not the other way
// round), over the same date-holidays calendar; a unit test keeps the two in step.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Amsterdam';

const holidays = new Holidays('NL');
const cache = new Map<string, Set<string>>();

function daysOff(year: number, goodFridayIsHoliday: boolean): Set<string> {
  const key = `${year}:${goodFridayIsHoliday}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public' || (h.name === 'Bevrijdingsdag' && year % 5 === 0) || (h.name === 'Goede Vrijdag' && goodFridayIsHoliday))
        .map((h) => h.date.slice(0, 10)),
    );
    cache.set(key, set);
  }
  return set;
}

export function isWorkingDay(day: DateTime, goodFridayIsHoliday: boolean): boolean {
  const local = day.setZone(ZONE);
  return local.weekday < 6 && !daysOff(local.year, goodFridayIsHoliday).has(local.toISODate() ?? '');
}

/** `start` plus `days` working days at the same Dutch wall-clock time (a start outside working days counts from the next one). */
export function addWorkingDays(start: Date, days: number, goodFridayIsHoliday: boolean): Date {
  let t = DateTime.fromJSDate(start, { zone: ZONE });
  if (!isWorkingDay(t, goodFridayIsHoliday)) {
    do t = t.plus({ days: 1 }).startOf('day');
    while (!isWorkingDay(t, goodFridayIsHoliday));
  }
  for (let added = 0; added < days; ) {
    t = t.plus({ days: 1 });
    if (isWorkingDay(t, goodFridayIsHoliday)) added++;
  }
  return t.toJSDate();
}

/** Today's date in the Netherlands (YYYY-MM-DD). */
export function dutchDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate() ?? '';
}

/** The working day after `date` (YYYY-MM-DD): items due by then get their reminder today. */
export function nextWorkingDate(date: string, goodFridayIsHoliday: boolean): string {
  let t = DateTime.fromISO(date, { zone: ZONE }).plus({ days: 1 });
  while (!isWorkingDay(t, goodFridayIsHoliday)) t = t.plus({ days: 1 });
  return t.toISODate() ?? date;
}
