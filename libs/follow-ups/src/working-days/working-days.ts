import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** Deadlines are computed in Dutch local time, whatever the server's time zone. */
export const ZONE = 'Europe/Amsterdam';

export interface WorkingDayRules {
  /** Goede Vrijdag is a day off only where agreed (CAO); off by default. */
  goodFridayIsHoliday: boolean;
}

const holidays = new Holidays('NL');
const cache = new Map<string, Set<string>>();

/**
 * Dutch days off for a year as ISO dates: the public holidays (Nieuwjaarsdag, Pasen, Koningsdag,
 * Hemelvaart, Pinksteren, Kerstmis), Bevrijdingsdag in lustrum years, Goede Vrijdag if agreed.
 */
export function daysOff(year: number, rules: WorkingDayRules): Set<string> {
  const key = `${year}:${rules.goodFridayIsHoliday}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => {
          if (h.type === 'public') return true;
          if (h.name === 'Bevrijdingsdag') return year % 5 === 0;
          if (h.name === 'Goede Vrijdag') return rules.goodFridayIsHoliday;
          return false;
        })
        .map((h) => h.date.slice(0, 10)),
    );
    cache.set(key, set);
  }
  return set;
}

export function isWorkingDay(day: DateTime, rules: WorkingDayRules): boolean {
  const local = day.setZone(ZONE);
  if (local.weekday >= 6) return false;
  return !daysOff(local.year, rules).has(local.toISODate() ?? '');
}

/**
 * `start` plus `days` working days, at the same Dutch wall-clock time (so a deadline keeps its
 * hour across a daylight-saving change). A start outside working days counts from the beginning
 * of the next working day: a request on Saturday with 1 working day is due Tuesday 00:00.
 */
export function addWorkingDays(start: Date, days: number, rules: WorkingDayRules): Date {
  if (!Number.isInteger(days) || days < 0) throw new Error('days must be a non-negative integer');
  let t = DateTime.fromJSDate(start, { zone: ZONE });
  if (!isWorkingDay(t, rules)) {
    do t = t.plus({ days: 1 }).startOf('day');
    while (!isWorkingDay(t, rules));
  }
  for (let added = 0; added < days; ) {
    t = t.plus({ days: 1 });
    if (isWorkingDay(t, rules)) added++;
  }
  return t.toJSDate();
}

/** The moment one working day before `deadline`, at the same wall-clock time (for reminders). */
export function subtractWorkingDay(deadline: Date, rules: WorkingDayRules): Date {
  let t = DateTime.fromJSDate(deadline, { zone: ZONE }).minus({ days: 1 });
  while (!isWorkingDay(t, rules)) t = t.minus({ days: 1 });
  return t.toJSDate();
}
