/**
 * The BSN's 11-test, for feedback while typing. The API checks it again: this only spares the
 * balie a round trip. 9 digits (8 get a leading zero); 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
 */
export type BsnFeedback =
  | { state: 'empty' }
  | { state: 'incomplete'; message: string }
  | { state: 'invalid'; message: string }
  | { state: 'valid'; bsn: string };

export function checkBsn(raw: string): BsnFeedback {
  const value = raw.replace(/[\s.-]/g, '');
  if (value === '') return { state: 'empty' };
  if (!/^\d+$/.test(value)) return { state: 'invalid', message: 'Een BSN bestaat alleen uit cijfers.' };
  if (value.length < 8) return { state: 'incomplete', message: `Nog ${9 - value.length} cijfers: een BSN heeft 9 cijfers.` };
  if (value.length > 9) return { state: 'invalid', message: 'Een BSN heeft 9 cijfers; dit zijn er te veel.' };
  const bsn = value.padStart(9, '0');
  if (/^0+$/.test(bsn)) return { state: 'invalid', message: 'Dit is geen geldig BSN.' };
  const digits = [...bsn].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * (9 - i), 0) - digits[8];
  if (sum % 11 !== 0) {
    return { state: 'invalid', message: 'Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.' };
  }
  return { state: 'valid', bsn };
}
