import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('has defaults that work on a development machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: 'postgres://schakel_app:schakel_app@127.0.0.1:5432/schakel',
      DATABASE_OWNER_URL: 'postgres://postgres@127.0.0.1:5432/schakel',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'schakel',
    });
    expect(config.AUTH_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('coerces numbers and treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '8080', REDIS_PREFIX: '' })).toMatchObject({ PORT: 8080, REDIS_PREFIX: 'schakel' });
    expect(loadConfig({}).WEB_PORT).toBe(4200);
    expect(loadConfig({ WEB_PORT: '5173' }).WEB_PORT).toBe(5173);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ WEB_PORT: 'web' }, 'WEB_PORT'],
    [{ WEB_PORT: '65536' }, 'WEB_PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ REDIS_PREFIX: 'has spaces' }, 'REDIS_PREFIX'],
    [{ AUTH_TOKEN_SECRET: 'short' }, 'AUTH_TOKEN_SECRET'],
    [{ BSN_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, 'BSN_ENCRYPTION_KEY'],
    [{ BSN_HMAC_KEY: 'short' }, 'BSN_HMAC_KEY'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toMatch(new RegExp(`^Ongeldige configuratie: ${variable} `));
      expect((error as ConfigError).message).not.toContain('\n');
    }
  });

  it('requires a real token secret in production and never prints it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_TOKEN_SECRET is verplicht in productie/);
    const secret = 'x'.repeat(40);
    const keys = { BSN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), BSN_HMAC_KEY: 'h'.repeat(32) };
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: secret })).toThrow(/BSN_ENCRYPTION_KEY is verplicht/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: secret, ...keys }).AUTH_TOKEN_SECRET).toBe(secret);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, AUTH_TOKEN_SECRET: 'schakel-development-only-token-secret-change-me' })).toThrow(/ontwikkelwaarde/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'tooshort' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('tooshort') }),
    );
  });
});
