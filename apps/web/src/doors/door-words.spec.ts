import { gemeenteName, isGemeentecode, regionInWords, speedInWords } from './door-words';

describe('door words', () => {
  it('says the measured speed in words, and unknown without a median', () => {
    expect(speedInWords(null)).toBe('Snelheid nog onbekend (te weinig metingen)');
    expect(speedInWords(undefined)).toBe('Snelheid nog onbekend (te weinig metingen)');
    expect(speedInWords(0)).toBe('Meestal binnen 1 minuut opgepakt');
    expect(speedInWords(30)).toBe('Meestal binnen 30 minuten opgepakt');
    expect(speedInWords(600)).toBe('Meestal binnen 10 uur opgepakt');
    expect(speedInWords(3 * 24 * 60)).toBe('Meestal binnen 3 dagen opgepakt');
  });

  it('names known gemeenten and keeps other codes as they are', () => {
    expect(gemeenteName('0855')).toBe('Tilburg (0855)');
    expect(gemeenteName('0363')).toBe('gemeente 0363');
    expect(regionInWords({ national: true, gemeentecodes: [] })).toBe('Landelijk');
    expect(regionInWords({ national: false, gemeentecodes: ['0153', '1883'] })).toBe('Enschede (0153), Sittard-Geleen (1883)');
  });

  it('accepts exactly 4 digits as a gemeentecode', () => {
    expect(['0855', '1883'].every(isGemeentecode)).toBe(true);
    expect(['855', '08555', '08a5', ' 0855', ''].some(isGemeentecode)).toBe(false);
  });
});
