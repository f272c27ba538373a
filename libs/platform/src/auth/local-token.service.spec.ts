import { SignJWT } from 'jose';
import { loadConfig } from '../config/load-config';
import { LocalTokenService } from './local-token.service';

/** Schakel's own tokens must end: `exp` and `iat` are required, clocks get a little slack. */
describe('LocalTokenService.verify', () => {
  const config = loadConfig({});
  const tokens = new LocalTokenService(config);
  const key = new TextEncoder().encode(config.AUTH_TOKEN_SECRET);
  const now = () => Math.floor(Date.now() / 1000);

  /** A token signed with the real key, with exactly the time claims given. */
  const sign = (claims: { iat?: number; nbf?: number; exp?: number }): Promise<string> => {
    const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(config.AUTH_ISSUER).setAudience(config.AUTH_ISSUER).setSubject('00000000-0000-4000-8000-000000000001');
    return jwt.sign(key);
  };

  it('accepts the tokens it issues', async () => {
    const { access_token } = await tokens.issue('00000000-0000-4000-8000-000000000001');
    await expect(tokens.verify(access_token)).resolves.toMatchObject({ sub: '00000000-0000-4000-8000-000000000001' });
  });

  it.each([
    ['no exp', { iat: now() }],
    ['no iat', { exp: now() + 60 }],
    ['no exp and no iat', {}],
    ['expired a second ago (no slack on exp)', { iat: now() - 60, exp: now() - 1 }],
    ['iat far in the future', { iat: now() + 600, exp: now() + 900 }],
    ['nbf far in the future', { iat: now(), nbf: now() + 600, exp: now() + 900 }],
    ['older than the longest lifetime Schakel issues', { iat: now() - config.AUTH_TOKEN_TTL_SECONDS - 120, exp: now() + 86_400 * 365 }],
  ])('refuses a token with %s', async (_name, claims) => {
    await expect(tokens.verify(await sign(claims))).rejects.toThrow();
  });

  it('allows a few seconds of clock skew on iat and nbf', async () => {
    await expect(tokens.verify(await sign({ iat: now() + 5, nbf: now() + 5, exp: now() + 60 }))).resolves.toBeDefined();
  });
});
