import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DEFAULT_JOB_OPTIONS, QueueName, redisOptionsFromUrl, type RelayedEvent, withTimeout } from '@schakel/platform';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

interface OutboxRow {
  id: string;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: RelayedEvent['payload'];
  createdAt: Date;
}

const ADD_TIMEOUT_MS = 5000;


/**
 * Moves outbox rows to BullMQ (guarantee 1). Claims unsent rows with FOR UPDATE SKIP LOCKED, so
 * several workers can relay at once without taking the same row; adds them with jobId = outbox
 * id, so a re-add after a crash is a no-op; marks them sent in the same transaction. Woken by
 * LISTEN/NOTIFY, with polling as the fallback. While Redis is away the rows simply wait.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queue: Queue;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<unknown>;
  private again = false;
  private stopped = false;
  private redisDown = false;
  /** Milliseconds from outbox insert to queued, of the last relayed rows (for the benchmark). */
  readonly lags: number[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Its own connection that fails fast while Redis is down, instead of queueing commands.
    this.queue = new Queue(QueueName.FollowUps, {
      connection: { ...redisOptionsFromUrl(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix: config.REDIS_PREFIX,
      // The same retries and retention as every other job: an event whose processing fails is
      // retried, since its outbox row is already marked sent.
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    this.queue.on('error', () => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_INTERVAL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
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
      const rows: OutboxRow[] = await m.query(
        `SELECT id, topic, aggregate_type AS "aggregateType", aggregate_id AS "aggregateId", payload, created_at AS "createdAt"
           FROM outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.OUTBOX_BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const jobs = rows.map((r) => ({
        name: 'event' as const,
        data: { outboxId: r.id, topic: r.topic, aggregateType: r.aggregateType, aggregateId: r.aggregateId, occurredAt: r.createdAt.toISOString(), payload: r.payload } satisfies RelayedEvent,
        opts: { jobId: r.id },
      }));
      await withTimeout(this.queue.addBulk(jobs), ADD_TIMEOUT_MS, 'Adding jobs to BullMQ');
      // clock_timestamp(): when the rows were queued, not when this transaction began.
      await m.query(`UPDATE outbox SET sent_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      const now = Date.now();
      for (const r of rows) this.lags.push(now - r.createdAt.getTime());
      if (this.lags.length > 100_000) this.lags.splice(0, this.lags.length - 100_000);
      return rows.length;
    });
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'schakel-outbox-listener' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn(`Outbox listener lost its connection (${error.message}); polling continues, reconnecting`);
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    });
    try {
      await client.connect();
      await client.query('LISTEN schakel_outbox');
      this.listener = client;
    } catch (error) {
      this.logger.warn(`Outbox listener could not connect (${(error as Error).message}); polling only for now`);
      setTimeout(() => void this.listen().catch(() => undefined), 5000).unref();
    }
  }
}
