import { slotInWords, slotStartingAt, upcomingSlots, dutchDayBounds } from './slots';

const rules = { goodFridayIsHoliday: false };

describe('callback slots', () => {
  it('skips weekends and Dutch holidays: from Thursday 24 December 2026, three working days are 24, 28 and 29 December', () => {
    const slots = upcomingSlots(new Date('2026-12-24T00:00:00Z'), 3, new Date('2026-12-01T00:00:00Z'), rules);
    expect(slots.map((s) => `${s.date} ${s.partOfDay}`)).toEqual([
      '2026-12-24 OCHTEND',
      '2026-12-24 MIDDAG',
      '2026-12-28 OCHTEND',
      '2026-12-28 MIDDAG',
      '2026-12-29 OCHTEND',
      '2026-12-29 MIDDAG',
    ]);
    // 9.00 and 12.00 Dutch winter time are 8.00 and 11.00 UTC.
    expect(slots[0].start.toISOString()).toBe('2026-12-24T08:00:00.000Z');
    expect(slots[0].end.toISOString()).toBe('2026-12-24T11:00:00.000Z');
    expect(slots[1].start.toISOString()).toBe('2026-12-24T12:00:00.000Z');
    expect(slots[1].end.toISOString()).toBe('2026-12-24T16:00:00.000Z');
  });

  it('leaves out slots that have started, and a day with none left does not count', () => {
    const late = upcomingSlots(new Date('2026-12-24T00:00:00Z'), 2, new Date('2026-12-24T10:00:00Z'), rules);
    expect(late.map((s) => `${s.date} ${s.partOfDay}`)).toEqual(['2026-12-24 MIDDAG', '2026-12-28 OCHTEND', '2026-12-28 MIDDAG']);
    const evening = upcomingSlots(new Date('2026-12-24T00:00:00Z'), 1, new Date('2026-12-24T18:00:00Z'), rules);
    expect(evening.map((s) => s.date)).toEqual(['2026-12-28', '2026-12-28']);
  });

  it('keeps the Dutch wall-clock time across daylight saving', () => {
    // Summer time began on Sunday 28 March 2027 (also Eerste Paasdag; Monday 29 is Tweede Paasdag).
    const [tuesday] = upcomingSlots(new Date('2027-03-29T00:00:00Z'), 1, new Date('2027-01-01T00:00:00Z'), rules);
    expect(tuesday.date).toBe('2027-03-30');
    expect(tuesday.start.toISOString()).toBe('2027-03-30T07:00:00.000Z');
  });

  it('recognises only the exact start of a slot on a working day', () => {
    expect(slotStartingAt(new Date('2026-12-07T08:00:00Z'), rules)).toMatchObject({ partOfDay: 'OCHTEND', weekday: 1, date: '2026-12-07' });
    expect(slotStartingAt(new Date('2026-12-07T12:00:00Z'), rules)).toMatchObject({ partOfDay: 'MIDDAG' });
    expect(slotStartingAt(new Date('2026-12-07T08:30:00Z'), rules)).toBeNull();
    expect(slotStartingAt(new Date('2026-12-05T08:00:00Z'), rules)).toBeNull(); // Saturday
    expect(slotStartingAt(new Date('2027-04-27T07:00:00Z'), rules)).toBeNull(); // Koningsdag
    expect(slotStartingAt(new Date('2025-05-05T07:00:00Z'), rules)).toBeNull(); // Bevrijdingsdag in a lustrum year
    expect(slotStartingAt(new Date('2027-03-26T08:00:00Z'), rules)).not.toBeNull(); // Goede Vrijdag is a working day by default
    expect(slotStartingAt(new Date('2027-03-26T08:00:00Z'), { goodFridayIsHoliday: true })).toBeNull();
    expect(slotStartingAt(new Date('invalid'), rules)).toBeNull();
  });

  it('says the slot in B1 words and bounds a Dutch date', () => {
    expect(slotInWords({ start: new Date('2026-12-08T08:00:00Z'), partOfDay: 'OCHTEND' })).toBe('dinsdag 8 december 2026, ochtend (9.00 tot 12.00 uur)');
    expect(dutchDayBounds('2026-12-08')).toEqual({ from: new Date('2026-12-07T23:00:00Z'), to: new Date('2026-12-08T23:00:00Z') });
    expect(dutchDayBounds('8-12-2026')).toBeNull();
    expect(dutchDayBounds('2026-13-40')).toBeNull();
  });
});
