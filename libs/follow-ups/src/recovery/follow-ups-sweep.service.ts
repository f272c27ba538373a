import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, LeasedInterval, REDIS } from '@schakel/platform';
import type Redis from 'ioredis';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { WebhookDispatch } from '../webhooks/webhook-dispatch';

export interface SweepReport {
  outboxEvents: number;
  deadlineJobs: number;
  deliveries: number;
}

/** Deadline jobs further ahead than this are left to a later sweep (at least two sweeps ahead). */
const MIN_HORIZON_MS = 3_600_000;

export function sweepLeaseKey(prefix: string): string {
  return `${prefix}:follow-ups:sweep-lease`;
}

/**
 * Rebuilds follow-up work that Redis lost, from PostgreSQL, which holds the truth: outbox rows
 * sent but never processed, the next deadline check of every open step, and PENDING webhook
 * deliveries. Each job is added under the same deterministic id it was first queued with, so a
 * job Redis still has is left alone and nothing runs twice; what Redis lost (a restart without
 * persistence, a flushed prefix) comes back within one interval, with no one touching anything.
 *
 * Every worker runs the timer; a lease in Redis lets one of them sweep per interval
 * (LeasedInterval; two sweeps in one interval are harmless).
 */
@Injectable()
export class FollowUpsSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FollowUpsSweep.name);
  private readonly interval: LeasedInterval;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly deadlines: DeadlinesService,
    private readonly webhooks: WebhookDispatch,
    private readonly organisations: OrganisationsService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.interval = new LeasedInterval({
      redis,
      leaseKey: sweepLeaseKey(config.REDIS_PREFIX),
      intervalMs: config.FOLLOW_UPS_SWEEP_INTERVAL_MS,
      logger: this.logger,
      label: 'Follow-ups sweep',
      work: () => this.sweep(),
    });
  }

  onApplicationBootstrap(): void {
    this.interval.start();
  }

  /** Stops before the queues and the database pool close (they close in onApplicationShutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.interval.stop();
  }

  /** One full pass. Public for tests and for an operator who wants it now. */
  async sweep(): Promise<SweepReport> {
    const interval = this.config.FOLLOW_UPS_SWEEP_INTERVAL_MS;
    // Work younger than one interval is still on its first way through Redis; leave it be.
    const report: SweepReport = { outboxEvents: await this.relay.requeueUnprocessed(interval), deadlineJobs: 0, deliveries: 0 };
    // handoffs and webhook_deliveries are under row-level security: look per organisation.
    for (const organisation of await this.organisations.list()) {
      if (this.interval.isStopped) break;
      report.deadlineJobs += await this.deadlines.rescheduleOpen(organisation.id, Math.max(MIN_HORIZON_MS, 2 * interval));
      report.deliveries += await this.webhooks.requeuePending(organisation.id, interval);
    }
    this.logger.debug(`Follow-ups sweep: ${report.outboxEvents} outbox events, ${report.deadlineJobs} deadline jobs, ${report.deliveries} deliveries ensured`);
    return report;
  }
}
