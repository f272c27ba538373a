import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, REDIS } from '@schakel/platform';
import type Redis from 'ioredis';

/**
 * BullMQ loses jobs when Redis evicts keys. Refuse to start in production unless Redis runs with
 * maxmemory-policy noeviction; warn elsewhere.
 */
@Injectable()
export class RedisPolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(RedisPolicyCheck.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let policy: string | undefined;
    try {
      const reply = (await this.redis.config('GET', 'maxmemory-policy')) as string[];
      policy = reply[1];
    } catch {
      // Managed Redis may forbid CONFIG; then we cannot tell and only warn.
    }
    if (policy === 'noeviction') return;
    const message = `Redis maxmemory-policy is ${policy ?? 'onbekend'}; BullMQ needs noeviction or jobs can be lost`;
    if (this.config.NODE_ENV === 'production' && policy !== undefined) throw new Error(message);
    this.logger.warn(message);
  }
}
