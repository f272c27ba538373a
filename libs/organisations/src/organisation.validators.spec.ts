import { isTestOin, validateGemeentecode, validateOin, validateOrganisationCodes } from './organisation.validators';

describe('validateOin', () => {
  it.each([
    ['00000099000000855000', 'test OIN'],
    ['00000001003214345000', 'RSIN-based OIN'],
    ['00000003273331340000', 'KvK-based OIN'],
    ['00000001003214345001', 'sub-OIN with a non-zero suffix'],
  ])('accepts %s (%s)', (oin) => {
    expect(validateOin(oin)).toEqual({ valid: true });
  });

  it.each([
    ['0000009900000085500', '19 digits'],
    ['000000990000008550000', '21 digits'],
    ['0000009900000085500a', 'a letter'],
    [' 00000099000000855000', 'leading space'],
    ['12345678000000855000', 'unknown prefix'],
    ['00000000000000855000', 'prefix 00000000'],
    ['00000099000000000000', 'no register number'],
    ['', 'empty'],
  ])('refuses %j (%s)', (oin) => {
    const result = validateOin(oin);
    expect(result.valid).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(validateOin(855).valid).toBe(false);
    expect(validateOin(null).valid).toBe(false);
  });

  it('recognises test OINs by their prefix', () => {
    expect(isTestOin('00000099000000855000')).toBe(true);
    expect(isTestOin('00000001003214345000')).toBe(false);
  });
});

describe('validateGemeentecode', () => {
  it.each(['0153', '0855', '1883', '0014'])('accepts %s', (code) => {
    expect(validateGemeentecode(code)).toEqual({ valid: true });
  });

  it.each([
    ['153', 'leading zero dropped'],
    ['01530', 'five digits'],
    ['0000', 'does not exist'],
    ['01a3', 'letter'],
  ])('refuses %j (%s)', (code) => {
    expect(validateGemeentecode(code).valid).toBe(false);
  });

  it('refuses a number, which would lose the leading zero', () => {
    expect(validateGemeentecode(153).valid).toBe(false);
  });
});

describe('validateOrganisationCodes', () => {
  const oin = '00000099000000855000';
  it('requires a gemeentecode for a GEMEENTE', () => {
    expect(validateOrganisationCodes('GEMEENTE', oin, null).valid).toBe(false);
    expect(validateOrganisationCodes('GEMEENTE', oin, '0855').valid).toBe(true);
  });

  it.each(['UWV', 'SVB', 'BELASTINGDIENST', 'OTHER'] as const)('forbids a gemeentecode for %s', (kind) => {
    expect(validateOrganisationCodes(kind, oin, '0855')).toEqual({
      valid: false,
      reason: expect.stringContaining('alleen een gemeente'),
    });
    expect(validateOrganisationCodes(kind, oin, null).valid).toBe(true);
  });

  it('checks the OIN first', () => {
    expect(validateOrganisationCodes('UWV', '123', null)).toEqual({ valid: false, reason: expect.stringContaining('20 cijfers') });
  });
});

describe('the rules behind the refusals', () => {
  it.each([
    ['00000001003214345000', true],
    ['00000009003214345000', true],
    ['00000099003214345000', true],
    ['00000010003214345000', false],
    ['00000098003214345000', false],
    ['10000001003214345000', false],
    ['00000100003214345000', false],
  ])('knows which register prefixes exist: %s → %s', (oin, valid) => {
    expect(validateOin(oin).valid).toBe(valid);
  });

  it('reads the register number from the nine digits between prefix and suffix', () => {
    expect(validateOin('00000001000000001000')).toEqual({ valid: true });
    expect(validateOin('00000001100000000000')).toEqual({ valid: true });
    expect(validateOin('00000001000000000001')).toEqual({ valid: false, reason: 'OIN bevat geen registernummer / OIN has no register number' });
  });

  it('says why an OIN is refused', () => {
    expect(validateOin(855)).toEqual({ valid: false, reason: 'OIN moet een tekst van 20 cijfers zijn / OIN must be a string of 20 digits' });
    for (const wrong of ['0000009900000085500', '000000990000008550000', 'x00000099000000855000', '00000099000000855000x']) {
      expect(validateOin(wrong)).toEqual({ valid: false, reason: 'OIN moet uit precies 20 cijfers bestaan / OIN must be exactly 20 digits' });
    }
    expect(validateOin('00000000000000855000')).toEqual({
      valid: false,
      reason: 'OIN-prefix moet 00000001 t/m 00000009 of 00000099 (test) zijn / OIN prefix must be 00000001–00000009 or 00000099 (test)',
    });
  });

  it('says why a gemeentecode is refused', () => {
    expect(validateGemeentecode(153)).toEqual({ valid: false, reason: 'gemeentecode moet een tekst van 4 cijfers zijn / gemeentecode must be a 4-digit string' });
    const digits = 'gemeentecode moet uit precies 4 cijfers bestaan, met voorloopnullen (bijv. "0153") / gemeentecode must be exactly 4 digits, leading zeros kept';
    for (const wrong of ['153', '01530', 'x0153', '0153x', '']) expect(validateGemeentecode(wrong)).toEqual({ valid: false, reason: digits });
    expect(validateGemeentecode('0000')).toEqual({ valid: false, reason: 'gemeentecode 0000 bestaat niet / gemeentecode 0000 does not exist' });
  });

  it('recognises a test OIN by its prefix only', () => {
    expect(isTestOin('00000099003214345000')).toBe(true);
    expect(isTestOin('00000001000000990000')).toBe(false);
    expect(isTestOin('10000099000000855000')).toBe(false);
  });

  it('checks the gemeentecode of a GEMEENTE after its OIN', () => {
    const oin = '00000001003214345000';
    expect(validateOrganisationCodes('GEMEENTE', oin, '0000')).toEqual({ valid: false, reason: 'gemeentecode 0000 bestaat niet / gemeentecode 0000 does not exist' });
    expect(validateOrganisationCodes('GEMEENTE', '00000001', '0153')).toEqual({ valid: false, reason: 'OIN moet uit precies 20 cijfers bestaan / OIN must be exactly 20 digits' });
    expect(validateOrganisationCodes('GEMEENTE', oin, '0153')).toEqual({ valid: true });
    expect(validateOrganisationCodes('UWV', oin, undefined)).toEqual({ valid: true });
    expect(validateOrganisationCodes('SVB', oin, '')).toEqual({ valid: false, reason: 'alleen een gemeente heeft een gemeentecode / only a GEMEENTE has a gemeentecode' });
  });
});
