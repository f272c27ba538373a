/**
 * Takes personal data out of free text before it reaches a report (knelpunten, maatwerk reasons,
 * leerverhalen, voorstellen): e-mail addresses, IBANs, phone numbers, BSNs (and any other 8–9
 * digit number), postcodes, dates, the citizen's known name, and names after a form of address
 * ("mevrouw Jansen", "dhr. De Vries"). Deliberately greedy: a report loses a number now and then
 * rather than showing a citizen. `findPersonalData` is the check that refuses a leerverhaal.
 */
export const PERSONAL_DATA_KINDS = ['EMAIL', 'IBAN', 'PHONE', 'BSN', 'POSTCODE', 'DATE', 'NAME'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

const PLACEHOLDER: Record<PersonalDataKind, string> = {
  EMAIL: '[e-mailadres]',
  IBAN: '[rekeningnummer]',
  PHONE: '[telefoonnummer]',
  BSN: '[nummer]',
  POSTCODE: '[postcode]',
  DATE: '[datum]',
  NAME: '[naam]',
};

// Name particles (tussenvoegsels) and capitalised words after a form of address.
const PARTICLE = `(?:van|de|der|den|het|ten|ter|te|in|'t|la|le|du|da|di|el|al|bin|ben|op|uit)`;
const NAME_WORD = `\\p{Lu}[\\p{L}'’-]*\\.?`;
const NAME_AFTER_TITLE = `((?:(?:${PARTICLE}\\s+)*${NAME_WORD})(?:\\s+(?:(?:${PARTICLE}\\s+)*${NAME_WORD}))*)`;
const TITLES = ['mevrouw', 'meneer', 'mevr\\.?', 'mw\\.?', 'dhr\\.?', 'de heer', 'heer', 'mr\\.?', 'familie', 'fam\\.?', 'juffrouw', 'cliënte?', 'cliente?', 'inwoner', 'burger', 'moeder', 'vader', 'zoon', 'dochter'];
// Case-insensitive on the first letter only: the name after it must start with a capital (no 'i'
// flag, which would make \p{Lu} match any letter).
const TITLE = `(?:${TITLES.map((t) => `[${t[0].toUpperCase()}${t[0]}]${t.slice(1)}`).join('|')})`;

const PATTERNS: ReadonlyArray<{ kind: PersonalDataKind; pattern: RegExp }> = [
  { kind: 'EMAIL', pattern: /[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/giu },
  { kind: 'IBAN', pattern: /\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/gi },
  // Dutch numbers: 06-12345678, +31 6 1234 5678, 0031 (0)13 123 45 67, 013-1234567.
  { kind: 'PHONE', pattern: /(?:\+|00)\d{2}\s?(?:\(0\)\s?)?\d(?:[\s.-]?\d){7,9}\b|\b0\d(?:[\s.-]?\d){8}\b/g },
  // BSNs with or without separators, and any other long number (A-nummer, klantnummer).
  { kind: 'DATE', pattern: /\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b/g },
  { kind: 'BSN', pattern: /\b\d(?:[\s.-]?\d){7,}\b/g },
  { kind: 'POSTCODE', pattern: /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b/g },
];

const TITLE_NAME = new RegExp(`((?<![\\p{L}])${TITLE})\\s+${NAME_AFTER_TITLE}`, 'gu');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The parts of known names worth looking for: the whole name and each word of 3+ letters that is no particle. */
function namePatterns(knownNames: readonly string[]): RegExp[] {
  const words = new Set<string>();
  for (const name of knownNames) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    words.add(trimmed);
    const parts = trimmed.split(/\s+/);
    // The surname with its particles ("de Vries"), and every word that is no particle.
    const wordLike = (w: string) => w.length >= 3 && /\p{L}{2,}/u.test(w);
    for (let i = 1; i < parts.length; i++) if (wordLike(parts[parts.length - 1])) words.add(parts.slice(i).join(' '));
    for (const w of parts) {
      if (wordLike(w) && !new RegExp(`^${PARTICLE}$`, 'i').test(w)) words.add(w);
    }
  }
  return [...words].sort((a, b) => b.length - a.length).map((w) => new RegExp(`(?<![\\p{L}])${escapeRegExp(w)}(?![\\p{L}])`, 'giu'));
}

export interface ScrubResult {
  text: string;
  found: PersonalDataKind[];
}

/** The text with personal data replaced by placeholders, and which kinds were found. */
export function scrub(text: string, knownNames: readonly string[] = []): ScrubResult {
  const found = new Set<PersonalDataKind>();
  let out = text;
  for (const { kind, pattern } of PATTERNS) {
    out = out.replace(pattern, () => {
      found.add(kind);
      return PLACEHOLDER[kind];
    });
  }
  for (const pattern of namePatterns(knownNames)) {
    out = out.replace(pattern, () => {
      found.add('NAME');
      return PLACEHOLDER.NAME;
    });
  }
  out = out.replace(TITLE_NAME, (_match, title: string, name: string) => {
    if (name === PLACEHOLDER.NAME) return `${title} ${name}`;
    found.add('NAME');
    return `${title} ${PLACEHOLDER.NAME}`;
  });
  return { text: out, found: PERSONAL_DATA_KINDS.filter((k) => found.has(k)) };
}

/** The kinds of personal data in a text (empty when clean): the check before a leerverhaal is kept. */
export function findPersonalData(text: string, knownNames: readonly string[] = []): PersonalDataKind[] {
  return scrub(text, knownNames).found;
}

export function scrubOptional(text: string | null, knownNames: readonly string[] = []): string | null {
  return text === null ? null : scrub(text, knownNames).text;
}
