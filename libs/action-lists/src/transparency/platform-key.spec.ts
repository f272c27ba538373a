import { loadConfig } from '@schakel/platform';
import { DEV_PLATFORM_SIGNING_KEY, PlatformSigningKey, platformKeyFromEnv } from './platform-key';

describe('platform signing key', () => {
  it('uses the development key outside production', () => {
    expect(platformKeyFromEnv({}, false).publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: 'KX05oGgB4drpybuURb24thc6OrPY9qR5pCPF1zpY3x8', alg: 'EdDSA' });
  });

  it('refuses the development key, or none, in production', () => {
    expect(() => platformKeyFromEnv({}, true)).toThrow(/verplicht in productie/);
    expect(() => platformKeyFromEnv({ PLATFORM_SIGNING_KEY: DEV_PLATFORM_SIGNING_KEY }, true)).toThrow(/ontwikkelwaarde/);
  });

  it('refuses what is not an Ed25519 private JWK', () => {
    expect(() => platformKeyFromEnv({ PLATFORM_SIGNING_KEY: 'geen json' }, false)).toThrow(/JWK/);
    expect(() => platformKeyFromEnv({ PLATFORM_SIGNING_KEY: '{"kty":"OKP","crv":"Ed25519","x":"KX05oGgB4drpybuURb24thc6OrPY9qR5pCPF1zpY3x8"}' }, false)).toThrow(/privésleutel/);
  });

  it('answers SERVICE_UNAVAILABLE, not a crash, when production has no key', async () => {
    const saved = process.env.PLATFORM_SIGNING_KEY;
    delete process.env.PLATFORM_SIGNING_KEY;
    try {
      const key = new PlatformSigningKey({ ...loadConfig({}), NODE_ENV: 'production' });
      expect(() => key.publicJwk).toThrow(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }));
    } finally {
      if (saved !== undefined) process.env.PLATFORM_SIGNING_KEY = saved;
    }
  });

  it('signs with a key whose kid is the public key thumbprint', async () => {
    const { kid } = await new PlatformSigningKey(loadConfig({})).resolve();
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
