import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, QueueName, redisOptionsFromUrl } from '@schakel/platform';
import { eventually } from '@schakel/testing';
import { QueueEvents } from 'bullmq';
import { createClient } from 'graphql-ws';
import Redis from 'ioredis';
import { Client } from 'pg';
import WebSocket from 'ws';
import { RoundRobinProxy } from '../../scripts/lib/round-robin-proxy';
import { IsolatedEnvironment } from '../support/isolated-environment';
import { ESCALATING_TOPIC, Load, type LoadReport } from './load';
import { type AppKind, AppProcess, UsageSampler } from './replica-processes';

/**
 * Replicas that cooperate (issue 14): 2 API processes behind a readiness-aware round-robin proxy
 * and 2 worker processes, all built apps, on one database and one Redis prefix of their own.
 * The figures of the run (requests/s, restart times, RSS and CPU) are printed and written to
 * tmp/replicas/figures.json; docs/operations.md quotes them.
 */
const RATE_LIMIT = 600;
const HEARTBEAT_EVERY_MS = 15_000;
const FIGURES = join(__dirname, '..', '..', 'tmp', 'replicas', 'figures.json');

jest.setTimeout(240_000);

/** Every table of the public schemas: its row count and an MD5 over its rows in text form, sorted. */
async function tableFingerprints(db: Client): Promise<Array<{ table: string; rows: number; md5: string }>> {
  const { rows: tables } = await db.query(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2`,
  );
  const result: Array<{ table: string; rows: number; md5: string }> = [];
  for (const { schema, table } of tables as Array<{ schema: string; table: string }>) {
    const q = `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${schema}"."${table}" t`;
    const { rows } = await db.query(q);
    result.push({ table: schema === 'public' ? table : `${schema}.${table}`, rows: rows[0].rows, md5: rows[0].md5 });
  }
  return result;
}

describe('replicas: 2 APIs and 2 workers on one database and Redis prefix', () => {
  const env = new IsolatedEnvironment('replicas');
  const processes: AppProcess[] = [];
  const completions = new Map<string, number>();
  const jobFailures = new Set<string>();
  const queueEvents: QueueEvents[] = [];
  const webhookKeys = new Map<string, number>();
  const figures: Record<string, unknown> = {};
  let receiver: Server;
  let proxy: RoundRobinProxy;
  let owner: Client;
  let redis: Redis;
  const tokens: Record<string, string> = {};
  const orgs: Record<string, string> = {};
  const suiteStarted = Date.now();

  /** The suite's settings for every process; the database and prefix named explicitly, so a replacement never falls back to a default. */
  const SETTINGS: Record<string, string> = {
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    OUTBOX_POLL_INTERVAL_MS: '500',
    FOLLOW_UPS_SWEEP_INTERVAL_MS: '5000',
    WEBHOOK_BACKOFF_MS: '200',
    DATABASE_POOL_SIZE: '10',
  };
  const appEnv = (): Record<string, string> => ({
    ...SETTINGS,
    DATABASE_URL: env.appUrl,
    DATABASE_OWNER_URL: env.ownerUrl,
    REDIS_PREFIX: env.redisPrefix,
    LOG_LEVEL: 'warn',
    SHUTDOWN_DRAIN_DELAY_MS: '1000',
    SHUTDOWN_LIMIT_MS: '30000',
  });
  const start = async (name: string, kind: AppKind): Promise<{ app: AppProcess; readyMs: number }> => {
    const app = await AppProcess.start(name, kind, appEnv());
    processes.push(app);
    return { app, readyMs: await app.waitReady() };
  };
  const running = (kind?: AppKind) => processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null && (!kind || p.kind === kind));
  const token = async (username: string): Promise<string> => {
    if (tokens[username]) return tokens[username];
    const res = await fetch(`${proxy.url}/auth/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username }) });
    if (res.status !== 200) throw new Error(`token ${username}: ${res.status}`);
    tokens[username] = ((await res.json()) as { access_token: string }).access_token;
    return tokens[username];
  };
  const gql = async (baseUrl: string, who: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token(who)}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };
  const load = async (options: { concurrency: number; ratePerSecond?: number }) =>
    new Load({
      baseUrl: proxy.url,
      // Enough actors that none passes RATE_LIMIT_PER_MINUTE over the burst and the rolling restart
      // together (the burst is capped for the same reason): a refusal here would be the limit, not a restart.
      referrers: await Promise.all(['balie@tilburg.demo', 'balie@enschede.demo', 'balie@sittard-geleen.demo', 'behandelaar@tilburg.demo', 'behandelaar@enschede.demo'].map(token)),
      readers: await Promise.all(['behandelaar@uwv.demo', 'coordinator@uwv.demo', 'balie@uwv.demo'].map(token)),
      uwvId: orgs.uwv,
      escalateEvery: 10,
      ...options,
    });

  /** Every outbox row processed; every job, webhook and escalation once. */
  const expectExactlyOnce = async (report: LoadReport): Promise<void> => {
    const unprocessed = async () =>
      (
        await owner.query(
          `SELECT topic, sent_at IS NOT NULL AS sent, count(*)::int AS n FROM outbox WHERE processed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
        )
      ).rows;
    await eventually(async () => ((await unprocessed()).length === 0 ? true : undefined), 90_000).catch(() => undefined);
    // On failure: which events are left, and why their jobs failed.
    expect({ unprocessed: await unprocessed(), failedJobs: [...jobFailures].slice(0, 10) }).toEqual({ unprocessed: [], failedJobs: [] });
    const { rows: created } = await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'handoff.requested' AND aggregate_id = ANY($1::uuid[])`, [report.handoffs]);
    expect(created[0].n).toBe(report.handoffs.length);
    // Webhook deliveries: all delivered at the first attempt, and the partner got each event once.
    const deliveries = async () => (await owner.query(`SELECT status, attempts FROM webhook_deliveries`)).rows as Array<{ status: string; attempts: number }>;
    const settled = async () => {
      const rows = await deliveries();
      return { deliveries: rows.length, received: webhookKeys.size, notDelivered: rows.filter((r) => r.status !== 'DELIVERED').length, notAtFirstAttempt: rows.filter((r) => r.attempts !== 1).length };
    };
    await eventually(async () => {
      const now = await settled();
      return now.notDelivered === 0 && now.deliveries === now.received ? true : undefined;
    }, 60_000).catch(() => undefined);
    const final = await settled();
    expect(final).toEqual({ deliveries: final.received, received: final.received, notDelivered: 0, notAtFirstAttempt: 0 });
    expect([...webhookKeys.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // Deadline checks: every short-norm handoff escalated exactly once (one ESCALATED event).
    const escalated = await eventually(async () => {
      const { rows } = await owner.query(
        `SELECT handoff_id, count(*)::int AS n FROM timeline_events WHERE type = 'ESCALATED' AND handoff_id = ANY($1::uuid[]) GROUP BY handoff_id`,
        [report.escalating],
      );
      return rows.length === report.escalating.length ? rows : undefined;
    }, 60_000);
    expect(escalated.filter((r) => r.n !== 1)).toEqual([]);
    // BullMQ: no job completed twice (outbox events, deadline checks, webhook deliveries).
    expect([...completions.entries()].filter(([, n]) => n > 1)).toEqual([]);
    // Notifications: one per recipient and event (the unique constraint would refuse a second;
    // a refused duplicate would have left a failed job, which the check above would show).
    const { rows: notified } = await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE type = 'NEW_HANDOFF'`);
    expect(notified[0].n).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        // The subscription's test ping is no delivery of an event.
        if (!body.includes('"kanaal":"test"')) {
          const key = String(req.headers['idempotency-key'] ?? '');
          webhookKeys.set(key, (webhookKeys.get(key) ?? 0) + 1);
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    await env.setUp(SETTINGS);
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    for (const { slug, id } of (await owner.query(`SELECT slug, id FROM organisations`)).rows) orgs[slug] = id;
    // UWV must pick up ZORG referrals within 3 seconds: those escalate during the run.
    await owner.query(
      `INSERT INTO response_norms (organisation_id, topic, urgency, accept_amount, accept_unit, contact_amount, contact_unit, source)
       VALUES ($1, $2, 'NORMAAL', 3, 'SECONDS', 3, 'WORKING_DAYS', 'TEST')`,
      [orgs.uwv, ESCALATING_TOPIC],
    );
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    for (const name of Object.values(QueueName)) {
      const events = new QueueEvents(name, { connection: redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: env.redisPrefix });
      events.on('completed', ({ jobId }) => completions.set(`${name}:${jobId}`, (completions.get(`${name}:${jobId}`) ?? 0) + 1));
      events.on('failed', ({ jobId, failedReason }) => jobFailures.add(`${name}:${jobId.replace(/[0-9a-f-]{36}/g, '<id>')}: ${failedReason}`));
      await events.waitUntilReady();
      queueEvents.push(events);
    }
    const started = await Promise.all([start('api-1', 'api'), start('api-2', 'api'), start('worker-1', 'worker'), start('worker-2', 'worker')]);
    figures.coldStartMs = Object.fromEntries(started.map((s) => [s.app.name, s.readyMs]));
    proxy = await RoundRobinProxy.start(running('api').map((p) => p.url));
    const sub = await gql(proxy.url, 'beheer@uwv.demo', `mutation ($u: String!) { createWebhookSubscription(input: { callbackUrl: $u, channels: ["handoffs"] }) { secret } }`, {
      u: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    });
    expect(sub.body.errors).toBeUndefined();
  });

  afterAll(async () => {
    mkdirSync(join(FIGURES, '..'), { recursive: true });
    writeFileSync(FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`replica figures: ${JSON.stringify(figures)}\n`);
    for (const p of processes) await p.kill();
    await proxy?.close();
    for (const e of queueEvents) await e.close();
    redis?.disconnect();
    await owner?.end();
    await new Promise((r) => receiver.close(r));
    await env.tearDown();
  });

  it('relays and processes every outbox event exactly once under load through both APIs and both workers', async () => {
    const sampler = new UsageSampler();
    sampler.start(() => running());
    // At most 120 requests/s: each reader then gets at most 300 in the burst, well under the limit of 600 a minute.
    const burst = await load({ concurrency: 8, ratePerSecond: 120 });
    burst.start();
    await new Promise((r) => setTimeout(r, 15_000));
    const report = await burst.stop();
    figures.burst = { ...report, handoffs: report.handoffs.length, escalating: report.escalating.length, failures: report.failures.length, usage: sampler.stop() };
    expect(report.failures).toEqual([]);
    expect(proxy.backends.every((b) => b.requests > 10)).toBe(true);
    await expectExactlyOnce(report);
  });

  it('delivers live events produced on one API to subscribers on the other (graphql-ws through the proxy)', async () => {
    const upgradesBefore = proxy.backends.map((b) => b.upgrades);
    const wsUrl = `${proxy.url.replace('http', 'ws')}/graphql`;
    const clients = [0, 1].map(() =>
      createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${tokens['behandelaar@uwv.demo']}` }, retryAttempts: 0 }),
    );
    const seen: Array<Set<string>> = [new Set(), new Set()];
    await Promise.all(
      clients.map(
        (client, i) =>
          new Promise<void>((resolve, reject) => {
            client.subscribe<{ handoffEvents: { actie: string; handoff: { id: string } } }>(
              { query: `subscription { handoffEvents(direction: INCOMING) { actie handoff { id } } }` },
              { next: (m) => m.data && seen[i].add(m.data.handoffEvents.handoff.id), error: reject, complete: () => undefined },
            );
            // Connect, then give the server a moment to register the subscription.
            setTimeout(resolve, 1000);
          }),
      ),
    );
    // Round robin: one socket on each API.
    expect(proxy.backends.map((b, i) => b.upgrades - upgradesBefore[i])).toEqual([1, 1]);
    // A referral made directly on each API instance; both subscribers see both.
    const made: string[] = [];
    for (const api of running('api')) {
      const res = await gql(api.url, 'balie@tilburg.demo', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`, {
        input: { citizen: { bsn: '123456782', name: 'Live Test' }, toOrganisationId: orgs.uwv, topic: 'WERK', summary: 'Live.', consent: { given: true, method: 'MONDELING' } },
      });
      expect(res.body.errors).toBeUndefined();
      made.push((res.body.data?.createReferral as { currentHandoff: { id: string } }).currentHandoff.id);
    }
    await eventually(async () => (seen.every((s) => made.every((id) => s.has(id))) ? true : undefined), 20_000);
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('holds the per-actor rate limit across both API instances', async () => {
    const before = proxy.backends.map((b) => b.requests);
    const who = 'beleid@enschede.demo';
    await token(who);
    const outcomes: string[] = [];
    const total = RATE_LIMIT + 40;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          next++;
          const res = await gql(proxy.url, who, `{ me { organisation { id } } }`);
          outcomes.push(res.body.errors?.[0]?.extensions?.code ?? (res.status === 200 ? 'OK' : `HTTP ${res.status}`));
        }
      }),
    );
    const ok = outcomes.filter((o) => o === 'OK').length;
    figures.rateLimit = { limit: RATE_LIMIT, sent: outcomes.length, ok, refused: outcomes.filter((o) => o === 'RATE_LIMITED').length };
    expect(ok).toBe(RATE_LIMIT);
    expect(outcomes.filter((o) => o !== 'OK' && o !== 'RATE_LIMITED')).toEqual([]);
    // Both instances answered a share of them.
    expect(proxy.backends.every((b, i) => b.requests - before[i] > total / 4)).toBe(true);
  });

  it('resumes relaying after every worker connection to PostgreSQL was cut (as on a failover)', async () => {
    const { rows: cut } = await owner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ('schakel-worker', 'schakel-outbox-listener') AND pid <> pg_backend_pid()`,
    );
    expect(cut.length).toBeGreaterThan(0);
    const res = await gql(proxy.url, 'balie@tilburg.demo', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`, {
      input: { citizen: { bsn: '123456782', name: 'Failover Test' }, toOrganisationId: orgs.uwv, topic: 'WERK', summary: 'Na de failover.', consent: { given: true, method: 'MONDELING' } },
    });
    expect(res.body.errors).toBeUndefined();
    const id = (res.body.data?.createReferral as { currentHandoff: { id: string } }).currentHandoff.id;
    const started = Date.now();
    await eventually(async () => {
      const { rows } = await owner.query(`SELECT processed_at FROM outbox WHERE aggregate_id = $1 AND topic = 'handoff.requested'`, [id]);
      return rows[0]?.processed_at ? true : undefined;
    }, 30_000);
    // Both workers' LISTEN connections are back.
    const listeners = await eventually(async () => {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'schakel-outbox-listener'`);
      return rows[0].n >= 2 ? rows[0].n : undefined;
    }, 30_000);
    expect(listeners).toBe(2);
    figures.failover = { terminatedConnections: cut.length, processedAfterMs: Date.now() - started };
  });

  it('restarts every API and worker in turn under steady load with zero failed requests, nothing lost or duplicated', async () => {
    const sampler = new UsageSampler();
    sampler.start(() => running());
    // A live subscriber through the proxy the whole time: an API that stops closes its socket
    // with 1001 "Going away", and the client reconnects, through the proxy, to another one.
    const closeCodes: number[] = [];
    const live = new Set<string>();
    const subscriber = createClient({
      url: `${proxy.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${tokens['behandelaar@uwv.demo']}` },
      retryAttempts: 20,
      retryWait: () => new Promise((r) => setTimeout(r, 200)),
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    subscriber.subscribe<{ handoffEvents: { handoff: { id: string } } }>(
      { query: `subscription { handoffEvents(direction: INCOMING) { handoff { id } } }` },
      { next: (m) => m.data && live.add(m.data.handoffEvents.handoff.id), error: () => undefined, complete: () => undefined },
    );
    const steady = await load({ concurrency: 6, ratePerSecond: 30 });
    steady.start();
    await new Promise((r) => setTimeout(r, 3000));
    const restarts: Array<{ replaced: string; by: string; readyMs: number; stopMs: number; exit: string }> = [];
    for (const old of [...running('api'), ...running('worker')]) {
      const { app, readyMs } = await start(`${old.name}'`, old.kind);
      if (app.kind === 'api') {
        proxy.add(app.url);
        await eventually(async () => (proxy.backends.find((b) => b.url === app.url)?.ready ? true : undefined));
      }
      const stopped = await old.terminate();
      if (old.kind === 'api') proxy.remove(old.url);
      restarts.push({ replaced: old.name, by: app.name, readyMs, stopMs: stopped.ms, exit: stopped.exit });
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const report = await steady.stop();
    figures.rollingRestart = { ...report, handoffs: report.handoffs.length, escalating: report.escalating.length, failures: report.failures, restarts, proxy: proxy.stats, liveCloseCodes: closeCodes, usage: sampler.stop() };
    expect(report.failures).toEqual([]);
    expect(proxy.stats.failed).toBe(0);
    // The live socket was closed politely each time its API stopped, and is subscribed again.
    expect(closeCodes.length).toBeGreaterThanOrEqual(1);
    expect(closeCodes.filter((c) => c !== 1001)).toEqual([]);
    const after = await gql(proxy.url, 'balie@tilburg.demo', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`, {
      input: { citizen: { bsn: '123456782', name: 'Na de herstart' }, toOrganisationId: orgs.uwv, topic: 'WERK', summary: 'Live na herstart.', consent: { given: true, method: 'MONDELING' } },
    });
    const afterId = (after.body.data?.createReferral as { currentHandoff: { id: string } }).currentHandoff.id;
    await eventually(async () => (live.has(afterId) ? true : undefined), 20_000);
    await subscriber.dispose();
    // The API exits 0 itself; the worker, after Nest's shutdown hooks, re-raises the SIGTERM.
    expect(restarts.map((r) => r.exit)).toEqual(['exit 0', 'exit 0', 'SIGTERM', 'SIGTERM']);
    await expectExactlyOnce(report);
  });

  it('runs each scheduled job once per period, not once per replica', async () => {
    // The heartbeat schedule (every 15 s) ran the whole suite long on 2 workers, 4 over time.
    const stream = async (queue: string) => (await redis.xrange(`${env.redisPrefix}:${queue}:events`, '-', '+')) as Array<[string, string[]]>;
    const completedIds = (entries: Array<[string, string[]]>, scheduler: string) =>
      entries
        .map(([, fields]) => Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[v, fields[i + 1]]] : []))) as Record<string, string>)
        .filter((e) => e.event === 'completed' && e.jobId?.startsWith(`repeat:${scheduler}:`))
        .map((e) => e.jobId);
    const heartbeats = completedIds(await stream(QueueName.System), 'heartbeat');
    const slots = [...new Set(heartbeats)].map((id) => Number(id.split(':').pop())).sort((a, b) => a - b);
    expect(heartbeats.length).toBe(slots.length);
    const gaps = slots.slice(1).map((s, i) => s - slots[i]);
    expect(gaps.every((g) => g >= HEARTBEAT_EVERY_MS)).toBe(true);
    const elapsed = Date.now() - suiteStarted;
    expect(slots.length).toBeLessThanOrEqual(Math.ceil(elapsed / HEARTBEAT_EVERY_MS) + 1);
    // The report refresh (every 5 minutes, first at once): one run however many workers upserted it.
    const refreshes = completedIds(await stream('reporting'), 'report-refresh');
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes.length).toBeLessThanOrEqual(1 + Math.floor(elapsed / 300_000));
    figures.schedules = { suiteSeconds: Math.round(elapsed / 1000), heartbeats: slots.length, heartbeatGapsMs: [...new Set(gaps)], reportRefreshes: refreshes.length };
  });

  it('restores a backup (pg_dump, pg_restore) with every row of every table unchanged', async () => {
    // A backup is compared with what it was taken from: with no process writing meanwhile (late
    // escalations and their notifications would otherwise land between dump and comparison).
    for (const p of running()) await p.kill();
    const restoredUrl = env.ownerUrl.replace(/\/([^/]+)$/, '/$1_restored');
    const file = join(mkdtempSync(join(tmpdir(), 'schakel-drill-')), 'backup.dump');
    const started = Date.now();
    execFileSync('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${env.ownerUrl}`]);
    const dumped = Date.now();
    await owner.query(`CREATE DATABASE ${new URL(restoredUrl).pathname.slice(1)}`);
    try {
      execFileSync('pg_restore', ['--exit-on-error', `--dbname=${restoredUrl}`, file]);
      const restoredMs = Date.now() - dumped;
      const restored = new Client({ connectionString: restoredUrl });
      await restored.connect();
      try {
        const [before, after] = [await tableFingerprints(owner), await tableFingerprints(restored)];
        expect(after).toEqual(before);
        const rows = before.reduce((n, t) => n + t.rows, 0);
        expect(before.find((t) => t.table === 'handoffs')?.rows).toBeGreaterThan(100);
        figures.backupDrill = { tables: before.length, rows, dumpMs: dumped - started, restoreMs: restoredMs, dumpBytes: statSync(file).size };
      } finally {
        await restored.end();
      }
    } finally {
      await dropDatabase(restoredUrl);
      rmSync(join(file, '..'), { recursive: true, force: true });
    }
  });
});
