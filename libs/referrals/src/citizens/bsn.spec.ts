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

  it('says why a BSN is refused', () => {
    const reason = (input: unknown) => {
      const result = checkBsn(input);
      return result.valid ? null : result.reason;
    };
    expect(reason(111222333)).toEqual({ nl: 'Het BSN moet als tekst van 9 cijfers worden meegegeven.', en: 'The BSN must be given as a string of 9 digits.' });
    expect(reason(undefined)).toEqual(reason(111222333));
    const digits = { nl: 'Het BSN moet uit 8 of 9 cijfers bestaan.', en: 'The BSN must consist of 8 or 9 digits.' };
    for (const wrong of ['1234567', '1234567890', 'a111222333', '111222333a', '11122 2333', '12345672x', '']) expect(reason(wrong)).toEqual(digits);
    expect(reason('000000000')).toEqual({ nl: 'Een BSN van alleen nullen bestaat niet.', en: 'A BSN of only zeros does not exist.' });
    expect(reason('00000000')).toEqual(reason('000000000'));
    expect(reason('123456789')).toEqual({ nl: 'Het BSN voldoet niet aan de elfproef; controleer het nummer.', en: 'The BSN fails the eleven-test; check the number.' });
  });

  it('gives the normalised number of a valid BSN', () => {
    expect(checkBsn(' 111222333\n')).toEqual({ valid: true, bsn: '111222333' });
    expect(checkBsn(' 12345672 ')).toEqual({ valid: true, bsn: '012345672' });
    expect(normaliseBsn('123456782')).toBe('123456782');
    expect(normaliseBsn('1234567')).toBe('1234567');
    expect(normaliseBsn('x12345672')).toBe('x12345672');
  });

  it('weighs every position: the last digit counts negatively, the others 9 down to 2', () => {
    // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66 = 6·11
    expect(isValidBsn('111222333')).toBe(true);
    // Each single-digit change of a valid number breaks the 11-test, at every position.
    for (let position = 0; position < 9; position++) {
      const digits = [...'111222333'].map(Number);
      digits[position] = (digits[position] + 1) % 10;
      expect(isValidBsn(digits.join(''))).toBe(false);
    }
    // 9·1 − 1·9 = 0: the first digit weighs 9, the last −1.
    expect(isValidBsn('100000009')).toBe(true);
    expect(isValidBsn('010000008')).toBe(true);
    expect(isValidBsn('100000019')).toBe(false);
  });
});
