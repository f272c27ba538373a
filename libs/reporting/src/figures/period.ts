import { AppError } from '@schakel/platform';
import { DateTime } from 'luxon';

/** A report period: whole months, `from` and `to` inclusive, as YYYY-MM. */
export interface Period {
  from: string;
  to: string;
}

export interface MonthRange {
  /** First day of the first month, YYYY-MM-DD. */
  first: string;
  /** First day of the last month, YYYY-MM-DD. */
  last: string;
  months: string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_PERIOD_MONTHS = 36;

export function monthRange(period: Period): MonthRange {
  const bad = (field: 'from' | 'to') =>
    AppError.badInput({ nl: `Periode ${field === 'from' ? 'van' : 'tot en met'}: gebruik JJJJ-MM.`, en: `Period ${field}: use YYYY-MM.` }, { field: `period.${field}` });
  if (!MONTH.test(period.from)) throw bad('from');
  if (!MONTH.test(period.to)) throw bad('to');
  const first = DateTime.fromISO(`${period.from}-01`, { zone: 'utc' });
  const last = DateTime.fromISO(`${period.to}-01`, { zone: 'utc' });
  if (last < first) throw AppError.badInput({ nl: 'De periode eindigt vóór ze begint.', en: 'The period ends before it starts.' }, { field: 'period' });
  const months: string[] = [];
  for (let m = first; m <= last; m = m.plus({ months: 1 })) months.push(m.toISODate() ?? '');
  if (months.length > MAX_PERIOD_MONTHS) {
    throw AppError.badInput({ nl: `Een periode is hoogstens ${MAX_PERIOD_MONTHS} maanden.`, en: `A period spans at most ${MAX_PERIOD_MONTHS} months.` }, { field: 'period' });
  }
  return { first: months[0], last: months[months.length - 1], months };
}

export function yearPeriod(year: number): Period {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw AppError.badInput({ nl: 'Ongeldig jaar.', en: 'Invalid year.' }, { field: 'year' });
  return { from: `${year}-01`, to: `${year}-12` };
}

const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "maart 2026" for 2026-03-01. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}
