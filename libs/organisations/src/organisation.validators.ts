import type { OrganisationKind } from './organisation-kind';

export type ValidationResult = { valid: true } | { valid: false; reason: string };

const ok: ValidationResult = { valid: true };
const fail = (reason: string): ValidationResult => ({ valid: false, reason });

/**
 * OIN (Organisatie-identificatienummer, Logius): 20 digits = an 8-digit prefix naming the source
 * register (00000001 RSIN, 00000003 KvK, …, 00000099 for test OINs), the number in that register
 * and a 3-digit suffix (000 for the organisation itself).
 */
export function validateOin(oin: unknown): ValidationResult {
  if (typeof oin !== 'string') return fail('OIN moet een tekst van 20 cijfers zijn / OIN must be a string of 20 digits');
  if (!/^\d{20}$/.test(oin)) return fail('OIN moet uit precies 20 cijfers bestaan / OIN must be exactly 20 digits');
  const prefix = oin.slice(0, 8);
  if (!/^000000(0[1-9]|99)$/.test(prefix)) {
    return fail('OIN-prefix moet 00000001 t/m 00000009 of 00000099 (test) zijn / OIN prefix must be 00000001–00000009 or 00000099 (test)');
  }
  if (/^0+$/.test(oin.slice(8, 17))) return fail('OIN bevat geen registernummer / OIN has no register number');
  return ok;
}

export function isTestOin(oin: string): boolean {
  return oin.startsWith('00000099');
}

/** CBS gemeentecode: four digits as a string, leading zeros kept ("0153" is Enschede). */
export function validateGemeentecode(code: unknown): ValidationResult {
  if (typeof code !== 'string') return fail('gemeentecode moet een tekst van 4 cijfers zijn / gemeentecode must be a 4-digit string');
  if (!/^\d{4}$/.test(code)) return fail('gemeentecode moet uit precies 4 cijfers bestaan, met voorloopnullen (bijv. "0153") / gemeentecode must be exactly 4 digits, leading zeros kept');
  if (code === '0000') return fail('gemeentecode 0000 bestaat niet / gemeentecode 0000 does not exist');
  return ok;
}

/** A gemeentecode is required for a GEMEENTE and not allowed for any other kind. */
export function validateOrganisationCodes(kind: OrganisationKind, oin: unknown, gemeentecode: unknown): ValidationResult {
  const oinResult = validateOin(oin);
  if (!oinResult.valid) return oinResult;
  if (kind === 'GEMEENTE') return validateGemeentecode(gemeentecode);
  if (gemeentecode !== null && gemeentecode !== undefined) {
    return fail('alleen een gemeente heeft een gemeentecode / only a GEMEENTE has a gemeentecode');
  }
  return ok;
}
