import { checkCallbackUrl, isNonPublic } from './callback-url';

describe('callback URLs', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fc00::1', '::ffff:127.0.0.1', '0.0.0.0', 'nonsense'])(
    'treats %s as non-public',
    (address) => expect(isNonPublic(address)).toBe(true),
  );

  it.each(['145.21.2.1', '2a00:1450:4001::1', '::ffff:145.21.2.1'])('treats %s as public', (address) => expect(isNonPublic(address)).toBe(false));

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

  it('accepts a public https target in production, keeping the URL as given', async () => {
    expect(await checkCallbackUrl('https://145.21.2.1:8443/schakel/hook?kanaal=handoffs', true)).toEqual({
      ok: true,
      url: new URL('https://145.21.2.1:8443/schakel/hook?kanaal=handoffs'),
    });
  });

  it('says why a URL is refused', async () => {
    expect(await checkCallbackUrl('https://145.21.2.1/hook', true)).toMatchObject({ ok: true });
    expect(await checkCallbackUrl('http://145.21.2.1/hook', true)).toEqual({
      ok: false,
      reason: { nl: 'callbackUrl moet https gebruiken.', en: 'callbackUrl must use https.' },
    });
    expect(await checkCallbackUrl('https://10.0.0.5/hook', true)).toEqual({
      ok: false,
      reason: { nl: 'callbackUrl wijst naar een intern of privé-adres; dat is niet toegestaan.', en: 'callbackUrl points to an internal or private address; that is not allowed.' },
    });
    const credentials = { ok: false, reason: { nl: 'callbackUrl moet een http(s)-URL zonder inloggegevens zijn.', en: 'callbackUrl must be an http(s) URL without credentials.' } };
    expect(await checkCallbackUrl('https://user@example.nl/x', false)).toEqual(credentials);
    expect(await checkCallbackUrl('https://:pw@example.nl/x', false)).toEqual(credentials);
    expect(await checkCallbackUrl('javascript:alert(1)', true)).toEqual(credentials);
    expect(await checkCallbackUrl('https://user:pw@145.21.2.1/x', true)).toEqual(credentials);
    expect(await checkCallbackUrl('not a url', true)).toEqual({ ok: false, reason: { nl: 'callbackUrl is geen geldige URL.', en: 'callbackUrl is not a valid URL.' } });
  });

  it('allows plain http and https to any host outside production', async () => {
    expect(await checkCallbackUrl('https://10.0.0.5/hook', false)).toEqual({ ok: true, url: new URL('https://10.0.0.5/hook') });
    expect(await checkCallbackUrl('http://receiver:4000/hook', false)).toEqual({ ok: true, url: new URL('http://receiver:4000/hook') });
  });
});
