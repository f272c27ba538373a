import { AppError } from '@schakel/platform';

/**
 * BSN (burgerservicenummer): 9 digits (an 8-digit number gets a leading zero) that pass the
 * 11-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11. 000000000 is never valid.
 * Messages never contain the number itself.
 */
export type BsnCheck = { valid: true; bsn: string } | { valid: false; reason: { nl: string; en: string } };

export function normaliseBsn(input: string): string {
  const trimmed = input.trim();
  return /^\d{8}$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

export function checkBsn(input: unknown): BsnCheck {
  if (typeof input !== 'string') {
    return { valid: false, reason: { nl: 'Het BSN moet als tekst van 9 cijfers worden meegegeven.', en: 'The BSN must be given as a string of 9 digits.' } };
  }
  const bsn = normaliseBsn(input);
  if (!/^\d{9}$/.test(bsn)) {
    return { valid: false, reason: { nl: 'Het BSN moet uit 8 of 9 cijfers bestaan.', en: 'The BSN must consist of 8 or 9 digits.' } };
  }
  if (bsn === '000000000') {
    return { valid: false, reason: { nl: 'Een BSN van alleen nullen bestaat niet.', en: 'A BSN of only zeros does not exist.' } };
  }
  const digits = [...bsn].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * (9 - i), 0) - digits[8];
  if (sum % 11 !== 0) {
    return { valid: false, reason: { nl: 'Het BSN voldoet niet aan de elfproef; controleer het nummer.', en: 'The BSN fails the eleven-test; check the number.' } };
  }
  return { valid: true, bsn };
}

export function isValidBsn(input: unknown): boolean {
  return checkBsn(input).valid;
}

/** The normalised BSN, or BAD_USER_INPUT naming `field` (the reason never repeats the number). */
export function requireBsn(input: unknown, field: string): string {
  const check = checkBsn(input);
  if (!check.valid) throw AppError.badInput(check.reason, { field });
  return check.bsn;
}
