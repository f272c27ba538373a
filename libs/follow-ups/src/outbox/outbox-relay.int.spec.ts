import { cloneDatabase, createDataSource, DEFAULT_JOB_OPTIONS, dropDatabase, loadConfig, QueueName } from '@schakel/platform';
import { currentTestEnvironment, freePort, PrivateRedis } from '@schakel/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from './outbox-relay.service';

const env = currentTestEnvironment();
// A database of its own: the relay takes every unsent row, and other suites write rows too.
const ownerUrl = env.ownerUrl.replace(/\/([^/]+)$/, '/$1_relay');
const appUrl = env.appUrl.replace(/\/([^/]+)$/, '/$1_relay');

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached in time');
}

describe('outbox relay', () => {
  let owner: DataSource;
  let app: DataSource;
  let redis: PrivateRedis;

  const relayFor = (prefix: string) =>
    new OutboxRelay(app, loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl, REDIS_URL: redis.url, REDIS_PREFIX: prefix, OUTBOX_POLL_INTERVAL_MS: '100', OUTBOX_BATCH_SIZE: '50' }));
  const queueFor = (prefix: string) => new Queue(QueueName.FollowUps, { connection: { host: '127.0.0.1', port: redis.port }, prefix });

  const writeRows = async (n: number): Promise<string[]> => {
    const rows: Array<{ id: string }> = await owner.query(
      `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
       SELECT 'handoff.requested', 'handoff', gen_random_uuid(), jsonb_build_object('n', i) FROM generate_series(1, $1) i RETURNING id`,
      [n],
    );
    return rows.map((r) => r.id);
  };
  const unsent = async () => (await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n as number;

  beforeAll(async () => {
    await cloneDatabase(env.templateUrl, ownerUrl); // migrated by the global set-up (no outbox rows)
    owner = await createDataSource({ url: ownerUrl, entities: [], poolSize: 2 }).initialize();
    app = await createDataSource({ url: appUrl, entities: [], poolSize: 6 }).initialize();
    redis = new PrivateRedis(await freePort());
    await redis.start();
  });
  afterAll(async () => {
    await redis.stop();
    await app.destroy();
    await owner.destroy();
    await dropDatabase(ownerUrl);
  });

  it('keeps rows while Redis is down and delivers each exactly once when it returns', async () => {
    const prefix = `relay-down-${Date.now()}`;
    await redis.stop();
    const relay = relayFor(prefix);
    await relay.onApplicationBootstrap();
    try {
      const ids = await writeRows(120);
      // A drain after the rows were written (the timer's run the same): Redis refuses, nothing is relayed.
      expect(await relay.drain()).toBe(0);
      expect(await unsent()).toBe(120);

      await redis.start();
      await until(async () => (await unsent()) === 0);
      const queue = queueFor(prefix);
      try {
        const jobs = await queue.getJobs(['wait', 'delayed', 'prioritized'], 0, 1000);
        expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
        expect(new Set(jobs.map((j) => j.id)).size).toBe(120);
        expect(jobs[0].data).toMatchObject({ topic: 'handoff.requested', aggregateType: 'handoff' });
        // Relayed events are retried like every job (their outbox rows are already marked sent).
        expect(jobs[0].opts).toMatchObject({ attempts: DEFAULT_JOB_OPTIONS.attempts, backoff: DEFAULT_JOB_OPTIONS.backoff });
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    } finally {
      await relay.onApplicationShutdown();
    }
  });

  it('runs as two relays at once without relaying a row twice', async () => {
    const prefix = `relay-pair-${Date.now()}`;
    const [a, b] = [relayFor(prefix), relayFor(prefix)];
    await Promise.all([a.onApplicationBootstrap(), b.onApplicationBootstrap()]);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(...(await writeRows(60)));
      await until(async () => (await unsent()) === 0);
      // Each row was claimed by exactly one relay (FOR UPDATE SKIP LOCKED).
      expect(a.lags.length + b.lags.length).toBe(600);
      expect(a.lags.length).toBeGreaterThan(0);
      const queue = queueFor(prefix);
      try {
        expect(await queue.getJobCountByTypes('wait', 'prioritized')).toBe(600);
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    } finally {
      await Promise.all([a.onApplicationShutdown(), b.onApplicationShutdown()]);
    }
  });

  it('keeps one listener connection however often the database drops it, and is still woken by NOTIFY', async () => {
    const prefix = `relay-relisten-${Date.now()}`;
    // Polling far away: only a working LISTEN relays the last row in time.
    const relay = new OutboxRelay(app, loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl, REDIS_URL: redis.url, REDIS_PREFIX: prefix, OUTBOX_POLL_INTERVAL_MS: '60000' }));
    const listeners = async (): Promise<number> =>
      (await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'schakel-outbox-listener' AND datname = current_database()`))[0].n;
    const listening = async (): Promise<number> =>
      (await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND datname = current_database()`))[0].n;
    await relay.onApplicationBootstrap();
    try {
      for (let round = 0; round < 4; round++) {
        await until(async () => relay.listening && (await listening()) >= 1, 30_000);
        await owner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND datname = current_database()`);
        await until(async () => !relay.listening, 30_000);
      }
      await until(async () => relay.listening && (await listening()) >= 1, 30_000);
      // Past every pending reconnect (2 s after a loss, 5 s after a failed connect): nothing more comes.
      await new Promise((r) => setTimeout(r, 7000));
      expect(await listeners()).toBe(1);
      expect(await listening()).toBe(1);

      await writeRows(1);
      await until(async () => (await unsent()) === 0, 30_000);
    } finally {
      await relay.onApplicationShutdown();
      const queue = queueFor(prefix);
      await queue.obliterate({ force: true });
      await queue.close();
    }
    expect(await listeners()).toBe(0);
  });

  it('is woken by NOTIFY well before the polling interval', async () => {
    const prefix = `relay-notify-${Date.now()}`;
    const relay = new OutboxRelay(app, loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl, REDIS_URL: redis.url, REDIS_PREFIX: prefix, OUTBOX_POLL_INTERVAL_MS: '60000' }));
    await relay.onApplicationBootstrap();
    try {
      await until(async () => relay.listening && (await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND datname = current_database()`))[0].n >= 1);
      const started = Date.now();
      await writeRows(1);
      await until(async () => (await unsent()) === 0, 5000);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await relay.onApplicationShutdown();
      const queue = queueFor(prefix);
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
