import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, LeasedInterval, REDIS } from '@schakel/platform';
import type { Redis } from 'ioredis';
import { DoorStatsService } from './door-stats.service';

/**
 * Recomputes door_response_stats in the worker once at start and every DOOR_STATS_INTERVAL_MS.
 * Everything is read from PostgreSQL, so nothing is lost with Redis; the lease only keeps two
 * workers from doing the same pass in one interval (two passes would be harmless).
 */
@Injectable()
export class DoorStatsScan implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DoorStatsScan.name);
  private readonly interval: LeasedInterval;

  constructor(
    private readonly stats: DoorStatsService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.interval = new LeasedInterval({
      redis,
      leaseKey: `${config.REDIS_PREFIX}:doors:stats-lease`,
      intervalMs: config.DOOR_STATS_INTERVAL_MS,
      logger: this.logger,
      label: 'Door response statistics',
      work: () => this.stats.computeAll(new Date(), () => this.interval.isStopped),
    });
  }

  onApplicationBootstrap(): void {
    this.interval.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.interval.stop();
  }
}
