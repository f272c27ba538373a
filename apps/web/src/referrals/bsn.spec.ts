import { checkBsn } from './bsn';

describe('checkBsn (11-test while typing)', () => {
  it.each(['111222333', '123456782', '999996356'])('accepts %s', (bsn) => {
    expect(checkBsn(bsn)).toEqual({ state: 'valid', bsn });
  });

  it('pads an 8-digit number with a leading zero', () => {
    // 012345672: 0·9 + 1·8 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 − 2 = 110 = 10·11.
    expect(checkBsn('12345672')).toEqual({ state: 'valid', bsn: '012345672' });
    // 011222333: 57, not a multiple of 11.
    expect(checkBsn('11222333').state).toBe('invalid');
  });

  it('ignores spaces, dots and dashes people type', () => {
    expect(checkBsn('1112.22.333')).toEqual({ state: 'valid', bsn: '111222333' });
    expect(checkBsn('111 222 333')).toEqual({ state: 'valid', bsn: '111222333' });
  });

  it('says how many digits are missing while typing', () => {
    expect(checkBsn('1112')).toEqual({ state: 'incomplete', message: 'Nog 5 cijfers: een BSN heeft 9 cijfers.' });
  });

  it.each([
    ['123456789', 'elfproef'],
    ['000000000', 'geen geldig BSN'],
    ['12345678a', 'alleen uit cijfers'],
    ['1234567890', 'te veel'],
  ])('refuses %s', (bsn, why) => {
    const result = checkBsn(bsn);
    expect(result.state).toBe('invalid');
    expect(result.state === 'invalid' && result.message).toContain(why);
  });

  it('is empty for an empty field', () => {
    expect(checkBsn('  ')).toEqual({ state: 'empty' });
  });
});
