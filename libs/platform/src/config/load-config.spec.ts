import { ConfigError, loadConfig, loadConfigOrExit } from './load-config';

/** A real Ed25519 key made for this test only (not the development key). */
const TEST_PLATFORM_KEY = '{"kty":"OKP","crv":"Ed25519","x":"p7zddd907MB9QW2294g5ksLlLnCEogzO057vmRcESX4","d":"gRKGSEWvByhqYdMs9D72jvD0UH6s6CCGWStYMdAhO2E"}';

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
    [{ SHUTDOWN_DRAIN_DELAY_MS: 'soon' }, 'SHUTDOWN_DRAIN_DELAY_MS'],
    [{ SHUTDOWN_LIMIT_MS: '10' }, 'SHUTDOWN_LIMIT_MS'],
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
    const keys = { BSN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), BSN_HMAC_KEY: 'h'.repeat(32), PLATFORM_SIGNING_KEY: TEST_PLATFORM_KEY };
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: secret })).toThrow(/BSN_ENCRYPTION_KEY is verplicht/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: secret, ...keys }).AUTH_TOKEN_SECRET).toBe(secret);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, AUTH_TOKEN_SECRET: 'schakel-development-only-token-secret-change-me' })).toThrow(/ontwikkelwaarde/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'tooshort' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('tooshort') }),
    );
  });

  describe('in production', () => {
    const development = loadConfig({});
    const real = {
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      BSN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      BSN_HMAC_KEY: 'h'.repeat(32),
      PLATFORM_SIGNING_KEY: TEST_PLATFORM_KEY,
    };
    const problem = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return { variable: error.variable, problem: error.problem };
        throw error;
      }
      return null;
    };

    it('starts with real values for the three secrets', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...real })).toMatchObject({ NODE_ENV: 'production', ...real });
    });

    it.each(['AUTH_TOKEN_SECRET', 'BSN_ENCRYPTION_KEY', 'BSN_HMAC_KEY', 'PLATFORM_SIGNING_KEY'] as const)('requires %s', (variable) => {
      expect(problem({ NODE_ENV: 'production', ...real, [variable]: undefined })).toEqual({ variable, problem: 'is verplicht in productie' });
      expect(problem({ NODE_ENV: 'production', ...real, [variable]: '' })).toEqual({ variable, problem: 'is verplicht in productie' });
    });

    it.each(['AUTH_TOKEN_SECRET', 'BSN_ENCRYPTION_KEY', 'BSN_HMAC_KEY', 'PLATFORM_SIGNING_KEY'] as const)('refuses the development value of %s, which everyone knows', (variable) => {
      expect(problem({ NODE_ENV: 'production', ...real, [variable]: development[variable] })).toEqual({
        variable,
        problem: 'mag in productie niet de ontwikkelwaarde zijn',
      });
      // Outside production the same value is fine.
      expect(loadConfig({ NODE_ENV: 'test', ...real, [variable]: development[variable] })[variable]).toBe(development[variable]);
    });

    it("refuses another secret's development value too", () => {
      expect(problem({ NODE_ENV: 'production', ...real, BSN_HMAC_KEY: development.AUTH_TOKEN_SECRET })).toEqual({
        variable: 'BSN_HMAC_KEY',
        problem: 'mag in productie niet de ontwikkelwaarde zijn',
      });
    });
  });

  it('accepts only an Ed25519 private JWK as PLATFORM_SIGNING_KEY, never echoing it', () => {
    expect(loadConfig({ PLATFORM_SIGNING_KEY: TEST_PLATFORM_KEY }).PLATFORM_SIGNING_KEY).toBe(TEST_PLATFORM_KEY);
    const publicOnly = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: JSON.parse(TEST_PLATFORM_KEY).x });
    for (const value of ['geen json', publicOnly, TEST_PLATFORM_KEY.replace('Ed25519', 'X25519')]) {
      expect(() => loadConfig({ PLATFORM_SIGNING_KEY: value })).toThrow(expect.objectContaining({ variable: 'PLATFORM_SIGNING_KEY', message: expect.not.stringContaining(value) }));
    }
  });

  it('gives development and test different, valid secrets of their own', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(Buffer.from(config.BSN_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(config.BSN_HMAC_KEY.length).toBeGreaterThanOrEqual(32);
    expect(new Set([config.AUTH_TOKEN_SECRET, config.BSN_ENCRYPTION_KEY, config.BSN_HMAC_KEY]).size).toBe(3);
    expect(loadConfig({ AUTH_TOKEN_SECRET: 'y'.repeat(32) }).AUTH_TOKEN_SECRET).toBe('y'.repeat(32));
  });

  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      WORKER_HEALTH_PORT: 3001,
      DATABASE_POOL_SIZE: 20,
      AUTH_ISSUER: 'urn:schakel:local',
      AUTH_TOKEN_TTL_SECONDS: 3600,
      MACHINE_TOKEN_TTL_SECONDS: 900,
      RATE_LIMIT_PER_MINUTE: 600,
      TOKEN_RATE_LIMIT_PER_MINUTE: 30,
      TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 60,
      TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE: 300,
      TOKEN_BACKOFF_FREE_FAILURES: 5,
      TOKEN_BACKOFF_MAX_SECONDS: 60,
      TRUST_PROXY_HOPS: 0,
      OPERATION_TIMEOUT_MS: 10_000,
      CORS_ORIGINS: [],
      BSN_ENCRYPTION_KEYS_PREVIOUS: '',
      BSN_HMAC_KEYS_PREVIOUS: '',
      OUTBOX_POLL_INTERVAL_MS: 1000,
      OUTBOX_BATCH_SIZE: 200,
      WORKER_CONCURRENCY: 20,
      WORKER_LOCK_DURATION_MS: 30_000,
      WORKING_DAYS_GOOD_FRIDAY: false,
      WEBHOOK_ATTEMPTS: 11,
      WEBHOOK_BACKOFF_MS: 90_000,
      WEBHOOK_TIMEOUT_MS: 10_000,
      FOLLOW_UPS_SWEEP_INTERVAL_MS: 60_000,
      RETENTION_DAYS_DEFAULT: 730,
      RETENTION_BATCH_SIZE: 200,
      LOG_LEVEL: 'info',
    });
    expect(loadConfig({}).DEMO_CLIENT_SECRET).toBeUndefined();
  });

  it('accepts the documented forms of each kind of value', () => {
    expect(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: 'postgresql://app@db:5432/schakel',
        REDIS_URL: 'rediss://cache:6380',
        REDIS_PREFIX: 'run:42_a-b',
        CORS_ORIGINS: ' https://schakel.example.nl, http://localhost:4200 ,',
        WORKING_DAYS_GOOD_FRIDAY: 'true',
        BSN_ENCRYPTION_KEYS_PREVIOUS: `${Buffer.alloc(32, 1).toString('base64')}, ${Buffer.alloc(32, 2).toString('base64')}`,
        BSN_HMAC_KEYS_PREVIOUS: `${'a'.repeat(32)},${'b'.repeat(40)}`,
        DEMO_CLIENT_SECRET: 'd'.repeat(16),
        LOG_LEVEL: 'silent',
      }),
    ).toMatchObject({
      NODE_ENV: 'test',
      PORT: 0,
      DATABASE_URL: 'postgresql://app@db:5432/schakel',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_PREFIX: 'run:42_a-b',
      CORS_ORIGINS: ['https://schakel.example.nl', 'http://localhost:4200'],
      WORKING_DAYS_GOOD_FRIDAY: true,
      DEMO_CLIENT_SECRET: 'd'.repeat(16),
      LOG_LEVEL: 'silent',
    });
  });

  it('accepts every documented value of the enumerations and the plain URL schemes', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    for (const env of ['development', 'test']) expect(loadConfig({ NODE_ENV: env }).NODE_ENV).toBe(env);
    expect(loadConfig({ WORKING_DAYS_GOOD_FRIDAY: 'false' }).WORKING_DAYS_GOOD_FRIDAY).toBe(false);
    expect(loadConfig({ AUTH_ISSUER: 'https://login.schakel.example.nl' }).AUTH_ISSUER).toBe('https://login.schakel.example.nl');
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/schakel' }).DATABASE_URL).toBe('postgres://app@db:5432/schakel');
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).REDIS_URL).toBe('redis://cache:6379');
  });

  it.each([
    [{ DATABASE_OWNER_URL: 'x-postgres://root@db/schakel' }, 'DATABASE_OWNER_URL', 'moet beginnen met postgres:// of postgresql://'],
    [{ REDIS_URL: 'myredis://cache:6379' }, 'REDIS_URL', 'moet beginnen met redis:// of rediss://'],
    [{ CORS_ORIGINS: 'xhttps://schakel.example.nl' }, 'CORS_ORIGINS', 'moet een kommagescheiden lijst van origins zijn, bijv. https://schakel.example.nl'],
    [{ BSN_HMAC_KEYS_PREVIOUS: `${'a'.repeat(32)}, ${'b'.repeat(31)} ` }, 'BSN_HMAC_KEYS_PREVIOUS', 'moet een kommagescheiden lijst van sleutels van minstens 32 tekens zijn'],
    [{ PORT: '3000.5' }, 'PORT', 'moet een geheel getal tussen 0 en 65535 zijn'],
    [{ PORT: 'abc' }, 'PORT', 'moet een geheel getal tussen 0 en 65535 zijn'],
    [{ PORT: '-1' }, 'PORT', 'moet minstens 0 zijn'],
    [{ PORT: '65536' }, 'PORT', 'mag hoogstens 65535 zijn'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE', 'moet minstens 1 zijn'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'moet een URL zijn, bijv. postgres://user@127.0.0.1:5432/schakel'],
    [{ DATABASE_OWNER_URL: 'mysql://root@db/schakel' }, 'DATABASE_OWNER_URL', 'moet beginnen met postgres:// of postgresql://'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL', 'moet een URL zijn, bijv. redis://127.0.0.1:6379'],
    [{ REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL', 'moet beginnen met redis:// of rediss://'],
    [{ REDIS_PREFIX: 'p'.repeat(65) }, 'REDIS_PREFIX', 'alleen letters, cijfers, : _ en -, maximaal 64 tekens'],
    [{ AUTH_TOKEN_SECRET: 'x'.repeat(31) }, 'AUTH_TOKEN_SECRET', 'moet minstens 32 tekens lang zijn'],
    [{ BSN_HMAC_KEY: 'h'.repeat(31) }, 'BSN_HMAC_KEY', 'moet minstens 32 tekens lang zijn'],
    [{ BSN_ENCRYPTION_KEY: Buffer.alloc(31).toString('base64') }, 'BSN_ENCRYPTION_KEY', 'moet 32 bytes zijn, base64-gecodeerd (openssl rand -base64 32)'],
    [{ DEMO_CLIENT_SECRET: 'd'.repeat(15) }, 'DEMO_CLIENT_SECRET', 'moet minstens 16 tekens lang zijn'],
    [{ CORS_ORIGINS: 'https://schakel.example.nl/' }, 'CORS_ORIGINS', 'moet een kommagescheiden lijst van origins zijn, bijv. https://schakel.example.nl'],
    [{ CORS_ORIGINS: 'schakel.example.nl' }, 'CORS_ORIGINS', 'moet een kommagescheiden lijst van origins zijn, bijv. https://schakel.example.nl'],
    [
      { BSN_ENCRYPTION_KEYS_PREVIOUS: `${Buffer.alloc(32).toString('base64')},${Buffer.alloc(16).toString('base64')}` },
      'BSN_ENCRYPTION_KEYS_PREVIOUS',
      'moet een kommagescheiden lijst van sleutels van 32 bytes zijn, base64-gecodeerd',
    ],
    [{ BSN_HMAC_KEYS_PREVIOUS: `${'a'.repeat(32)},${'b'.repeat(31)}` }, 'BSN_HMAC_KEYS_PREVIOUS', 'moet een kommagescheiden lijst van sleutels van minstens 32 tekens zijn'],
    [{ WORKING_DAYS_GOOD_FRIDAY: 'yes' }, 'WORKING_DAYS_GOOD_FRIDAY', expect.any(String)],
  ])('refuses %j: %s %s', (env, variable, problem) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ name: 'ConfigError', variable, problem }));
  });

  it.each([
    ['DATABASE_POOL_SIZE', 1, 200],
    ['AUTH_TOKEN_TTL_SECONDS', 60, 86400],
    ['MACHINE_TOKEN_TTL_SECONDS', 1, 86400],
    ['RATE_LIMIT_PER_MINUTE', 1, 1_000_000],
    ['TOKEN_RATE_LIMIT_PER_MINUTE', 1, 10_000],
    ['TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 1, 100_000],
    ['TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE', 1, 1_000_000],
    ['TOKEN_BACKOFF_FREE_FAILURES', 1, 1000],
    ['TOKEN_BACKOFF_MAX_SECONDS', 1, 3600],
    ['TRUST_PROXY_HOPS', 0, 10],
    ['OPERATION_TIMEOUT_MS', 100, 300_000],
    ['OUTBOX_POLL_INTERVAL_MS', 50, 60_000],
    ['OUTBOX_BATCH_SIZE', 1, 1000],
    ['WORKER_CONCURRENCY', 1, 200],
    ['WORKER_LOCK_DURATION_MS', 1000, 600_000],
    ['WEBHOOK_ATTEMPTS', 1, 30],
    ['WEBHOOK_BACKOFF_MS', 10, 3_600_000],
    ['WEBHOOK_TIMEOUT_MS', 100, 60_000],
    ['FOLLOW_UPS_SWEEP_INTERVAL_MS', 200, 3_600_000],
    ['RETENTION_DAYS_DEFAULT', 1, 36500],
    ['RETENTION_BATCH_SIZE', 1, 1000],
    ['WEB_PORT', 0, 65535],
    ['WORKER_HEALTH_PORT', 0, 65535],
  ] as const)('bounds %s to %i–%i', (variable, min, max) => {
    expect(loadConfig({ [variable]: String(min) })[variable]).toBe(min);
    expect(loadConfig({ [variable]: String(max) })[variable]).toBe(max);
    expect(() => loadConfig({ [variable]: String(min - 1) })).toThrow(expect.objectContaining({ variable, problem: `moet minstens ${min} zijn` }));
    expect(() => loadConfig({ [variable]: String(max + 1) })).toThrow(expect.objectContaining({ variable, problem: `mag hoogstens ${max} zijn` }));
  });
});

describe('loadConfigOrExit', () => {
  afterEach(() => jest.restoreAllMocks());

  it('returns the configuration when it is valid', () => {
    expect(loadConfigOrExit({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('prints one line naming the variable and stops the process', () => {
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exited');
    }) as typeof process.exit);
    expect(() => loadConfigOrExit({ PORT: 'abc', AUTH_TOKEN_SECRET: 'geheim-maar-te-kort' })).toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
    expect(written).toEqual(['Ongeldige configuratie: PORT moet een geheel getal tussen 0 en 65535 zijn\n']);
  });
});
