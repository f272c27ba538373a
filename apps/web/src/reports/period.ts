// Report periods are whole months, "JJJJ-MM" from and to (inclusive), at most 36 months (API rule).

export interface Period {
  from: string;
  to: string;
}

export const MAX_MONTHS = 36;

const monthName = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last twelve months up to and including this one. */
export function lastTwelveMonths(now: Date = new Date()): Period {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return { from: monthOf(start), to: monthOf(now) };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01`, to: `${year}-12` };
}

/** "maart 2026" for "2026-03" or "2026-03-01". */
export function monthLabel(month: string): string {
  return monthName.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}

export function periodLabel(p: Period): string {
  return p.from === p.to ? monthLabel(p.from) : `${monthLabel(p.from)} tot en met ${monthLabel(p.to)}`;
}

export function monthsBetween(p: Period): number {
  const [fy, fm] = p.from.split('-').map(Number);
  const [ty, tm] = p.to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** A problem with the period in B1 Dutch, or null when the API will take it. */
export function periodProblem(p: Period): string | null {
  if (!/^\d{4}-\d{2}$/.test(p.from) || !/^\d{4}-\d{2}$/.test(p.to)) return 'Kies een begin- en een eindmaand.';
  const months = monthsBetween(p);
  if (months < 1) return 'De eindmaand ligt voor de beginmaand. Kies een eindmaand na de beginmaand.';
  if (months > MAX_MONTHS) return `Kies een periode van hoogstens ${MAX_MONTHS} maanden.`;
  return null;
}

/** Reads ?van=JJJJ-MM&tot=JJJJ-MM, falling back to the last twelve months. */
export function periodFromParams(params: URLSearchParams): Period {
  const from = params.get('van');
  const to = params.get('tot');
  if (from && to && periodProblem({ from, to }) === null) return { from, to };
  return lastTwelveMonths();
}
