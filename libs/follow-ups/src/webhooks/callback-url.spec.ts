import { checkCallbackUrl, isNonPublic } from './callback-url';

describe('callback URLs', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fc00::1', '::ffff:127.0.0.1', '0.0.0.0', 'nonsense'])(
    'treats %s as non-public',
    (address) => expect(isNonPublic(address)).toBe(true),
  );

  it.each(['145.21.2.1', '2a00:1450:4001::1'])('treats %s as public', (address) => expect(isNonPublic(address)).toBe(false));

  it('refuses loopback and private targets in production, and plain http', async () => {
    expect((await checkCallbackUrl('https://127.0.0.1/hook', true)).ok).toBe(false);
    expect((await checkCallbackUrl('https://localhost/hook', true)).ok).toBe(false);
    expect((await checkCallbackUrl('https://10.0.0.5/hook', true)).ok).toBe(false);
    expect((await checkCallbackUrl('http://145.21.2.1/hook', true)).ok).toBe(false);
  });

  it('allows a local receiver outside production, but never other schemes or credentials', async () => {
    expect((await checkCallbackUrl('http://127.0.0.1:4000/hook', false)).ok).toBe(true);
    expect((await checkCallbackUrl('ftp://example.nl/x', false)).ok).toBe(false);
    expect((await checkCallbackUrl('https://user:pw@example.nl/x', false)).ok).toBe(false);
    expect((await checkCallbackUrl('not a url', false)).ok).toBe(false);
  });
});
