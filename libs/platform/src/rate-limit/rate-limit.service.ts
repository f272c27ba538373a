import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { AppError } from '../errors/app-error';
import { REDIS } from '../redis/redis.token';

/**
 * actor: per employee or machine client (API requests); token: tokens issued per client_id;
 * token-address and token-global: requests to the token endpoint per source address and overall;
 * open-data: requests to the public open-data routes per source address (no caller to count).
 */
export type LimitKind = 'actor' | 'token' | 'token-address' | 'token-global' | 'open-data';

/**
 * Rate limits kept in Redis, shared by every API process: per employee or machine client for the
 * API; per client id, per source address and overall for the token endpoint. While Redis is away a per-process memory limiter
 * stands in, so a Redis outage neither blocks users nor lifts the limits.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters: Record<LimitKind, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const make = (kind: LimitKind, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.REDIS_PREFIX}:rate:${kind}`,
        points,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
      });
    this.limiters = {
      actor: make('actor', config.RATE_LIMIT_PER_MINUTE),
      token: make('token', config.TOKEN_RATE_LIMIT_PER_MINUTE),
      'token-address': make('token-address', config.TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE),
      'token-global': make('token-global', config.TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE),
      'open-data': make('open-data', config.OPEN_DATA_RATE_LIMIT_PER_MINUTE),
    };
  }

  /** Takes one point; over the limit → RATE_LIMITED with the seconds to wait. */
  async consume(kind: LimitKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
    } catch (result) {
      if (result instanceof RateLimiterRes) {
        const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        throw new AppError(
          'RATE_LIMITED',
          {
            nl: `Te veel verzoeken; probeer het over ${retryAfterSeconds} seconden opnieuw.`,
            en: `Too many requests; try again in ${retryAfterSeconds} seconds.`,
          },
          { retryAfterSeconds },
        );
      }
      throw result;
    }
  }
}
