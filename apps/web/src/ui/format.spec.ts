import { ago, dayAndTime, shortDay } from './format';

describe('date words', () => {
  it('writes a deadline as "di 3 dec" in Amsterdam time', () => {
    expect(shortDay('2026-12-01T10:00:00Z')).toBe('di 1 dec');
    // 23:30 UTC on Tuesday is already Wednesday in Amsterdam.
    expect(dayAndTime('2026-12-01T23:30:00Z')).toBe('wo 2 dec 00:30');
  });

  it('says how long ago in plain words', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(ago('2026-12-03T11:59:40Z', now)).toBe('zojuist');
    expect(ago('2026-12-03T11:55:00Z', now)).toBe('5 minuten geleden');
    expect(ago('2026-12-03T09:00:00Z', now)).toBe('3 uur geleden');
    expect(ago('2026-12-01T12:00:00Z', now)).toBe('2 dagen geleden');
  });
});
