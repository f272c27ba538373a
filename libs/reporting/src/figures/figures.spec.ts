import { draftCell, hiddenPart, publish, suppressDerivable } from './cells';
import { workingDayCalendar, workingDaysBetween } from './calendar';
import { median, percentile } from './distribution';
import { monthRange } from './period';

const hist = (values: number[]) => {
  const h = new Map<number, number>();
  for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
  return h;
};

describe('medians and percentiles from histograms', () => {
  it('takes the middle case, or the mean of the two middle cases', () => {
    expect(median(hist([0, 1, 1, 2, 6]))).toBe(1);
    expect(median(hist([1, 2, 3, 4]))).toBe(2.5);
    expect(median(new Map())).toBeNull();
  });

  it('takes the 90th percentile by nearest rank', () => {
    expect(percentile(hist([0, 1, 1, 2, 6]), 90)).toBe(6);
    expect(percentile(hist([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 90)).toBe(9);
    expect(percentile(hist([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 90)).toBe(10);
  });
});

describe('working days between two moments', () => {
  const at = (s: string) => new Date(s);
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween(at('2026-03-02T09:00:00Z'), at('2026-03-02T15:00:00Z'), false)).toBe(0);
    expect(workingDaysBetween(at('2026-03-06T09:00:00Z'), at('2026-03-09T09:00:00Z'), false)).toBe(1); // Friday → Monday
  });

  it('skips Dutch public holidays, Goede Vrijdag only where agreed', () => {
    // Tweede Paasdag 2026 is Monday 6 April.
    expect(workingDaysBetween(at('2026-04-03T08:00:00Z'), at('2026-04-07T08:00:00Z'), false)).toBe(1);
    // Goede Vrijdag (3 April) counts unless WORKING_DAYS_GOOD_FRIDAY.
    expect(workingDaysBetween(at('2026-04-02T08:00:00Z'), at('2026-04-07T08:00:00Z'), false)).toBe(2);
    expect(workingDaysBetween(at('2026-04-02T08:00:00Z'), at('2026-04-07T08:00:00Z'), true)).toBe(1);
    // Koningsdag (Monday 27 April 2026), Kerst 2026 (Friday 25 December).
    expect(workingDaysBetween(at('2026-04-24T08:00:00Z'), at('2026-04-28T08:00:00Z'), false)).toBe(1);
    expect(workingDaysBetween(at('2026-12-24T08:00:00Z'), at('2026-12-28T08:00:00Z'), false)).toBe(1);
  });

  it('uses the Dutch date, not the UTC date', () => {
    // 23:30 UTC on Sunday 1 March is Monday 2 March 00:30 in Amsterdam.
    expect(workingDaysBetween(at('2026-02-27T12:00:00Z'), at('2026-03-01T23:30:00Z'), false)).toBe(1);
  });

  it('builds cumulative ordinals for a range', () => {
    const cal = workingDayCalendar('2026-04-02', '2026-04-07', false);
    expect(cal.days).toEqual(['2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06', '2026-04-07']);
    expect(cal.ordinals).toEqual([1, 2, 2, 2, 2, 3]);
  });
});

describe('suppression', () => {
  it('shows counts of 5 and more and 0, "< 5" for 1 to 4', () => {
    expect(publish(draftCell(5))).toEqual({ value: 5, suppressed: false });
    expect(publish(draftCell(4))).toEqual({ value: null, suppressed: true });
    expect(publish(draftCell(1))).toEqual({ value: null, suppressed: true });
    expect(publish(draftCell(0))).toEqual({ value: 0, suppressed: false });
  });

  it('suppresses the smallest other part when one suppressed part could be derived from the total', () => {
    const parts = [draftCell(12), draftCell(3), draftCell(8)];
    const total = draftCell(23);
    suppressDerivable([{ parts, total }]);
    expect(parts.map((p) => p.suppressed)).toEqual([false, true, true]);
    expect(total.suppressed).toBe(false);
  });

  it('leaves a sum alone when two parts are hidden already, or the total is', () => {
    const parts = [draftCell(12), draftCell(3), draftCell(2)];
    suppressDerivable([{ parts, total: draftCell(17) }]);
    expect(parts.map((p) => p.suppressed)).toEqual([false, true, true]);
    const small = [draftCell(3), draftCell(1)];
    suppressDerivable([{ parts: small, total: draftCell(4) }]);
    expect(small.map((p) => p.suppressed)).toEqual([true, true]);
  });

  it('does not protect a derivable 0, which describes no one', () => {
    const parts = [draftCell(12), draftCell(0)];
    suppressDerivable([{ parts, total: draftCell(12) }, { parts: [draftCell(7), hiddenPart(0)], total: draftCell(7) }]);
    expect(parts.map((p) => p.suppressed)).toEqual([false, false]);
  });

  it('protects a hidden part below the threshold (missed = measured − within), not one of 5 or more', () => {
    const within = draftCell(20);
    suppressDerivable([{ parts: [within, hiddenPart(2)], total: draftCell(22) }]);
    expect(within.suppressed).toBe(true);
    const within2 = draftCell(20);
    suppressDerivable([{ parts: [within2, hiddenPart(7)], total: draftCell(27) }]);
    expect(within2.suppressed).toBe(false);
  });

  it('follows a cell into every sum it is part of', () => {
    // A month column and a status row share the cell "march/returned".
    const marchReturned = draftCell(6);
    const aprilReturned = draftCell(3);
    const marchCompleted = draftCell(10);
    const march = draftCell(16);
    suppressDerivable([
      { parts: [marchReturned, aprilReturned], total: draftCell(9) },
      { parts: [marchReturned, marchCompleted], total: march },
    ]);
    expect(marchReturned.suppressed).toBe(true);
    expect(marchCompleted.suppressed).toBe(true);
  });
});

describe('periods', () => {
  it('takes whole months, inclusive', () => {
    expect(monthRange({ from: '2026-11', to: '2027-02' }).months).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
  });
  it('refuses a reversed, malformed or too long period', () => {
    expect(() => monthRange({ from: '2026-05', to: '2026-04' })).toThrow(/vóór/);
    expect(() => monthRange({ from: '2026-13', to: '2026-04' })).toThrow(/JJJJ-MM/);
    expect(() => monthRange({ from: '2020-01', to: '2026-01' })).toThrow(/36/);
  });
});
