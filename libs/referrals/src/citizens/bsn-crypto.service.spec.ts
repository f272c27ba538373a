import { loadConfig } from '@schakel/platform';
import { BsnCrypto } from './bsn-crypto.service';

describe('BsnCrypto', () => {
  const crypto = new BsnCrypto(loadConfig({ NODE_ENV: 'test' }));

  it('round-trips, with a different ciphertext every time and no BSN in it', () => {
    const a = crypto.encrypt('111222333');
    const b = crypto.encrypt('111222333');
    expect(a).not.toBe(b);
    expect(a).not.toContain('111222333');
    expect(Buffer.from(a.split('.')[3], 'base64url').toString('latin1')).not.toContain('111222333');
    expect(crypto.decrypt(a)).toBe('111222333');
  });

  it('detects tampering', () => {
    const stored = crypto.encrypt('123456782').split('.');
    const flipped = Buffer.from(stored[3], 'base64url');
    flipped[0] ^= 1;
    stored[3] = flipped.toString('base64url');
    expect(() => crypto.decrypt(stored.join('.'))).toThrow();
  });

  it('hashes deterministically per key, and pseudonyms differ from look-up hashes', () => {
    expect(crypto.lookupHash('111222333')).toBe(crypto.lookupHash('111222333'));
    expect(crypto.lookupHash('111222333')).not.toBe(crypto.lookupHash('123456782'));
    expect(crypto.pseudonym('111222333')).not.toBe(crypto.lookupHash('111222333'));
    const other = new BsnCrypto(loadConfig({ NODE_ENV: 'test', BSN_HMAC_KEY: 'z'.repeat(40) }));
    expect(other.lookupHash('111222333')).not.toBe(crypto.lookupHash('111222333'));
  });
});
