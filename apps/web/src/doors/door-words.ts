import type { ReferralTopic } from '../api/generated';
import { TOPIC_LABEL } from '../ui/labels';

/** Gemeenten the demo knows by name; any other 4-digit CBS code can be typed. */
export const KNOWN_GEMEENTEN: ReadonlyArray<{ code: string; name: string }> = [
  { code: '0855', name: 'Tilburg' },
  { code: '0153', name: 'Enschede' },
  { code: '1883', name: 'Sittard-Geleen' },
];

export const WEEKDAY_LABEL: Record<number, string> = { 1: 'Maandag', 2: 'Dinsdag', 3: 'Woensdag', 4: 'Donderdag', 5: 'Vrijdag', 6: 'Zaterdag', 7: 'Zondag' };

export function gemeenteName(code: string): string {
  const known = KNOWN_GEMEENTEN.find((g) => g.code === code);
  return known ? `${known.name} (${code})` : `gemeente ${code}`;
}

/** "Meestal binnen 30 minuten opgepakt" — the measured median in words; unknown below 5 measurements. */
export function speedInWords(medianMinutes: number | null | undefined): string {
  if (medianMinutes === null || medianMinutes === undefined) return 'Snelheid nog onbekend (te weinig metingen)';
  if (medianMinutes < 60) return medianMinutes <= 1 ? 'Meestal binnen 1 minuut opgepakt' : `Meestal binnen ${medianMinutes} minuten opgepakt`;
  const hours = Math.round(medianMinutes / 60);
  if (hours < 48) return `Meestal binnen ${hours} uur opgepakt`;
  return `Meestal binnen ${Math.round(hours / 24)} dagen opgepakt`;
}

export function regionInWords(door: { national: boolean; gemeentecodes: readonly string[] }): string {
  return door.national ? 'Landelijk' : door.gemeentecodes.map(gemeenteName).join(', ');
}

export function topicsInWords(topics: readonly ReferralTopic[]): string {
  return topics.map((t) => TOPIC_LABEL[t]).join(', ');
}

export function isGemeentecode(value: string): boolean {
  return /^[0-9]{4}$/.test(value);
}
