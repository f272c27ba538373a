import { fellBackText, incomingText, pickedUpText, timeLeft } from './live-words';

describe('live words', () => {
  it('says who asks and about what, in B1 Dutch', () => {
    expect(incomingText({ fromOrganisationName: 'Gemeente Tilburg', topic: 'WERK', urgency: 'ACUUT' })).toBe('Live overdracht van Gemeente Tilburg — Werk, acuut.');
    expect(pickedUpText({ toOrganisationName: 'UWV', pickedUpByName: 'Fatima van den Berg' })).toBe('UWV neemt het nu over — Fatima van den Berg');
    expect(pickedUpText({ toOrganisationName: 'UWV', pickedUpByName: null })).toBe('UWV neemt het nu over — een dienstdoende medewerker');
    expect(fellBackText({ toOrganisationName: 'UWV' })).toBe('Niemand nam op; de overdracht staat als acuut bij UWV.');
  });

  it('counts down in minutes and seconds, never below zero', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(timeLeft('2026-12-01T10:04:05Z', now)).toBe('4:05');
    expect(timeLeft('2026-12-01T10:00:00.200Z', now)).toBe('0:01');
    expect(timeLeft('2026-12-01T09:59:00Z', now)).toBe('0:00');
  });
});
