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

  describe('with a token verified before (VerificationCache)', () => {
    it('still refuses it once it expires', async () => {
      const { access_token } = await tokens.issue('00000000-0000-4000-8000-000000000001', {}, 2);
      const { exp } = await tokens.verify(access_token);
      await new Promise((r) => setTimeout(r, Number(exp) * 1000 - Date.now() + 20));
      await expect(tokens.verify(access_token)).rejects.toThrow(/exp/);
    });

    it('refuses the same token with a changed signature or payload', async () => {
      const { access_token } = await tokens.issue('00000000-0000-4000-8000-000000000001');
      await expect(tokens.verify(access_token)).resolves.toBeDefined();
      const [header, payload, signature] = access_token.split('.');
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      await expect(tokens.verify(`${header}.${payload}.${flipped}`)).rejects.toThrow();
      const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '00000000-0000-4000-8000-000000000002' })).toString('base64url');
      await expect(tokens.verify(`${header}.${other}.${signature}`)).rejects.toThrow();
    });

    it('does not trust a token signed with another key because a look-alike was verified', async () => {
      const { access_token } = await tokens.issue('00000000-0000-4000-8000-000000000001');
      await tokens.verify(access_token);
      const forger = new LocalTokenService(loadConfig({ AUTH_TOKEN_SECRET: 'f'.repeat(40) }));
      const forged = await forger.issue('00000000-0000-4000-8000-000000000001');
      await expect(tokens.verify(forged.access_token)).rejects.toThrow();
    });
  });

  it('allows a few seconds of clock skew on iat and nbf', async () => {
    await expect(tokens.verify(await sign({ iat: now() + 5, nbf: now() + 5, exp: now() + 60 }))).resolves.toBeDefined();
  });
});
