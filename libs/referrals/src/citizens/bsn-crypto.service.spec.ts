import { loadConfig } from '@schakel/platform';
import { BsnCrypto } from './bsn-crypto.service';

describe('BsnCrypto', () => {
  const crypto = new BsnCrypto(loadConfig({ NODE_ENV: 'test' }));

  it('round-trips, with a different ciphertext every time and no BSN in it', () => {
    const a = crypto.encrypt('111222333');
    const b = crypto.encrypt('111222333');
    expect(a).not.toBe(b);
    expect(a).not.toContain('111222333');
    expect(Buffer.from(a.split('.')[4], 'base64url').toString('latin1')).not.toContain('111222333');
    expect(crypto.decrypt(a)).toBe('111222333');
  });

  it('detects tampering', () => {
    const stored = crypto.encrypt('123456782').split('.');
    const flipped = Buffer.from(stored[4], 'base64url');
    flipped[0] ^= 1;
    stored[4] = flipped.toString('base64url');
    expect(() => crypto.decrypt(stored.join('.'))).toThrow();
  });

  it('hashes deterministically per key, and pseudonyms differ from look-up hashes', () => {
    expect(crypto.lookupHash('111222333')).toBe(crypto.lookupHash('111222333'));
    expect(crypto.lookupHash('111222333')).not.toBe(crypto.lookupHash('123456782'));
    expect(crypto.pseudonym('111222333')).not.toBe(crypto.lookupHash('111222333'));
    const other = new BsnCrypto(loadConfig({ NODE_ENV: 'test', BSN_HMAC_KEY: 'z'.repeat(40) }));
    expect(other.lookupHash('111222333')).not.toBe(crypto.lookupHash('111222333'));
  });

  describe('key ring', () => {
    const keyA = Buffer.alloc(32, 'a').toString('base64');
    const keyB = Buffer.alloc(32, 'b').toString('base64');
    const hmacA = 'a'.repeat(40);
    const hmacB = 'b'.repeat(40);
    const underA = new BsnCrypto(loadConfig({ NODE_ENV: 'test', BSN_ENCRYPTION_KEY: keyA, BSN_HMAC_KEY: hmacA }));
    const rotated = new BsnCrypto(loadConfig({ NODE_ENV: 'test', BSN_ENCRYPTION_KEY: keyB, BSN_ENCRYPTION_KEYS_PREVIOUS: keyA, BSN_HMAC_KEY: hmacB, BSN_HMAC_KEYS_PREVIOUS: hmacA }));
    const onlyB = new BsnCrypto(loadConfig({ NODE_ENV: 'test', BSN_ENCRYPTION_KEY: keyB, BSN_HMAC_KEY: hmacB }));

    it('stores a key id derived from the key (never the key) and decrypts with the matching key of the ring', () => {
      const stored = underA.encrypt('111222333');
      expect(stored.split('.').slice(0, 2)).toEqual(['v2', underA.encryptionKeyId]);
      expect(stored).not.toContain(keyA);
      expect(rotated.decrypt(stored)).toBe('111222333');
      expect(rotated.isCurrent(stored)).toBe(false);
      expect(rotated.isCurrent(rotated.encrypt('111222333'))).toBe(true);
      expect(() => onlyB.decrypt(stored)).toThrow('not configured');
    });

    it('reads legacy v1 ciphertexts (no key id) with whichever key of the ring opens them', () => {
      const { createCipheriv, randomBytes } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyA, 'base64'), iv);
      const ct = Buffer.concat([cipher.update('123456782', 'utf8'), cipher.final()]);
      const legacy = ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
      expect(rotated.decrypt(legacy)).toBe('123456782');
      expect(() => onlyB.decrypt(legacy)).toThrow('not configured');
    });

    it('looks up under the current HMAC key first, then the previous ones; request hashes match under any', () => {
      expect(rotated.lookupHashes('111222333')).toEqual([onlyB.lookupHash('111222333'), underA.lookupHash('111222333')]);
      expect(rotated.pseudonyms('111222333')).toEqual([onlyB.pseudonym('111222333'), underA.pseudonym('111222333')]);
      expect(rotated.requestHashes('{}')).toContain(underA.requestHash('{}'));
      expect(rotated.pseudonym('111222333')).toBe(onlyB.pseudonym('111222333'));
    });

    it('refuses previous keys of the wrong shape, naming the variable only', () => {
      expect(() => loadConfig({ NODE_ENV: 'test', BSN_ENCRYPTION_KEYS_PREVIOUS: `${keyA},c2hvcnQ=` })).toThrow(/BSN_ENCRYPTION_KEYS_PREVIOUS/);
      expect(() => loadConfig({ NODE_ENV: 'test', BSN_HMAC_KEYS_PREVIOUS: 'short' })).toThrow(/BSN_HMAC_KEYS_PREVIOUS/);
    });
  });
});
