import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, REDIS } from '@schakel/platform';

/** The part of ioredis this check uses (a fake in unit tests). */
export interface RedisConfigReader {
  config(subcommand: 'GET', parameter: string): Promise<unknown>;
}

/**
 * BullMQ loses jobs when Redis evicts keys, and all of them when Redis restarts without
 * persistence. The sweep rebuilds follow-ups from PostgreSQL either way, but late (up to one
 * sweep interval, and a deadline's original moment is then estimated): a production Redis must
 * keep its data. Refuse to start in production unless Redis runs with maxmemory-policy
 * noeviction and with persistence (AOF, or at least RDB snapshots); warn elsewhere. A Redis that
 * forbids CONFIG (managed services) cannot be checked: warn, never refuse.
 */
@Injectable()
export class RedisPolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(RedisPolicyCheck.name);

  constructor(
    @Inject(REDIS) private readonly redis: RedisConfigReader,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'NODE_ENV'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [policy, appendonly, save] = await Promise.all(['maxmemory-policy', 'appendonly', 'save'].map((p) => this.get(p)));
    const production = this.config.NODE_ENV === 'production';
    const problems: string[] = [];
    if (policy !== 'noeviction') {
      problems.push(`Redis maxmemory-policy is ${policy ?? 'onbekend'}; BullMQ needs noeviction or jobs can be lost`);
    }
    if (appendonly === undefined || save === undefined) {
      problems.push('Redis persistence could not be checked (CONFIG GET refused); make sure AOF (appendonly yes) is on');
    } else if (appendonly !== 'yes' && save.trim() === '') {
      problems.push('Redis runs without persistence (appendonly no, save ""): a restart loses every queued job; turn on appendonly yes');
    } else if (appendonly !== 'yes') {
      this.logger.warn('Redis persists with RDB snapshots only: a restart loses the jobs since the last snapshot; appendonly yes is advised');
    }
    // Refuse only for what was actually seen; an unknown setting (CONFIG refused) is a warning.
    const refuse = production && ((policy !== undefined && policy !== 'noeviction') || (appendonly === 'no' && save?.trim() === ''));
    if (refuse) throw new Error(problems.join('; '));
    for (const problem of problems) this.logger.warn(problem);
  }

  private async get(parameter: string): Promise<string | undefined> {
    try {
      const reply = await this.redis.config('GET', parameter);
      return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : undefined;
    } catch {
      // Managed Redis may forbid CONFIG; then we cannot tell and only warn.
      return undefined;
    }
  }
}
