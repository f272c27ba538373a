/**
 * Gemeenten the demo knows by name (CBS gemeentecode → name). Any other 4-digit code is accepted
 * too: the kaart does not keep the national list, and a code is shown as "gemeente 0123" then.
 */
export const KNOWN_GEMEENTEN: Readonly<Record<string, string>> = {
  '0855': 'Tilburg',
  '0153': 'Enschede',
  '1883': 'Sittard-Geleen',
};

export function gemeenteName(code: string): string {
  return KNOWN_GEMEENTEN[code] ?? `gemeente ${code}`;
}
