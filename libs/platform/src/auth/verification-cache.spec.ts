import { VerificationCache } from './verification-cache';

describe('VerificationCache', () => {
  let now = 1_000_000;
  const clock = () => now;
  const exp = (ms: number) => Math.floor(ms / 1000);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('remembers a verified payload for at most its TTL', () => {
    const cache = new VerificationCache(60_000, 10, clock);
    cache.set('k', { sub: 'a', exp: exp(now + 3_600_000) });
    now += 59_999;
    expect(cache.get('k')).toEqual(expect.objectContaining({ sub: 'a' }));
    now += 1;
    expect(cache.get('k')).toBeUndefined();
  });

  it("never past the token's exp, nor past the moment the verifier would refuse it", () => {
    const cache = new VerificationCache(60_000, 10, clock);
    cache.set('short', { exp: exp(now) + 5 });
    cache.set('old', { exp: exp(now + 3_600_000) }, now + 2_000);
    now = (exp(1_000_000) + 5) * 1000;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('old')).toBeUndefined();
  });

  it('does not keep a payload that has already ended', () => {
    const cache = new VerificationCache(60_000, 10, clock);
    cache.set('gone', { exp: exp(now) - 1 });
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const cache = new VerificationCache(60_000, 2, clock);
    cache.set('a', { sub: 'a' });
    cache.set('b', { sub: 'b' });
    cache.set('c', { sub: 'c' });
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toEqual({ sub: 'c' });
  });

  it('keys on the whole token and on what the verification depended on', () => {
    const token = 'header.payload.signature';
    expect(VerificationCache.key(token)).toBe(VerificationCache.key(token));
    expect(VerificationCache.key(token)).not.toBe(VerificationCache.key(`${token}x`));
    expect(VerificationCache.key(token, 'issuer-a', 'aud')).not.toBe(VerificationCache.key(token, 'issuer-b', 'aud'));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(VerificationCache.key(token, 'ab', 'c')).not.toBe(VerificationCache.key(token, 'a', 'bc'));
    expect(VerificationCache.key(token)).not.toContain(token);
  });
});
