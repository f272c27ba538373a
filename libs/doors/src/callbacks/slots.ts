import { isWorkingDay, type WorkingDayRules, ZONE } from '@schakel/follow-ups';
import { DateTime } from 'luxon';
import { PART_TIMES, PARTS_OF_DAY, type PartOfDay } from './callbacks.enums';

/** One callback slot: a part of a working day, as instants (UTC) and its Dutch date. */
export interface Slot {
  /** YYYY-MM-DD in Europe/Amsterdam. */
  date: string;
  /** 1 (Monday) … 5 (Friday). */
  weekday: number;
  partOfDay: PartOfDay;
  start: Date;
  end: Date;
}

function slotOn(day: DateTime, part: PartOfDay): Slot {
  const t = PART_TIMES[part];
  const start = day.set({ hour: t.start.hour, minute: t.start.minute, second: 0, millisecond: 0 });
  const end = day.set({ hour: t.end.hour, minute: t.end.minute, second: 0, millisecond: 0 });
  return { date: day.toISODate() ?? '', weekday: day.weekday, partOfDay: part, start: start.toJSDate(), end: end.toJSDate() };
}

/**
 * The slots of the next `days` working days from `from`'s Dutch date on (that day included when
 * it is a working day with a slot still to start): no weekends, no Dutch public holidays. Slots
 * already started are left out.
 */
export function upcomingSlots(from: Date, days: number, now: Date, rules: WorkingDayRules): Slot[] {
  const slots: Slot[] = [];
  let day = DateTime.fromJSDate(from, { zone: ZONE }).startOf('day');
  let counted = 0;
  // A year of calendar days at most: enough for any run of holidays.
  for (let i = 0; i < 366 && counted < days; i++, day = day.plus({ days: 1 })) {
    if (!isWorkingDay(day, rules)) continue;
    // A working day whose slots have all started (today, late) does not count as one of the days.
    const open = PARTS_OF_DAY.map((part) => slotOn(day, part)).filter((slot) => slot.start > now);
    if (open.length === 0) continue;
    counted++;
    slots.push(...open);
  }
  return slots;
}

/** The slot that starts at `start`, or null when no slot starts then (wrong time, weekend, holiday). */
export function slotStartingAt(start: Date, rules: WorkingDayRules): Slot | null {
  const local = DateTime.fromJSDate(start, { zone: ZONE });
  if (!local.isValid || !isWorkingDay(local, rules)) return null;
  for (const part of PARTS_OF_DAY) {
    const slot = slotOn(local.startOf('day'), part);
    if (slot.start.getTime() === start.getTime()) return slot;
  }
  return null;
}

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

/** "dinsdag 8 december 2026, ochtend (9.00 tot 12.00 uur)": the slot in words, B1 Dutch. */
export function slotInWords(slot: { start: Date; partOfDay: PartOfDay }): string {
  const local = DateTime.fromJSDate(slot.start, { zone: ZONE }).setLocale('nl');
  return `${WEEKDAYS[local.weekday - 1]} ${local.toFormat('d LLLL yyyy')}, ${PART_TIMES[slot.partOfDay].label}`;
}

/** The Dutch date (YYYY-MM-DD) of an instant. */
export function dutchDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate() ?? '';
}

/** The instants that bound a Dutch calendar date (YYYY-MM-DD), or null if it is no date. */
export function dutchDayBounds(date: string): { from: Date; to: Date } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = DateTime.fromISO(date, { zone: ZONE });
  if (!day.isValid) return null;
  return { from: day.startOf('day').toJSDate(), to: day.plus({ days: 1 }).startOf('day').toJSDate() };
}
