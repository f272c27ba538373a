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
