import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, LeasedInterval, REDIS } from '@schakel/platform';
import type Redis from 'ioredis';
import { LiveFollowUp } from './live-follow-up';

export function liveSweepLeaseKey(prefix: string): string {
  return `${prefix}:live-handoffs:sweep-lease`;
}

/**
 * Every LIVE_HANDOFF_SWEEP_INTERVAL_MS one worker (a Redis lease) looks in PostgreSQL for live
 * requests not yet announced and for requests past their time. Nothing depends on a delayed job:
 * after Redis lost everything the next pass still finds them, and the conditional updates make
 * each announcement and fallback happen once, however many workers look.
 */
@Injectable()
export class LiveHandoffsSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveHandoffsSweep.name);
  private readonly interval: LeasedInterval;

  constructor(
    private readonly followUp: LiveFollowUp,
    private readonly organisations: OrganisationsService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.interval = new LeasedInterval({
      redis,
      leaseKey: liveSweepLeaseKey(config.REDIS_PREFIX),
      intervalMs: config.LIVE_HANDOFF_SWEEP_INTERVAL_MS,
      logger: this.logger,
      label: 'Live handoffs sweep',
      work: () => this.sweep(),
    });
  }

  onApplicationBootstrap(): void {
    this.interval.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.interval.stop();
  }

  /** One pass over every organisation (live_handoffs is under row-level security). Public for tests. */
  async sweep(): Promise<{ announced: number; fellBack: number }> {
    const total = { announced: 0, fellBack: 0 };
    for (const organisation of await this.organisations.list()) {
      if (this.interval.isStopped) break;
      const done = await this.followUp.pass(organisation.id);
      total.announced += done.announced;
      total.fellBack += done.fellBack;
    }
    if (total.fellBack > 0) this.logger.log(`Live handoffs: ${total.fellBack} fell back to the ACUUT norm`);
    return total;
  }
}
