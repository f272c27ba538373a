/**
 * Throughput and lag of the follow-up pipeline (handoff transition → outbox → relay → BullMQ →
 * FollowUpsProcessor done), side by side with bare BullMQ on the same machine (see bench/README.md).
 *
 * 1. bare BullMQ: BENCH_FU_JOBS no-op jobs, added with addBulk and processed by a Worker at the
 *    worker's concurrency; first add-then-process, then add and process at the same time;
 * 2. creates the database schakel_bench_fu, builds, migrates, seeds, and preloads REQUESTED
 *    handoffs (without outbox rows) for the SQL-driven runs;
 * 3. starts the real worker and the API, then drives the pipeline three ways:
 *    (a) burst: BENCH_FU_EVENTS handoff.requested outbox rows in one INSERT (capacity);
 *    (b) paced: outbox rows inserted every 100 ms at a steady rate (default 70% of (a));
 *    (c) API: createReferral through autocannon, each writing a handoff.requested row;
 * 4. per run: events/s, relay lag (outbox.sent_at − created_at, percentile_cont; and BullMQ's
 *    job.timestamp − created_at), end-to-end lag (job.finishedOn − created_at), CPU per process;
 * 5. writes tmp/bench/follow-ups.json, stops everything, deletes the Redis keys and drops the
 *    database (unless KEEP_BENCH_DB=1).
 *
 * Run it by hand (not part of npm test): `node bench/run.cjs bench/follow-ups.bench.ts`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'tmp', 'bench');
const DB = 'schakel_bench_fu';
const OWNER_URL = process.env.BENCH_DATABASE_OWNER_URL ?? `postgres://postgres@127.0.0.1:5432/${DB}`;
const APP_URL = process.env.BENCH_DATABASE_URL ?? `postgres://schakel_app:schakel_app@127.0.0.1:5432/${DB}`;
const ADMIN_URL = OWNER_URL.replace(/\/[^/]+$/, '/postgres');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every Redis key of this benchmark starts with this; the cleanup deletes `${KEY_ROOT}*`. */
const KEY_ROOT = 'schakel-bench-fu';
const PIPELINE_PREFIX = `${KEY_ROOT}-pipeline`;
const BARE_PREFIX = `${KEY_ROOT}-bare`;
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const WORKER_HEALTH_PORT = Number(process.env.BENCH_WORKER_HEALTH_PORT ?? 3199);
const BASE = `http://127.0.0.1:${PORT}`;
const JOBS = Number(process.env.BENCH_FU_JOBS ?? 20_000);
const EVENTS = Number(process.env.BENCH_FU_EVENTS ?? 5_000);
const PACED_SECONDS = Number(process.env.BENCH_FU_PACED_SECONDS ?? 20);
const PACED_POOL = Number(process.env.BENCH_FU_PACED_POOL ?? 12_000);
const FIXED_RATE = process.env.BENCH_FU_RATE ? Number(process.env.BENCH_FU_RATE) : undefined;
const CONCURRENCY = Number(process.env.BENCH_FU_CONCURRENCY ?? 20); // WORKER_CONCURRENCY's default
const CHUNK = 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_FU_DRAIN_TIMEOUT ?? 600) * 1000;
const KEEP_DB = process.env.KEEP_BENCH_DB === '1';
const PGBENCH_CLIENTS = Number(process.env.BENCH_FU_PGBENCH_CLIENTS ?? 20); // WORKER_CONCURRENCY's default (the worker's pool is larger since b771c0b)
const PGBENCH_SECONDS = Number(process.env.BENCH_DURATION ?? 20);
const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === '1';
const SKIP_BARE = process.env.BENCH_FU_SKIP_BARE === '1';
// BENCH_REF=<git ref>: benchmark that commit, exported outside the work tree; unset: the work tree.
const REF = process.env.BENCH_REF;
const APP_ROOT = REF ? join(tmpdir(), 'schakel-bench-fu-tree') : ROOT;
const FOLLOW_UPS = 'follow-ups'; // QueueName.FollowUps

const benchEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_OWNER_URL: OWNER_URL,
  DATABASE_URL: APP_URL,
  REDIS_URL,
  REDIS_PREFIX: PIPELINE_PREFIX,
  PORT: String(PORT),
  WORKER_HEALTH_PORT: String(WORKER_HEALTH_PORT),
  LOG_LEVEL: 'warn',
  // Since 34896f0 every actor is limited to RATE_LIMIT_PER_MINUTE (600) requests; the limit
  // answers HTTP 200 with a GraphQL error, which would count as a (fast) success here.
  RATE_LIMIT_PER_MINUTE: '1000000',
};

const CREATE_REFERRAL = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) { id status currentHandoff { id status } }
}`;

const redisUrl = new URL(REDIS_URL);
const connection: ConnectionOptions = {
  host: redisUrl.hostname,
  port: Number(redisUrl.port || 6379),
  ...(redisUrl.password ? { password: decodeURIComponent(redisUrl.password) } : {}),
  db: Number(redisUrl.pathname.slice(1) || 0),
  maxRetriesPerRequest: null,
};

const log = (msg: string) => console.log(`[bench-fu ${new Date().toISOString().slice(11, 19)} load ${loadavg()[0].toFixed(1)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = benchEnv): void {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: APP_ROOT, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

/** Exports BENCH_REF to APP_ROOT (sharing node_modules) and answers the commit benchmarked. */
function prepareTree(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (!REF) return `${git('rev-parse', 'HEAD')} + uncommitted changes in the work tree`;
  const commit = git('rev-parse', '--verify', `${REF}^{commit}`);
  if (!commit) throw new Error(`BENCH_REF ${REF} is not a commit`);
  rmSync(APP_ROOT, { recursive: true, force: true });
  mkdirSync(APP_ROOT, { recursive: true });
  sh('sh', ['-c', `git -C '${ROOT}' archive ${commit} | tar -x -C '${APP_ROOT}'`]);
  symlinkSync(join(ROOT, 'node_modules'), join(APP_ROOT, 'node_modules'));
  return commit;
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(): Promise<void> {
  await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
}

async function cleanRedis(): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${KEY_ROOT}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

/** CPU seconds (user + system) of one process, from /proc/<pid>/stat; 0 when it is gone. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14, 15), USER_HZ 100
  } catch {
    return 0;
  }
}

/** PostgreSQL backends of the bench database (not this connection). */
async function backendPids(c: Client): Promise<number[]> {
  const { rows } = await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  return rows.map((r) => r.pid);
}

/** A realistic handoff.requested event as the relay adds it (ids only). */
function relayedEvent(): Record<string, unknown> {
  const id = randomUUID();
  const [from, to] = [randomUUID(), randomUUID()];
  return {
    outboxId: id,
    topic: 'handoff.requested',
    aggregateType: 'handoff',
    aggregateId: randomUUID(),
    occurredAt: new Date().toISOString(),
    payload: { handoffId: randomUUID(), referralId: randomUUID(), fromOrganisationId: from, toOrganisationId: to, status: 'REQUESTED', version: 1, organisationIds: [from, to], urgency: 'NORMAAL', topic: 'WERK' },
  };
}

interface BareStats {
  mode: string;
  loadBefore: number;
  jobs: number;
  addPerSecond: number;
  processedPerSecond: number;
  seconds: number;
  /** CPU of this process (producer and worker; Redis not counted) per job, ms. */
  cpuMsPerJob: number;
}

/**
 * Bare BullMQ in this process: addBulk in chunks of CHUNK (jobId a fresh UUID, no other options,
 * like the relay's jobs) and a no-op Worker at CONCURRENCY.
 */
async function bare(mode: 'add-then-process' | 'add-and-process'): Promise<BareStats> {
  const name = `bare-${mode}`;
  const queue = new Queue(name, { connection, prefix: BARE_PREFIX });
  await queue.waitUntilReady();
  let done = 0;
  let finish: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const startWorker = () => {
    const worker = new Worker(name, async () => undefined, { connection, prefix: BARE_PREFIX, concurrency: CONCURRENCY });
    worker.on('completed', () => {
      done += 1;
      if (done === JOBS) finish();
    });
    worker.on('error', (error) => log(`bare worker error: ${error.message}`));
    return worker;
  };
  const add = async () => {
    for (let i = 0; i < JOBS; i += CHUNK) {
      const n = Math.min(CHUNK, JOBS - i);
      await queue.addBulk(Array.from({ length: n }, () => ({ name: 'event', data: relayedEvent(), opts: { jobId: randomUUID() } })));
    }
  };
  const loadBefore = loadavg()[0];
  const cpu0 = process.cpuUsage();
  let worker: Worker | undefined;
  let stats: BareStats;
  try {
    if (mode === 'add-then-process') {
      const t0 = performance.now();
      await add();
      const t1 = performance.now();
      worker = startWorker();
      await allDone;
      const t2 = performance.now();
      stats = { mode, loadBefore, jobs: JOBS, addPerSecond: (JOBS / (t1 - t0)) * 1000, processedPerSecond: (JOBS / (t2 - t1)) * 1000, seconds: (t2 - t0) / 1000, cpuMsPerJob: cpuMsPerJob(cpu0) };
    } else {
      worker = startWorker();
      await worker.waitUntilReady();
      const t0 = performance.now();
      await add();
      const t1 = performance.now();
      await allDone;
      const t2 = performance.now();
      stats = { mode, loadBefore, jobs: JOBS, addPerSecond: (JOBS / (t1 - t0)) * 1000, processedPerSecond: (JOBS / (t2 - t0)) * 1000, seconds: (t2 - t0) / 1000, cpuMsPerJob: cpuMsPerJob(cpu0) };
    }
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  log(`bare BullMQ ${mode}: add ${stats.addPerSecond.toFixed(0)} jobs/s, processed ${stats.processedPerSecond.toFixed(0)} jobs/s (${JOBS} jobs, ${stats.seconds.toFixed(1)} s), CPU ${stats.cpuMsPerJob.toFixed(3)} ms per job`);
  return stats;
}

function cpuMsPerJob(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1000 / JOBS, 4);
}

/** Organisations and the Tilburg front desk, for the preload and the API load. */
interface Ids {
  orgs: Array<{ id: string; slug: string }>;
  tilburg: string;
  uwv: string;
  balie: string;
}

async function lookupIds(c: Client): Promise<Ids> {
  const { rows: orgs } = await c.query<{ id: string; slug: string }>(`SELECT id, slug FROM organisations ORDER BY slug`);
  const bySlug = Object.fromEntries(orgs.map((o) => [o.slug, o.id]));
  const { rows } = await c.query<{ id: string }>(`SELECT id FROM employees WHERE username = 'balie@tilburg.demo'`);
  if (!bySlug.tilburg || !bySlug.uwv || !rows[0]) throw new Error(`demo organisations missing: ${Object.keys(bySlug).join(', ')}`);
  return { orgs, tilburg: bySlug.tilburg, uwv: bySlug.uwv, balie: rows[0].id };
}

/**
 * REQUESTED handoffs from the Tilburg front desk to the five other organisations, requested now,
 * no deadline yet (as createReferral leaves them), with referral, participants and citizen; no
 * outbox rows: those are inserted during the runs. Kept in bench_fu_events (phase, g).
 */
async function preload(c: Client, ids: Ids): Promise<void> {
  const started = Date.now();
  await c.query(`SET session_replication_role = replica`);
  await c.query(`
    CREATE TABLE bench_fu_events AS
    SELECT phase, g, gen_random_uuid() AS rid, gen_random_uuid() AS hid,
           (ARRAY['WERK','INKOMEN','SCHULDEN','TOESLAGEN','BELASTINGEN','ZORG','WONEN','JEUGD','OVERIG'])[1 + g % 9] AS topic,
           (ARRAY['NORMAAL','NORMAAL','NORMAAL','HOOG'])[1 + g % 4] AS urgency,
           o.id AS to_id
      FROM (SELECT 'burst' AS phase, g FROM generate_series(1, $1::int) g
            UNION ALL SELECT 'paced', g FROM generate_series(1, $2::int) g) p
      JOIN LATERAL (SELECT id FROM organisations WHERE id <> $3 ORDER BY slug OFFSET (p.g % 5) LIMIT 1) o ON true`,
  [EVENTS, PACED_POOL, ids.tilburg]);
  await c.query(`CREATE INDEX ON bench_fu_events (phase, g)`);
  await c.query('BEGIN');
  await c.query(`
    INSERT INTO referrals (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, status)
    SELECT rid, $1, $2, topic::referral_topic, 'Bench: verloor haar baan, WW-aanvraag loopt vast.', urgency::referral_urgency, 'OPEN' FROM bench_fu_events`, [ids.tilburg, ids.balie]);
  await c.query(`
    INSERT INTO referral_participants (referral_id, organisation_id)
    SELECT rid, $1::uuid FROM bench_fu_events UNION ALL SELECT rid, to_id FROM bench_fu_events`, [ids.tilburg]);
  await c.query(`
    INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name)
    SELECT rid, 'bench-encrypted-' || phase || g, md5('bsn' || phase || g), md5('pseudo' || phase || g), 'Inwoner ' || g FROM bench_fu_events`);
  await c.query(`
    INSERT INTO handoffs (id, referral_id, sequence, from_organisation_id, from_employee_id, to_organisation_id, status, requested_at)
    SELECT hid, rid, 1, $1, $2, to_id, 'REQUESTED', now() FROM bench_fu_events`, [ids.tilburg, ids.balie]);
  const { rows: reg } = await c.query<{ t: string | null }>(`SELECT to_regclass('referral_ids')::text AS t`);
  if (reg[0].t) await c.query(`INSERT INTO referral_ids (id) SELECT rid FROM bench_fu_events`);
  await c.query('COMMIT');
  await c.query(`SET session_replication_role = origin`);
  // The moment each outbox row's transaction commits (a deferred trigger runs just before the
  // commit), so relay lag can be measured from when the row became visible to the relay, not
  // from created_at (= now(), the start of the writing transaction). Bench database only.
  await c.query(`CREATE TABLE bench_fu_commits (outbox_id uuid PRIMARY KEY, committed_at timestamptz NOT NULL)`);
  await c.query(`CREATE FUNCTION bench_fu_commit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
    $$ BEGIN INSERT INTO bench_fu_commits VALUES (NEW.id, clock_timestamp()); RETURN NULL; END $$`);
  await c.query(`CREATE CONSTRAINT TRIGGER bench_fu_commit AFTER INSERT ON outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_fu_commit()`);
  for (const t of ['referrals', 'referral_participants', 'citizens', 'handoffs', 'bench_fu_events']) await c.query(`VACUUM (ANALYZE) ${t}`);
  log(`preloaded ${EVENTS} + ${PACED_POOL} REQUESTED handoffs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Inserts the outbox rows of bench_fu_events rows (phase, g in (from, to]) in one statement. */
async function insertOutbox(c: Client, phase: string, from: number, to: number, tilburg: string): Promise<void> {
  await c.query(
    `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
     SELECT 'handoff.requested', 'handoff', b.hid,
            jsonb_build_object('handoffId', b.hid, 'referralId', b.rid, 'fromOrganisationId', $4::uuid, 'toOrganisationId', b.to_id,
                               'status', 'REQUESTED', 'version', 1, 'organisationIds', jsonb_build_array($4::uuid, b.to_id),
                               'urgency', b.urgency, 'topic', b.topic)
       FROM bench_fu_events b WHERE b.phase = $1 AND b.g > $2 AND b.g <= $3 ORDER BY b.g`,
    [phase, from, to, tilburg],
  );
}

async function waitReady(child: ChildProcess, url: string, what: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited early (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${what} not ready within 120 s`);
}

async function devToken(username: string): Promise<string> {
  const res = await fetch(`${BASE}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  if (!res.ok) throw new Error(`dev token for ${username}: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface Sampler {
  stop: () => Promise<{ maxWaiting: number; maxUnsent: number; samples: number }>;
}

/**
 * Every 250 ms: BullMQ waiting+active of follow-ups, and unsent outbox rows (keeps the maxima);
 * and the CPU time of every backend of the bench database seen so far (`pgCpu`, last reading per
 * pid: the pools open and close connections during a run).
 */
function sample(queue: Queue, c: Client, pgCpu: Map<number, number>): Sampler {
  let stopped = false;
  let maxWaiting = 0;
  let maxUnsent = 0;
  let samples = 0;
  const loop = (async () => {
    while (!stopped) {
      const counts = await queue.getJobCounts('waiting', 'active');
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
      maxWaiting = Math.max(maxWaiting, (counts.waiting ?? 0) + (counts.active ?? 0));
      maxUnsent = Math.max(maxUnsent, rows[0].n);
      for (const pid of await backendPids(c)) pgCpu.set(pid, cpuOf(pid));
      samples += 1;
      await sleep(250);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { maxWaiting, maxUnsent, samples };
    },
  };
}

/** Waits until every outbox row has become a finished 'event' job (completed or failed). */
async function drain(queue: Queue, c: Client): Promise<{ completed: number; failed: number }> {
  const until = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
    const counts = await queue.getJobCounts('completed', 'failed');
    const completed = counts.completed ?? 0;
    const failed = counts.failed ?? 0;
    if (completed + failed >= rows[0].n) return { completed, failed };
    if (Date.now() > until) throw new Error(`pipeline did not drain within ${DRAIN_TIMEOUT_MS / 1000} s (${completed} + ${failed} of ${rows[0].n})`);
    await sleep(100);
  }
}

interface Processes {
  worker: number;
  api: number;
}

interface PipelineRun {
  label: string;
  loadBefore: number;
  loadAfter: number;
  events: number;
  failed: number;
  /** events / (last finishedOn − first outbox created_at) */
  eventsPerSecond: number;
  /** events / (last finishedOn − first processedOn): the processor alone */
  processedPerSecond: number;
  wallSeconds: number;
  /** outbox.sent_at − created_at (created_at = start of the writing transaction; sent_at = clock_timestamp() after addBulk since b771c0b, before: start of the relay's transaction) */
  relayLagSqlMs: { n: number; p50: number; p95: number; p99: number; max: number };
  /** outbox.sent_at − commit of the writing transaction */
  relayLagFromCommitSqlMs: { n: number; p50: number; p95: number; p99: number; max: number };
  /** BullMQ job.timestamp (after addBulk) − commit */
  commitToQueuedMs: ReturnType<typeof summary>;
  createdToCommitMs: ReturnType<typeof summary>;
  waitInQueueMs: ReturnType<typeof summary>;
  processingMs: ReturnType<typeof summary>;
  endToEndMs: ReturnType<typeof summary>;
  endToEndFromCommitMs: ReturnType<typeof summary>;
  backlog: { maxWaiting: number; maxUnsent: number; samples: number };
  cpu: { worker: number; api: number; postgres: number; wallSeconds: number };
  transactionsPerEvent: number;
  extra?: Record<string, unknown>;
}

/**
 * One pipeline run: `drive` produces outbox rows; then waits for the drain and reads lags from
 * the outbox (SQL) and from the finished jobs (BullMQ timestamps).
 */
async function pipelineRun(label: string, queue: Queue, c: Client, pids: Processes, drive: () => Promise<Record<string, unknown> | void>): Promise<PipelineRun> {
  const before = await queue.getJobCounts('completed', 'failed');
  const { rows: t } = await c.query<{ ts: Date; xact: string }>(`SELECT clock_timestamp() AS ts, (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xact`);
  const fromTs = t[0].ts;
  const pg0 = new Map((await backendPids(c)).map((pid) => [pid, cpuOf(pid)]));
  const cpu0 = { worker: cpuOf(pids.worker), api: cpuOf(pids.api) };
  const wall0 = performance.now();
  const loadBefore = loadavg()[0];
  const pgCpu = new Map(pg0);
  const sampler = sample(queue, c, pgCpu);
  const extra = (await drive()) ?? undefined;
  const counts = await drain(queue, c);
  const backlog = await sampler.stop();
  const wallSeconds = (performance.now() - wall0) / 1000;
  // Backends opened during the run count from 0; a backend that closed keeps its last reading.
  for (const pid of await backendPids(c)) pgCpu.set(pid, cpuOf(pid));
  const cpu = {
    worker: round(cpuOf(pids.worker) - cpu0.worker, 2),
    api: round(cpuOf(pids.api) - cpu0.api, 2),
    postgres: round([...pgCpu.entries()].reduce((s, [pid, x]) => s + x - (pg0.get(pid) ?? 0), 0), 2),
    wallSeconds: round(wallSeconds, 2),
  };
  await sleep(1500); // let the backends flush their statistics
  const { rows: t1 } = await c.query<{ ts: Date; xact: string }>(`SELECT clock_timestamp() AS ts, (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xact`);
  const lagSql = async (start: string) => {
    const { rows } = await c.query<{ n: number; p: number[]; max: number }>(
      `SELECT count(*)::int AS n,
              percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM o.sent_at - ${start}) * 1000) AS p,
              max(extract(epoch FROM o.sent_at - ${start}) * 1000)::float8 AS max
         FROM outbox o JOIN bench_fu_commits k ON k.outbox_id = o.id
        WHERE o.created_at >= $1 AND o.created_at < $2 AND o.sent_at IS NOT NULL`,
      [fromTs, t1[0].ts],
    );
    const r = rows[0];
    return { n: r.n, p50: round(r.p?.[0] ?? NaN), p95: round(r.p?.[1] ?? NaN), p99: round(r.p?.[2] ?? NaN), max: round(r.max) };
  };
  const { rows: commits } = await c.query<{ id: string; ms: number }>(
    `SELECT k.outbox_id AS id, (extract(epoch FROM k.committed_at) * 1000)::float8 AS ms FROM bench_fu_commits k JOIN outbox o ON o.id = k.outbox_id WHERE o.created_at >= $1`,
    [fromTs],
  );
  const committedAt = new Map(commits.map((r) => [r.id, r.ms]));
  const events = (counts.completed ?? 0) - (before.completed ?? 0);
  const failed = (counts.failed ?? 0) - (before.failed ?? 0);
  // The finished jobs of this run are the newest `events` in the completed set.
  const jobs = events > 0 ? await queue.getJobs(['completed'], 0, events - 1, false) : [];
  const from = fromTs.getTime();
  const mine = jobs.filter((j) => j.name === 'event' && Date.parse((j.data as { occurredAt: string }).occurredAt) >= from - 5);
  const created = mine.map((j) => Date.parse((j.data as { occurredAt: string }).occurredAt));
  const committed = mine.map((j) => committedAt.get((j.data as { outboxId: string }).outboxId) ?? NaN);
  const firstCreated = Math.min(...created);
  const firstProcessed = Math.min(...mine.map((j) => j.processedOn ?? Infinity));
  const lastFinished = Math.max(...mine.map((j) => j.finishedOn ?? 0));
  const run: PipelineRun = {
    label,
    loadBefore,
    loadAfter: loadavg()[0],
    events,
    failed,
    eventsPerSecond: round((mine.length / (lastFinished - firstCreated)) * 1000),
    processedPerSecond: round((mine.length / (lastFinished - firstProcessed)) * 1000),
    wallSeconds: round(wallSeconds, 2),
    relayLagSqlMs: await lagSql('o.created_at'),
    relayLagFromCommitSqlMs: await lagSql('k.committed_at'),
    commitToQueuedMs: summary(mine.map((j, i) => j.timestamp - committed[i])),
    createdToCommitMs: summary(mine.map((_j, i) => committed[i] - created[i])),
    waitInQueueMs: summary(mine.map((j) => (j.processedOn ?? NaN) - j.timestamp)),
    processingMs: summary(mine.map((j) => (j.finishedOn ?? NaN) - (j.processedOn ?? NaN))),
    endToEndMs: summary(mine.map((j, i) => (j.finishedOn ?? NaN) - created[i])),
    endToEndFromCommitMs: summary(mine.map((j, i) => (j.finishedOn ?? NaN) - committed[i])),
    backlog,
    cpu,
    transactionsPerEvent: round((Number(t1[0].xact) - Number(t[0].xact)) / Math.max(1, events), 2),
    ...(extra ? { extra } : {}),
  };
  if (mine.length !== events) log(`warning: ${label}: ${mine.length} of ${events} finished jobs matched the run's window`);
  log(
    `${label}: ${events} events (${failed} failed), ${run.eventsPerSecond} events/s end to end, processor ${run.processedPerSecond}/s; ` +
      `relay lag p50/p95/p99 ${run.relayLagSqlMs.p50}/${run.relayLagSqlMs.p95}/${run.relayLagSqlMs.p99} ms ` +
      `(from commit ${run.relayLagFromCommitSqlMs.p50}/${run.relayLagFromCommitSqlMs.p95}/${run.relayLagFromCommitSqlMs.p99}); ` +
      `end-to-end p50/p99 ${run.endToEndMs.p50}/${run.endToEndMs.p99} ms; CPU s worker ${cpu.worker} api ${cpu.api} pg ${cpu.postgres} of ${cpu.wallSeconds} s`,
  );
  return run;
}

/**
 * The SQL one handoff.requested event cost the processor one event at a time, before batching
 * (DeadlinesService.onRequested → load, normFor (cached, no SQL), UPDATE accept_due_at; the
 * webhook fan-out → one INSERT … SELECT per organisation in the chain), each a runInTenant
 * transaction; kept as the per-event reference (the batches share a transaction since 69a960d). On
 * handoffs of the paced pool the paced run did not reach. Run with PGBENCH_CLIENTS clients (the
 * worker's concurrency; since b771c0b its pool is at least that large).
 */
function processorScript(tilburg: string): string {
  const tx = (sql: string, org = ':to_id') => [`START TRANSACTION;`, `SELECT set_config('app.organisation_id', ${org}, true);`, sql, `COMMIT;`];
  return [
    `\\set g random(${Math.floor(PACED_POOL / 2) + 1}, ${PACED_POOL})`,
    `SELECT hid, to_id FROM bench_fu_events WHERE phase = 'paced' AND g = :g \\gset`,
    ...tx(
      `SELECT h.id, h.referral_id AS "referralId", h.status, h.from_organisation_id AS "fromOrganisationId", h.from_employee_id AS "fromEmployeeId", h.to_organisation_id AS "toOrganisationId", h.assignee_id AS "assigneeId", h.requested_at AS "requestedAt", h.accepted_at AS "acceptedAt", h.accept_due_at AS "acceptDueAt", h.contact_due_at AS "contactDueAt", h.escalation_level AS "escalationLevel", r.topic, r.urgency FROM handoffs h JOIN referrals r ON r.id = h.referral_id WHERE h.id = :hid;`,
    ),
    // normFor: since b771c0b TableResponseNorms caches the norm for 30 s per (receiver, topic,
    // urgency), so under load it sends no SQL; its transaction is left out.
    ...tx(`UPDATE handoffs SET accept_due_at = now() + interval '5 days' WHERE id = :hid AND accept_due_at IS NULL;`),
    ...[`'${tilburg}'`, ':to_id'].flatMap((org) =>
      tx(
        `INSERT INTO webhook_deliveries (subscription_id, organisation_id, event_id, kanaal, body) SELECT s.id, s.organisation_id, gen_random_uuid(), 'handoffs', '{}' FROM webhook_subscriptions s WHERE s.organisation_id = ${org} AND s.active AND 'handoffs' = ANY(s.channels) ON CONFLICT (subscription_id, event_id) DO NOTHING RETURNING id;`,
        org,
      ),
    ),
    '',
  ].join('\n');
}

interface PgbenchStats {
  loadBefore: number;
  clients: number;
  tps: number;
  avgMs: number;
  failed: number;
}

function pgbench(name: string, script: string, clients: number, seconds: number): PgbenchStats | undefined {
  const bin = process.env.PGBENCH ?? 'pgbench';
  const file = join(OUT, `${name}.sql`);
  writeFileSync(file, script);
  const url = new URL(APP_URL);
  const args = ['-n', '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), '-c', String(clients), '-j', String(Math.min(2, clients)), '-T', String(seconds), '-M', 'extended', '-f', file, DB];
  const loadBefore = loadavg()[0];
  log(`$ ${bin} ${args.join(' ')}`);
  const r = spawnSync(bin, args, { cwd: OUT, env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) }, encoding: 'utf8' });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.error || r.status !== 0) {
    log(`pgbench ${name} failed or missing (skipped): ${r.error?.message ?? out}`);
    return undefined;
  }
  const stats = {
    loadBefore,
    clients,
    tps: Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]),
    avgMs: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]),
    failed: Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0),
  };
  log(`pgbench ${name}: ${stats.tps} events/s (${clients} clients), avg ${stats.avgMs} ms per event, failed ${stats.failed}`);
  return stats;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    cores: cpus().length,
    loadAtStart: loadavg(),
    settings: { jobs: JOBS, events: EVENTS, pacedSeconds: PACED_SECONDS, concurrency: CONCURRENCY, connections: CONNECTIONS, duration: DURATION },
  };
  let worker: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  let owner: Client | undefined;
  let queue: Queue | undefined;
  const stop = async (child: ChildProcess | undefined) => {
    // Nest re-raises SIGTERM after its shutdown hooks, so a stopped child has a signalCode, not an exitCode.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  };
  try {
    results.commit = prepareTree();
    log(`benchmarking ${results.commit}`);

    // 1. Bare BullMQ, before anything else of ours runs.
    if (!SKIP_BARE) {
      await cleanRedis();
      results.bare = [await bare('add-then-process'), await bare('add-and-process')];
    }

    // 2. Database.
    await dropDatabase();
    if (!SKIP_BUILD) sh('npm', ['run', 'build']);
    sh(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-migrate.js']);
    sh(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-seed.js']);
    owner = new Client({ connectionString: OWNER_URL, application_name: 'bench-fu' });
    await owner.connect();
    const ids = await lookupIds(owner);
    await preload(owner, ids);
    const { rows: outboxBefore } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
    if (outboxBefore[0].n > 0) log(`note: ${outboxBefore[0].n} outbox rows from the seed`);

    // 3. Worker and API.
    // BENCH_FU_PROF=1: V8 tick profile of the worker (written as it goes), for `node --prof-process`.
    const prof = process.env.BENCH_FU_PROF === '1' ? ['--prof', '--no-logfile-per-isolate', `--logfile=${join(OUT, 'worker-v8.log')}`] : [];
    worker = spawn(process.execPath, [...prof, '-r', './scripts/runtime-paths.cjs', 'dist/apps/worker/src/main.js'], { cwd: APP_ROOT, env: benchEnv, stdio: 'inherit' });
    await waitReady(worker, `http://127.0.0.1:${WORKER_HEALTH_PORT}/health/ready`, 'worker');
    api = spawn(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/apps/api/src/main.js'], { cwd: APP_ROOT, env: benchEnv, stdio: 'inherit' });
    await waitReady(api, `${BASE}/health/ready`, 'API');
    log(`worker (pid ${worker.pid}) and API (pid ${api.pid}) ready`);
    const pids: Processes = { worker: worker.pid ?? 0, api: api.pid ?? 0 };
    queue = new Queue(FOLLOW_UPS, { connection, prefix: PIPELINE_PREFIX });
    await queue.waitUntilReady();

    const token = await devToken('balie@tilburg.demo');
    const createBody = JSON.stringify({
      query: CREATE_REFERRAL,
      variables: {
        input: {
          citizen: { bsn: '111222333', name: 'Fatima de Vries' },
          toOrganisationId: ids.uwv,
          topic: 'WERK',
          summary: 'Bench: verloor haar baan, WW-aanvraag loopt vast; schulden lopen op.',
          consent: { given: true, method: 'MONDELING' },
        },
      },
    });
    // Sanity: one referral goes all the way through, and its deadline gets set.
    const sanity = (await (await fetch(`${BASE}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: createBody })).json()) as {
      data?: { createReferral: { currentHandoff: { id: string } } };
      errors?: unknown;
    };
    if (!sanity.data) throw new Error(`createReferral failed: ${JSON.stringify(sanity.errors)}`);
    await drain(queue, owner);
    const handoffId = sanity.data.createReferral.currentHandoff.id;
    const { rows: due } = await owner.query<{ accept_due_at: Date | null }>(`SELECT accept_due_at FROM handoffs WHERE id = $1`, [handoffId]);
    const [sample0] = await queue.getJobs(['completed'], 0, 0, false);
    const delayed = await queue.getJobCounts('delayed');
    log(`sanity: handoff ${handoffId} accept_due_at ${due[0]?.accept_due_at?.toISOString()}; ${delayed.delayed} delayed deadline job(s); relayed job opts ${JSON.stringify(sample0?.opts)}; return ${JSON.stringify(sample0?.returnvalue)}`);
    results.sanity = { acceptDueAt: due[0]?.accept_due_at, delayedJobs: delayed.delayed, relayedJobOpts: sample0?.opts, returnvalue: sample0?.returnvalue };
    if (!due[0]?.accept_due_at) throw new Error('the processor did not set accept_due_at');
    const c = owner;

    // 4a. Burst of SQL-inserted outbox rows.
    const burst = await pipelineRun('SQL burst', queue, c, pids, async () => {
      await insertOutbox(c, 'burst', 0, EVENTS, ids.tilburg);
    });

    // Bare BullMQ once more, right after the burst (worker and API idle): the machine is shared,
    // and its load can change within a minute; the ratio is given against both.
    const bareAfter = SKIP_BARE ? undefined : await bare('add-and-process');

    // 4b. Paced SQL-inserted outbox rows, every 100 ms.
    const rate = Math.min(FIXED_RATE ?? Math.max(10, Math.round(burst.eventsPerSecond * 0.7)), Math.floor(PACED_POOL / PACED_SECONDS));
    log(`paced run at ${rate} events/s for ${PACED_SECONDS} s`);
    const paced = await pipelineRun(`SQL paced ${rate}/s`, queue, c, pids, async () => {
      const start = performance.now();
      let inserted = 0;
      const total = rate * PACED_SECONDS;
      while (inserted < total) {
        const target = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + Math.ceil(rate / 10));
        if (target > inserted) {
          await insertOutbox(c, 'paced', inserted, target, ids.tilburg);
          inserted = target;
        }
        await sleep(100);
      }
      return { rate, inserted, insertSeconds: round((performance.now() - start) / 1000, 2) };
    });

    // 4c. createReferral through the API, each writing a handoff.requested outbox row.
    const viaApi = await pipelineRun(`API createReferral ×${CONNECTIONS}`, queue, c, pids, async () => {
      let ok = 0;
      let bad = 0;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: `${BASE}/graphql`, method: 'POST', connections: CONNECTIONS, duration: DURATION, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: createBody, verifyBody: (text) => !String(text).includes('"errors"') } as autocannon.Options,
          (error, res) => (error ? reject(error) : resolve(res)),
        );
        instance.on('response', (_client, statusCode) => (statusCode === 200 ? (ok += 1) : (bad += 1)));
      });
      const apiStats = { requests: ok + bad, errors: bad + result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0), rps: round((ok + bad) / DURATION), latencyP50: result.latency.p50, latencyP99: result.latency.p99 };
      log(`API: ${apiStats.rps} createReferral/s, p50 ${apiStats.latencyP50} ms, p99 ${apiStats.latencyP99} ms, errors ${apiStats.errors}`);
      return apiStats;
    });
    results.pipeline = { burst, paced, viaApi };

    // 5. The processor's SQL alone, with the worker and the API stopped.
    await stop(api);
    await stop(worker);
    await owner.query(`GRANT SELECT ON bench_fu_events TO schakel_app`).catch(() => owner?.query(`GRANT SELECT ON bench_fu_events TO PUBLIC`));
    results.pgbench = {
      processorSql: pgbench('follow-ups-processor', processorScript(ids.tilburg), PGBENCH_CLIENTS, PGBENCH_SECONDS),
      processorSql1: pgbench('follow-ups-processor-1-client', processorScript(ids.tilburg), 1, Math.ceil(PGBENCH_SECONDS / 2)),
    };

    const bareRuns = (results.bare as BareStats[] | undefined) ?? [];
    if (bareAfter) results.bareAfterBurst = bareAfter;
    const bareBefore = bareRuns.find((b) => b.mode === 'add-and-process');
    const bareRate = bareBefore?.processedPerSecond;
    const bareProcessRate = bareRuns.find((b) => b.mode === 'add-then-process')?.processedPerSecond;
    // CPU per event of the pipeline's own processes (worker, API, PostgreSQL backends; Redis in neither figure).
    const burstCpuMsPerEvent = ((burst.cpu.worker + burst.cpu.api + burst.cpu.postgres) * 1000) / Math.max(1, burst.events);
    results.ratios = bareRate
      ? {
          burstVsBareAddAndProcess: round(burst.eventsPerSecond / bareRate, 3),
          burstVsBareAfterBurst: bareAfter ? round(burst.eventsPerSecond / bareAfter.processedPerSecond, 3) : undefined,
          burstProcessorVsBareProcessOnly: bareProcessRate ? round(burst.processedPerSecond / bareProcessRate, 3) : undefined,
          burstCpuMsPerEvent: round(burstCpuMsPerEvent, 3),
          bareCpuMsPerJob: bareBefore?.cpuMsPerJob,
          // Less sensitive to the machine's load than the rates: bare CPU per job / pipeline CPU per event.
          cpuPerJobBareVsPipeline: bareBefore ? round(bareBefore.cpuMsPerJob / burstCpuMsPerEvent, 3) : undefined,
        }
      : undefined;
    results.aims = {
      halfOfBare: bareRate ? burst.eventsPerSecond >= bareRate / 2 : undefined,
      relayLagP99Below1s: Object.fromEntries(
        [burst, paced, viaApi].map((r) => [r.label, { fromCreatedAt: r.relayLagSqlMs.p99 < 1000, fromCommit: r.relayLagFromCommitSqlMs.p99 < 1000 }]),
      ),
    };
    results.loadAtEnd = loadavg();
    writeFileSync(join(OUT, 'follow-ups.json'), JSON.stringify(results, null, 2));
    log(`results written to ${join(OUT, 'follow-ups.json')}`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await queue?.close().catch(() => undefined);
    await stop(api);
    await stop(worker);
    await owner?.end().catch(() => undefined);
    log(`removed ${await cleanRedis().catch(() => 0)} Redis keys with prefix ${KEY_ROOT}`);
    if (REF) rmSync(APP_ROOT, { recursive: true, force: true });
    if (!KEEP_DB) {
      await dropDatabase().catch((error: unknown) => log(`could not drop ${DB}: ${String(error)}`));
      log(`dropped database ${DB}`);
    } else {
      log(`kept database ${DB} (KEEP_BENCH_DB=1)`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
