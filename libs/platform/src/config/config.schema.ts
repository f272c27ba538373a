import { z } from 'zod';

const DEV_TOKEN_SECRET = 'schakel-development-only-token-secret-change-me';
// Development-only keys: known to everyone, so refused in production (see superRefine below).
const DEV_VALUES = new Set<string>();
const DEV_BSN_ENCRYPTION_KEY = Buffer.alloc(32, 'schakel-dev-bsn-key').toString('base64');
const DEV_BSN_HMAC_KEY = 'schakel-development-only-bsn-hmac-key-change-me';

/** The platform's development Ed25519 key for transparency-log checkpoints (issue 11): in the repository, so never in production. */
export const DEV_PLATFORM_SIGNING_KEY =
  '{"kty":"OKP","crv":"Ed25519","x":"KX05oGgB4drpybuURb24thc6OrPY9qR5pCPF1zpY3x8","d":"DI6sCW6OjwVxgCL0kn7LfPJhJGoGxNs8qDs_-pMbQ1I"}';

DEV_VALUES.add(DEV_TOKEN_SECRET).add(DEV_BSN_ENCRYPTION_KEY).add(DEV_BSN_HMAC_KEY).add(DEV_PLATFORM_SIGNING_KEY);

/** An Ed25519 private key as a JWK in JSON (kty OKP, crv Ed25519, x and d, base64url). */
function isEd25519PrivateJwk(value: string): boolean {
  try {
    const jwk: unknown = JSON.parse(value);
    if (typeof jwk !== 'object' || jwk === null) return false;
    const { kty, crv, x, d } = jwk as Record<string, unknown>;
    const b64url32 = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_-]{43}$/.test(v);
    return kty === 'OKP' && crv === 'Ed25519' && b64url32(x) && b64url32(d);
  } catch {
    return false;
  }
}

const aesKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'moet 32 bytes zijn, base64-gecodeerd (openssl rand -base64 32)');

const postgresUrl = z
  .string()
  .url('moet een URL zijn, bijv. postgres://user@127.0.0.1:5432/schakel')
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'moet beginnen met postgres:// of postgresql://');

const redisUrl = z
  .string()
  .url('moet een URL zijn, bijv. redis://127.0.0.1:6379')
  .refine((v) => /^rediss?:\/\//.test(v), 'moet beginnen met redis:// of rediss://');

/** A whole number within bounds, with a Dutch message that names the bounds. */
const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: `moet een geheel getal tussen ${min} en ${max} zijn` })
    .int(`moet een geheel getal tussen ${min} en ${max} zijn`)
    .min(min, `moet minstens ${min} zijn`)
    .max(max, `mag hoogstens ${max} zijn`);

// 0 lets the OS pick a free port (tests).
const port = whole(0, 65535);

/** Every environment variable Schakel reads; README.md documents each one. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3000),
    /** Port of the web app; outside production its origins may call the API (CORS) when CORS_ORIGINS is empty. */
    WEB_PORT: port.default(4200),
    WORKER_HEALTH_PORT: port.default(3001),
    DATABASE_URL: postgresUrl.default('postgres://schakel_app:schakel_app@127.0.0.1:5432/schakel'),
    DATABASE_OWNER_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/schakel'),
    DATABASE_POOL_SIZE: whole(1, 200).default(20),
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_-]{1,64}$/, 'alleen letters, cijfers, : _ en -, maximaal 64 tekens')
      .default('schakel'),
    AUTH_ISSUER: z.string().min(1).default('urn:schakel:local'),
    AUTH_TOKEN_SECRET: z.string().min(32, 'moet minstens 32 tekens lang zijn').optional(),
    AUTH_TOKEN_TTL_SECONDS: whole(60, 86400).default(3600),
    MACHINE_TOKEN_TTL_SECONDS: whole(1, 86400).default(900),
    DEMO_CLIENT_SECRET: z.string().min(16, 'moet minstens 16 tekens lang zijn').optional(),
    RATE_LIMIT_PER_MINUTE: whole(1, 1_000_000).default(600),
    /** Tokens issued per client_id per minute (correct secrets only: failures never count here). */
    TOKEN_RATE_LIMIT_PER_MINUTE: whole(1, 10_000).default(30),
    /** Requests to POST /auth/token per source address per minute, whatever their outcome. */
    TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: whole(1, 100_000).default(60),
    /** Requests to POST /auth/token per minute over all addresses and api processes: bounds the CPU spent on secret hashing. */
    TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE: whole(1, 1_000_000).default(300),
    /** Requests to the public open-data routes (the sociale kaart's HSDS export) per source address per minute. */
    OPEN_DATA_RATE_LIMIT_PER_MINUTE: whole(1, 100_000).default(60),
    /** Wrong secrets per client_id + source address before the back-off starts. */
    TOKEN_BACKOFF_FREE_FAILURES: whole(1, 1000).default(5),
    /** Longest back-off after wrong secrets (it doubles from 1 s up to this); failures are forgotten 15 minutes after the first. */
    TOKEN_BACKOFF_MAX_SECONDS: whole(1, 3600).default(60),
    /** Reverse proxies in front of the api whose X-Forwarded-For is trusted for the source address (0: none, use the socket's address). */
    TRUST_PROXY_HOPS: whole(0, 10).default(0),
    OPERATION_TIMEOUT_MS: whole(100, 300_000).default(10_000),
    /**
     * Where `handoffs { totalCount }` stops counting (`totalCountIsEstimate` then true): the
     * count's cost grows with this number, about 3 ms per 10,000 with a vacuumed table and up to
     * 30 ms when it is not (docs/performance.md). Above 100,000 it would cost what an exact count does.
     */
    HANDOFF_COUNT_CAP: whole(1, 100_000).default(10_000),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .refine((list) => list.every((o) => /^https?:\/\/[^/]+$/.test(o)), 'moet een kommagescheiden lijst van origins zijn, bijv. https://schakel.example.nl'),
    BSN_ENCRYPTION_KEY: aesKey.optional(),
    BSN_HMAC_KEY: z.string().min(32, 'moet minstens 32 tekens lang zijn').optional(),
    /** Earlier BSN keys, comma-separated, read only until `npm run keys:rotate` has finished (docs/runbook.md, Key management). */
    BSN_ENCRYPTION_KEYS_PREVIOUS: z
      .string()
      .default('')
      .refine((v) => v.split(',').map((k) => k.trim()).filter(Boolean).every((k) => Buffer.from(k, 'base64').length === 32), 'moet een kommagescheiden lijst van sleutels van 32 bytes zijn, base64-gecodeerd'),
    BSN_HMAC_KEYS_PREVIOUS: z
      .string()
      .default('')
      .refine((v) => v.split(',').map((k) => k.trim()).filter(Boolean).every((k) => k.length >= 32), 'moet een kommagescheiden lijst van sleutels van minstens 32 tekens zijn'),
    OUTBOX_POLL_INTERVAL_MS: whole(50, 60_000).default(1000),
    OUTBOX_BATCH_SIZE: whole(1, 1000).default(200),
    WORKER_CONCURRENCY: whole(1, 200).default(20),
    WORKER_LOCK_DURATION_MS: whole(1000, 600_000).default(30_000),
    WORKING_DAYS_GOOD_FRIDAY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    WEBHOOK_ATTEMPTS: whole(1, 30).default(11),
    WEBHOOK_BACKOFF_MS: whole(10, 3_600_000).default(90_000),
    WEBHOOK_TIMEOUT_MS: whole(100, 60_000).default(10_000),
    // How often the worker rebuilds lost queue work from PostgreSQL (outbox, deadlines, deliveries, schedules).
    FOLLOW_UPS_SWEEP_INTERVAL_MS: whole(200, 3_600_000).default(60_000),
    /** Worker: how often the regie of a household bundle is told of parts returned or stalled (found in PostgreSQL). */
    BUNDLE_ALERTS_INTERVAL_MS: whole(200, 3_600_000).default(5_000),
    // Live warm handoff (issue 13): how long the receiver's on-duty people have to pick up a request
    // made without a door (a door's live_timeout_minutes wins), and with the override set, for every
    // request (short timeouts in tests and demos). Then it falls back to a normal handoff with the ACUUT norm.
    LIVE_HANDOFF_TIMEOUT_SECONDS: whole(1, 3600).default(300),
    LIVE_HANDOFF_TIMEOUT_OVERRIDES_DOORS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    // How often the worker looks in PostgreSQL for live requests past their time (the fallback) or not yet announced.
    LIVE_HANDOFF_SWEEP_INTERVAL_MS: whole(200, 600_000).default(2000),
    // How often the worker recomputes the sociale kaart's measured response speed (door_response_stats, issue 13).
    DOOR_STATS_INTERVAL_MS: whole(1000, 86_400_000).default(600_000),
    // Days after closing before a referral is anonymised, for organisations without a retention of their own (ADR 0011).
    RETENTION_DAYS_DEFAULT: whole(1, 36500).default(730),
    // Referrals anonymised per transaction by the retention job.
    RETENTION_BATCH_SIZE: whole(1, 1000).default(200),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // API on SIGTERM: how long it keeps serving while reporting not-ready, then the most a stop may take (docs/operations.md).
    SHUTDOWN_DRAIN_DELAY_MS: whole(0, 600_000).default(5_000),
    SHUTDOWN_LIMIT_MS: whole(1_000, 3_600_000).default(40_000),
    // The platform's Ed25519 private key (JWK) that signs the action lists' transparency-log checkpoints.
    PLATFORM_SIGNING_KEY: z
      .string()
      .refine(isEd25519PrivateJwk, 'moet een JWK (JSON) van een Ed25519-privésleutel zijn: kty OKP, crv Ed25519, x en d')
      .optional(),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV !== 'production') return;
    for (const variable of ['AUTH_TOKEN_SECRET', 'BSN_ENCRYPTION_KEY', 'BSN_HMAC_KEY', 'PLATFORM_SIGNING_KEY'] as const) {
      const value = cfg[variable];
      if (!value) ctx.addIssue({ code: 'custom', path: [variable], message: 'is verplicht in productie' });
      else if (DEV_VALUES.has(value)) ctx.addIssue({ code: 'custom', path: [variable], message: 'mag in productie niet de ontwikkelwaarde zijn' });
    }
  })
  .transform((cfg) => ({
    ...cfg,
    AUTH_TOKEN_SECRET: cfg.AUTH_TOKEN_SECRET ?? DEV_TOKEN_SECRET,
    BSN_ENCRYPTION_KEY: cfg.BSN_ENCRYPTION_KEY ?? DEV_BSN_ENCRYPTION_KEY,
    BSN_HMAC_KEY: cfg.BSN_HMAC_KEY ?? DEV_BSN_HMAC_KEY,
    PLATFORM_SIGNING_KEY: cfg.PLATFORM_SIGNING_KEY ?? DEV_PLATFORM_SIGNING_KEY,
  }));

export type AppConfig = z.infer<typeof configSchema>;
