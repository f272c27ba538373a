import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DEFAULT_JOB_OPTIONS, QueueName, redisOptionsFromUrl, withTimeout } from '@schakel/platform';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { outboxJob, OutboxStore } from './outbox.store';

const ADD_TIMEOUT_MS = 5000;
/** Pause before a lost listener connection is replaced (and after a failed connect). */
const RELISTEN_AFTER_LOSS_MS = 2000;
const RELISTEN_AFTER_FAILURE_MS = 5000;

/**
 * Moves outbox rows to BullMQ (guarantee 1). Claims unsent rows with FOR UPDATE SKIP LOCKED, so
 * several workers can relay at once without taking the same row; adds them with jobId = outbox
 * id, so a re-add after a crash is a no-op; marks them sent in the same transaction. Woken by
 * LISTEN/NOTIFY, with polling as the fallback. While Redis is away the rows simply wait. Sent is
 * not done: the processor marks a row processed, and the sweep re-queues sent rows Redis lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queue: Queue;
  private listener?: Client;
  /** The one pending reconnect of the listener; never more than one, so connections cannot multiply. */
  private relisten?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<unknown>;
  private again = false;
  private stopped = false;
  private redisDown = false;
  /** Milliseconds from outbox insert to queued, of the last relayed rows (for the benchmark). */
  readonly lags: number[] = [];

  private readonly store: OutboxStore;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.store = new OutboxStore(dataSource);
    // Its own connection that fails fast while Redis is down, instead of queueing commands.
    this.queue = new Queue(QueueName.FollowUps, {
      connection: { ...redisOptionsFromUrl(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix: config.REDIS_PREFIX,
      // The same retries and retention as every other job: an event whose processing fails is
      // retried from Redis; only if Redis loses it does the sweep re-queue it from the outbox.
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    this.queue.on('error', () => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_INTERVAL_MS);
    this.wake();
  }

  /** Stops relaying before any shared resource (database pool, queues) is closed under it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.relisten);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    await this.queue.close().catch(() => undefined);
  }

  /** Ask for a drain; a drain already running will go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Relays until no unsent rows are left (or Redis refuses). Returns how many it relayed. */
  async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const relayed = await this.relayBatch();
        total += relayed;
        if (relayed < this.config.OUTBOX_BATCH_SIZE || this.stopped) break;
      }
      if (this.redisDown) {
        this.redisDown = false;
        this.logger.log('Redis is back; outbox relay resumed');
      }
    } catch (error) {
      if (!this.redisDown) this.logger.warn(`Outbox relay paused, will retry: ${(error as Error).message}`);
      this.redisDown = true;
    }
    return total;
  }

  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.store.claimUnsent(m, this.config.OUTBOX_BATCH_SIZE);
      if (rows.length === 0) return 0;
      await withTimeout(this.queue.addBulk(rows.map(outboxJob)), ADD_TIMEOUT_MS, 'Adding jobs to BullMQ');
      await this.store.markSent(m, rows.map((r) => r.id));
      const now = Date.now();
      for (const r of rows) this.lags.push(now - r.createdAt.getTime());
      if (this.lags.length > 100_000) this.lags.splice(0, this.lags.length - 100_000);
      return rows.length;
    });
  }

  /**
   * Adds sent-but-unprocessed rows again under their own job id: a no-op while the job still
   * exists in Redis, a rebuild when Redis lost it. Used by the follow-ups sweep.
   */
  async requeueUnprocessed(olderThanMs: number, limit = 500): Promise<number> {
    const rows = await this.store.sentButUnprocessed(olderThanMs, limit);
    if (rows.length === 0) return 0;
    await withTimeout(this.queue.addBulk(rows.map(outboxJob)), ADD_TIMEOUT_MS, 'Adding jobs to BullMQ');
    return rows.length;
  }

  /** Whether the LISTEN connection is up (polling covers the gaps); for tests and diagnostics. */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'schakel-outbox-listener' });
    client.on('notification', () => this.wake());
    // A terminated backend emits 'error' more than once (the server's 57P01, then the closed
    // socket) and 'end': reacting to each used to start a new listener per event, doubling the
    // connections at every loss. Each client is given up and replaced once.
    let lost = false;
    const giveUp = (warning: string | undefined, retryMs: number) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (warning && !this.stopped) this.logger.warn(warning);
      this.scheduleListen(retryMs);
    };
    const lostWarning = (reason: string) => `Outbox listener lost its connection (${reason}); polling continues, reconnecting`;
    client.on('error', (error) => giveUp(lostWarning(error.message), RELISTEN_AFTER_LOSS_MS));
    client.on('end', () => giveUp(lostWarning('connection ended'), RELISTEN_AFTER_LOSS_MS));
    try {
      await client.connect();
      await client.query('LISTEN schakel_outbox');
    } catch (error) {
      giveUp(`Outbox listener could not connect (${(error as Error).message}); polling only for now`, RELISTEN_AFTER_FAILURE_MS);
      return;
    }
    if (lost) return;
    if (this.stopped) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    // Never two listeners: should an old one still be open, it goes.
    const previous = this.listener;
    this.listener = client;
    if (previous && previous !== client) await previous.end().catch(() => undefined);
  }

  private scheduleListen(ms: number): void {
    if (this.stopped || this.relisten) return;
    this.relisten = setTimeout(() => {
      this.relisten = undefined;
      void this.listen().catch(() => undefined);
    }, ms);
    this.relisten.unref();
  }
}
