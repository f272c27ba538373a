import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import type { AppConfig } from '../config/config.schema';

import { REDIS } from './redis.token';

export { REDIS };

/** ioredis options from a redis:// or rediss:// URL. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis =>
        new Redis({
          ...redisOptionsFromUrl(config.REDIS_URL),
          // A request must not wait for Redis: fail fast, keep reconnecting in the background.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 3000,
          lazyConnect: false,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        }).on('error', () => undefined),
    },
    RedisCloser,
    RateLimitService,
  ],
  exports: [REDIS, RateLimitService],
})
export class RedisModule {}
