import { isWorkingDay, ZONE } from '@schakel/follow-ups';
import { DateTime } from 'luxon';

/**
 * The working-day calendar the aggregation sends along with its statement: for every date of a
 * range, the number of working days from the range's start up to and including that date. The
 * working days between two moments are then `ordinal(date of B) − ordinal(date of A)`: the working
 * days after A's date up to and including B's (same day: 0; Friday → Monday: 1), with the same
 * holidays as the deadlines (libs/follow-ups working-days, `date-holidays`).
 */
export interface WorkingDayCalendar {
  days: string[];
  ordinals: number[];
}

export function workingDayCalendar(from: string, to: string, goodFridayIsHoliday: boolean): WorkingDayCalendar {
  const days: string[] = [];
  const ordinals: number[] = [];
  let count = 0;
  const end = DateTime.fromISO(to, { zone: ZONE });
  for (let d = DateTime.fromISO(from, { zone: ZONE }).set({ hour: 12 }); d <= end.set({ hour: 12 }); d = d.plus({ days: 1 })) {
    if (isWorkingDay(d, { goodFridayIsHoliday })) count++;
    days.push(d.toISODate() ?? '');
    ordinals.push(count);
  }
  return { days, ordinals };
}

/** Working days between two moments as the reports count them (for tests and single values). */
export function workingDaysBetween(a: Date, b: Date, goodFridayIsHoliday: boolean): number {
  const from = DateTime.fromJSDate(a, { zone: ZONE }).toISODate() ?? '';
  const to = DateTime.fromJSDate(b, { zone: ZONE }).toISODate() ?? '';
  const cal = workingDayCalendar(from, to, goodFridayIsHoliday);
  return cal.ordinals[cal.ordinals.length - 1] - cal.ordinals[0];
}

/** The first day of the month of a moment, in Dutch time, as YYYY-MM-DD. */
export function monthOf(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).startOf('month').toISODate() ?? '';
}
