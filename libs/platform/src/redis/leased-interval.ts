import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { safeErrorMessage } from '../observability/safe-error';

export interface LeasedIntervalOptions {
  redis: Redis;
  /** The lease's Redis key (with the REDIS_PREFIX). */
  leaseKey: string;
  intervalMs: number;
  logger: Logger;
  /** For the log line when a pass fails, e.g. "Follow-ups sweep". */
  label: string;
  work: () => Promise<unknown>;
}

/**
 * Periodic work that one process of many should do per interval (sweeps, scans): every process
 * runs the timer, a lease in Redis (SET NX PX, one interval) lets one of them do the pass. If Redis
 * loses the lease, the worst case is two passes in one interval, so the work must be idempotent.
 * A pass never overlaps the previous one in the same process; a failed pass is logged (without
 * values) and retried at the next tick.
 */
export class LeasedInterval {
  private readonly instance = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly options: LeasedIntervalOptions) {}

  /** Starts the timer and tries a first pass at once. */
  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Stops the timer and waits for a running pass (call before queues and pools close). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Whether stop() was called: a long pass checks it between steps. */
  get isStopped(): boolean {
    return this.stopped;
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    const { redis, leaseKey, intervalMs, logger, label, work } = this.options;
    this.running = redis
      .set(leaseKey, this.instance, 'PX', intervalMs, 'NX')
      .then((reply) => (reply === 'OK' ? work() : undefined))
      .catch((error: unknown) => logger.warn(`${label} skipped, will retry: ${safeErrorMessage(error)}`))
      .finally(() => (this.running = undefined));
  }
}
