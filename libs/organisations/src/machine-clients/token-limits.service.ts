import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, RateLimitService, REDIS } from '@schakel/platform';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

/** Failures per client_id + address are forgotten this long after the first of them. */
export const TOKEN_FAILURE_WINDOW_SECONDS = 15 * 60;

/** The back-off after `failures` wrong secrets: none for the first `free`, then 1 s doubling up to `max`. */
export function backoffSeconds(failures: number, free: number, max: number): number {
  if (failures <= free) return 0;
  return Math.min(max, 2 ** Math.min(failures - free - 1, 30));
}

const slowDown = (seconds: number): AppError =>
  new AppError(
    'RATE_LIMITED',
    { nl: `Te veel mislukte pogingen; probeer het over ${seconds} seconden opnieuw.`, en: `Too many failed attempts; try again in ${seconds} seconds.` },
    { retryAfterSeconds: seconds },
  );

/**
 * The limits of POST /auth/token, in the order the endpoint applies them:
 *
 * 1. per source address, every request (`TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE`);
 * 2. a back-off per client_id + source address after wrong secrets (`TOKEN_BACKOFF_FREE_FAILURES`
 *    free, then 1 s doubling up to `TOKEN_BACKOFF_MAX_SECONDS`), so failures from one address
 *    never lock the client out elsewhere, nor for longer than the back-off;
 * 3. overall, every request that will hash a secret (`TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE`): bounds
 *    the CPU that scrypt can be made to spend, known or unknown client id alike;
 * 4. per client_id, tokens issued (`TOKEN_RATE_LIMIT_PER_MINUTE`): only a correct secret counts,
 *    so nobody without the secret can use up a client's allowance.
 *
 * Kept in Redis (shared by all api processes), with per-process memory limiters standing in while
 * Redis is away. Keys hold a hash of the client id, never the id as sent.
 */
@Injectable()
export class TokenLimitsService {
  private readonly failures: RateLimiterRedis;
  private readonly blocks: RateLimiterRedis;

  constructor(
    private readonly rateLimits: RateLimitService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const prefix = `${config.REDIS_PREFIX}:rate:token-failures`;
    const counting = { points: 1_000_000, duration: TOKEN_FAILURE_WINDOW_SECONDS };
    this.failures = new RateLimiterRedis({ storeClient: redis, keyPrefix: prefix, ...counting, insuranceLimiter: new RateLimiterMemory(counting) });
    const blocking = { points: 1, duration: 1 };
    this.blocks = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}-blocked`, ...blocking, insuranceLimiter: new RateLimiterMemory(blocking) });
  }

  /** Step 1: one point of the source address; RATE_LIMITED when it has none left. */
  perAddress(address: string): Promise<void> {
    return this.rateLimits.consume('token-address', address);
  }

  /** Step 2: RATE_LIMITED while this client_id + address is backing off after wrong secrets. */
  async notBackingOff(clientId: string, address: string): Promise<void> {
    const blocked: RateLimiterRes | null = await this.blocks.get(this.key(clientId, address));
    if (blocked && blocked.consumedPoints > 1 && blocked.msBeforeNext > 0) throw slowDown(Math.max(1, Math.ceil(blocked.msBeforeNext / 1000)));
  }

  /** Step 3: one point of the overall allowance, before a secret is hashed. */
  overall(): Promise<void> {
    return this.rateLimits.consume('token-global', 'all');
  }

  /** A wrong secret (or unknown client): counts towards the back-off of this client_id + address. */
  async failed(clientId: string, address: string): Promise<void> {
    const key = this.key(clientId, address);
    const counted = await this.failures.penalty(key, 1);
    const seconds = backoffSeconds(counted.consumedPoints, this.config.TOKEN_BACKOFF_FREE_FAILURES, this.config.TOKEN_BACKOFF_MAX_SECONDS);
    if (seconds > 0) await this.blocks.block(key, seconds);
  }

  /** Step 4, after a correct secret: forgets this address's failures, takes one issued token. */
  async succeeded(clientId: string, address: string): Promise<void> {
    const key = this.key(clientId, address);
    await Promise.all([this.failures.delete(key), this.blocks.delete(key)]);
    await this.rateLimits.consume('token', this.hash(clientId));
  }

  private key(clientId: string, address: string): string {
    return `${this.hash(clientId)}:${address}`;
  }

  private hash(clientId: string): string {
    return createHash('sha256').update(clientId).digest('base64url').slice(0, 32);
  }
}
