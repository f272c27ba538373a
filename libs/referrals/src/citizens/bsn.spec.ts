import { checkBsn, isValidBsn, normaliseBsn } from './bsn';

describe('BSN 11-test', () => {
  it.each(['111222333', '123456782', '999999990', '012345672', ' 111222333 '])('accepts %j', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it('pads an 8-digit number with a leading zero', () => {
    expect(normaliseBsn('12345672')).toBe('012345672');
    expect(checkBsn('12345672')).toEqual({ valid: true, bsn: '012345672' });
  });

  it.each([
    ['000000000', 'all zeros'],
    ['123456789', 'fails the 11-test'],
    ['111222334', 'one digit off'],
    ['12345678', '8 digits that fail after padding'],
    ['1234567', 'too short'],
    ['1234567890', 'too long'],
    ['12345678a', 'a letter'],
    ['', 'empty'],
  ])('refuses %j (%s)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it('refuses numbers (leading zeros would be lost) and never repeats the BSN in the reason', () => {
    expect(isValidBsn(111222333)).toBe(false);
    const result = checkBsn('123456789');
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.reason.nl).not.toContain('123456789');
      expect(result.reason.en).not.toContain('123456789');
    }
  });
});
