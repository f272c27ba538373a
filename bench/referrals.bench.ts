/**
 * Load test of createReferral and the 50-row INCOMING handoffs page (see bench/README.md).
 *
 * 1. creates the database schakel_bench, builds, migrates and seeds it;
 * 2. bulk-loads BENCH_HANDOFFS (default 1,000,000) handoffs with plain SQL as the owner;
 * 3. starts the API on port 3100 and drives it with autocannon (16 connections);
 * 4. runs the same SQL statements with pgbench as the app role, side by side;
 * 5. prints a summary, writes tmp/bench/results.json and drops the database (unless KEEP_BENCH_DB=1).
 *
 * Run it by hand (not part of npm test): `node bench/run.cjs`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'tmp', 'bench');
// BENCH_DB: another name, so that two people's runs on one machine do not drop each other's.
const DB = process.env.BENCH_DB ?? 'schakel_bench';
const OWNER_URL = process.env.BENCH_DATABASE_OWNER_URL ?? `postgres://postgres@127.0.0.1:5432/${DB}`;
const APP_URL = process.env.BENCH_DATABASE_URL ?? `postgres://schakel_app:schakel_app@127.0.0.1:5432/${DB}`;
const ADMIN_URL = OWNER_URL.replace(/\/[^/]+$/, '/postgres');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = DB.replace(/_/g, '-');
const PORT = Number(process.env.BENCH_PORT ?? 3100);
const BASE = `http://127.0.0.1:${PORT}`;
const HANDOFFS = Number(process.env.BENCH_HANDOFFS ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
// BENCH_SERVE=1: load (or reuse), start the API and wait (Ctrl-C) so that another load generator,
// e.g. the peer's bench.mjs, can be pointed at it; the database is kept.
const SERVE = process.env.BENCH_SERVE === '1';
// BENCH_KEEP=1: keep the database, and reuse a kept one that already holds BENCH_HANDOFFS
// handoffs (migrations still run; seed and bulk load are skipped).
const REUSE = process.env.BENCH_KEEP === '1';
const KEEP_DB = process.env.KEEP_BENCH_DB === '1' || SERVE || REUSE;
// Extra node flags for the API process, e.g. `--cpu-prof --cpu-prof-dir=tmp/bench/prof`.
const API_NODE_ARGS = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === '1';
// BENCH_REF=<git ref>: benchmark that commit, exported outside the work tree (so others' edits in
// progress do not end up in the build); unset: the work tree as it is.
const REF = process.env.BENCH_REF;
const APP_ROOT = REF ? join(tmpdir(), 'schakel-bench-tree') : ROOT;

const benchEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_OWNER_URL: OWNER_URL,
  DATABASE_URL: APP_URL,
  REDIS_URL,
  REDIS_PREFIX,
  PORT: String(PORT),
  LOG_LEVEL: 'warn',
  // Since 34896f0 every actor is limited to RATE_LIMIT_PER_MINUTE (600) requests; the limit
  // answers HTTP 200 with a GraphQL error, which would count as a (fast) success here.
  RATE_LIMIT_PER_MINUTE: '1000000',
};

// Copies of the column lists in libs/referrals/src/records.ts (keep in sync).
const REFERRAL_COLUMNS = `r.id, r.origin_organisation_id AS "originOrganisationId", r.origin_employee_id AS "originEmployeeId",
  r.topic, r.summary, r.urgency, r.status, r.request_hash AS "requestHash", r.created_at AS "createdAt",
  r.updated_at AS "updatedAt", r.closed_at AS "closedAt"`;
const HANDOFF_COLUMNS = `h.id, h.referral_id AS "referralId", h.sequence, h.previous_handoff_id AS "previousHandoffId",
  h.from_organisation_id AS "fromOrganisationId", h.from_employee_id AS "fromEmployeeId",
  h.to_organisation_id AS "toOrganisationId", h.assignee_id AS "assigneeId", h.status, h.version, h.reason, h.summary,
  h.outcome, h.outcome_note AS "outcomeNote", h.requested_at AS "requestedAt", h.received_at AS "receivedAt",
  h.accepted_at AS "acceptedAt", h.contacted_at AS "contactedAt", h.completed_at AS "completedAt",
  h.forwarded_at AS "forwardedAt", h.returned_at AS "returnedAt", h.cancelled_at AS "cancelledAt",
  h.accept_due_at AS "acceptDueAt", h.contact_due_at AS "contactDueAt", h.overdue, h.escalation_level AS "escalationLevel",
  h.created_at AS "createdAt", h.updated_at AS "updatedAt"`;

const CREATE_REFERRAL = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) { id status topic currentHandoff { id status to { name } } }
}`;
const INBOX = `{ handoffs(direction: INCOMING, first: 50) {
  edges { node { id status from { name } to { name } } }
  pageInfo { hasNextPage endCursor }
} }`;
// The same page with totalCount selected: since 68cbd9c only this variant runs the count.
const INBOX_COUNTED = `{ handoffs(direction: INCOMING, first: 50) {
  totalCount
  edges { node { id status from { name } to { name } } }
  pageInfo { hasNextPage endCursor }
} }`;

interface Stats {
  loadBefore: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  avg: number;
}
interface PgbenchStats {
  loadBefore: number;
  tps: number;
  avgMs: number;
  p50: number;
  p95: number;
  p99: number;
  transactions: number;
  failed: number;
}

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)} load ${loadavg()[0].toFixed(1)}] ${msg}`);

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = benchEnv): void {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: APP_ROOT, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
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

async function dropDatabase(): Promise<void> {
  await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
}

async function bulkLoad(): Promise<Record<string, number>> {
  return withClient(OWNER_URL, async (c) => {
    const started = Date.now();
    // The owner is a superuser: RLS does not apply; replica mode skips the FK triggers of this
    // known-consistent data (the data is generated below to satisfy every constraint).
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`
      CREATE TEMP TABLE bench_orgs AS
      SELECT (row_number() OVER (ORDER BY o.slug) - 1)::int AS n, o.id,
             (SELECT e.id FROM employees e WHERE e.organisation_id = o.id AND e.username LIKE 'balie@%') AS employee_id
        FROM organisations o`);
    const { rows: orgs } = await c.query<{ n: number }>(`SELECT n FROM bench_orgs`);
    if (orgs.length !== 6) throw new Error(`expected the six demo organisations, found ${orgs.length}`);
    // One referral with one handoff per row; sender f, receiver t = one of the other five.
    await c.query(
      `CREATE TEMP TABLE bench_gen AS
       SELECT g, gen_random_uuid() AS rid, gen_random_uuid() AS hid, g % 6 AS f, (g % 6 + 1 + (g / 6) % 5) % 6 AS t,
              now() - random() * interval '365 days' AS ts
         FROM generate_series(1, $1::int) g`,
      [HANDOFFS],
    );
    await c.query(`BEGIN`);
    await c.query(`
      INSERT INTO referrals (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, status, created_at, updated_at)
      SELECT b.rid, fo.id, fo.employee_id,
             (ARRAY['WERK','INKOMEN','SCHULDEN','TOESLAGEN','BELASTINGEN','ZORG','WONEN','JEUGD','OVERIG'])[1 + b.g % 9]::referral_topic,
             'Bench-verwijzing ' || b.g, 'NORMAAL', 'OPEN', b.ts, b.ts
        FROM bench_gen b JOIN bench_orgs fo ON fo.n = b.f`);
    await c.query(`
      INSERT INTO referral_participants (referral_id, organisation_id, joined_at)
      SELECT b.rid, o.id, b.ts FROM bench_gen b JOIN bench_orgs o ON o.n = b.f
      UNION ALL
      SELECT b.rid, o.id, b.ts FROM bench_gen b JOIN bench_orgs o ON o.n = b.t`);
    await c.query(`
      INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name, created_at)
      SELECT b.rid, 'bench-encrypted-' || b.g, md5('bsn' || b.g), md5('pseudo' || b.g), 'Inwoner ' || b.g, b.ts FROM bench_gen b`);
    await c.query(`
      INSERT INTO handoffs (id, referral_id, sequence, from_organisation_id, from_employee_id, to_organisation_id, status,
                            requested_at, accept_due_at, created_at, updated_at)
      SELECT b.hid, b.rid, 1, fo.id, fo.employee_id, t.id,
             (ARRAY['REQUESTED','RECEIVED','ACCEPTED','IN_PROGRESS'])[1 + b.g % 4]::handoff_status,
             b.ts, b.ts + interval '5 days', b.ts, b.ts
        FROM bench_gen b JOIN bench_orgs fo ON fo.n = b.f JOIN bench_orgs t ON t.n = b.t`);
    // Replica mode also skipped the trigger that registers every referral id (referral_ids,
    // used by the participants_insert policy); register the loaded ids by hand, if the table exists.
    const { rows: reg } = await c.query<{ t: string | null }>(`SELECT to_regclass('referral_ids')::text AS t`);
    if (reg[0].t) await c.query(`INSERT INTO referral_ids (id) SELECT rid FROM bench_gen`);
    await c.query(`COMMIT`);
    await c.query(`SET session_replication_role = origin`);
    log(`bulk load inserted in ${((Date.now() - started) / 1000).toFixed(0)} s; VACUUM ANALYZE …`);
    for (const t of ['referrals', 'referral_participants', 'citizens', 'handoffs', ...(reg[0].t ? ['referral_ids'] : [])]) await c.query(`VACUUM (ANALYZE) ${t}`);
    const { rows } = await c.query<{ t: string; n: string }>(
      `SELECT 'handoffs' AS t, count(*) AS n FROM handoffs UNION ALL SELECT 'referrals', count(*) FROM referrals
       UNION ALL SELECT 'referral_participants', count(*) FROM referral_participants UNION ALL SELECT 'citizens', count(*) FROM citizens`,
    );
    log(`bulk load done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  });
}

/** Handoffs in a kept schakel_bench, or 0 when there is no such database. */
async function existingHandoffs(): Promise<number> {
  const exists = await withClient(ADMIN_URL, async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).rowCount === 1);
  if (!exists) return 0;
  return withClient(OWNER_URL, async (c) => {
    const { rows } = await c.query<{ t: string | null }>(`SELECT to_regclass('handoffs')::text AS t`);
    return rows[0].t ? Number((await c.query(`SELECT count(*) AS n FROM handoffs`)).rows[0].n) : 0;
  });
}

/** Resident set size of a process in MB (Linux /proc; `VmHWM`: its peak so far), or NaN. */
function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  if (!pid) return NaN;
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function waitReady(child: ChildProcess): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited early (${child.exitCode})`);
    try {
      if ((await fetch(`${BASE}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('API not ready within 90 s');
}

async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function devToken(username: string): Promise<string> {
  const res = await fetch(`${BASE}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`dev token for ${username}: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function cannon(title: string, token: string, body: string, duration: number, connections = CONNECTIONS): Promise<Stats> {
  const latencies: number[] = [];
  const loadBefore = loadavg()[0];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${BASE}/graphql`,
        method: 'POST',
        connections,
        duration,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        // A GraphQL error comes with HTTP 200: count it as an error (autocannon's mismatches).
        verifyBody: (text) => !String(text).includes('"errors"'),
      } as autocannon.Options,
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) bad += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  const stats: Stats = {
    loadBefore,
    requests: latencies.length,
    errors: bad + result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
    rps: latencies.length / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    avg: latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length),
  };
  log(`${title}: ${stats.rps.toFixed(1)} req/s, p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms, errors ${stats.errors}`);
  return stats;
}

function pgbench(name: string, script: string, clients = CONNECTIONS, duration = DURATION): PgbenchStats {
  const file = join(OUT, `${name}.sql`);
  writeFileSync(file, script);
  const logPrefix = join(OUT, `${name}-log`);
  const loadBefore = loadavg()[0];
  const url = new URL(APP_URL);
  const bin = process.env.PGBENCH ?? 'pgbench';
  const args = ['-n', '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), '-c', String(clients), '-j', String(Math.min(2, clients)),
    '-T', String(duration), '-M', 'extended', '-l', `--log-prefix=${logPrefix}`, '-f', file, DB];
  log(`$ ${bin} ${args.join(' ')}`);
  const r = spawnSync(bin, args, { cwd: OUT, env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) }, encoding: 'utf8' });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`pgbench ${name} failed:\n${out}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
  const avgMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  // Per-transaction log: client_id transaction_no time(µs) script_no time_epoch time_us
  const latencies: number[] = [];
  for (const f of spawnSync('sh', ['-c', `ls ${logPrefix}.*`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (Number.isFinite(us) && line) latencies.push(us / 1000);
    }
    rmSync(f);
  }
  latencies.sort((a, b) => a - b);
  const stats = { loadBefore, tps, avgMs, transactions, failed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
  log(`pgbench ${name}: ${tps.toFixed(1)} tps, avg ${avgMs} ms, p50 ${stats.p50.toFixed(1)} p95 ${stats.p95.toFixed(1)} p99 ${stats.p99.toFixed(1)} ms, failed ${failed}`);
  return stats;
}

/** The statements of one createReferral transaction (ReferralsService.create), in order. */
function createReferralScript(ids: { tilburg: string; uwv: string; employee: string }, withLookups: boolean): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const payload = JSON.stringify({ handoffId: 'x', referralId: 'x', sequence: 1, status: 'REQUESTED', fromOrganisationId: ids.tilburg, toOrganisationId: ids.uwv, urgency: 'NORMAAL', topic: 'WERK' });
  const lookups = withLookups
    ? [
        // The actor lookup (EmployeeActorResolver → findActiveById) and the receiver lookup
        // (checkReceiverAndConsent → OrganisationsService.findByIds), each outside the transaction.
        `SELECT e.*, o.* FROM employees e INNER JOIN organisations o ON o.id = e.organisation_id WHERE e.id = ${q(ids.employee)} AND e.active AND o.active;`,
        `SELECT o.* FROM organisations o WHERE o.id = ANY(ARRAY[${q(ids.uwv)}]::uuid[]);`,
      ]
    : [];
  return [
    ...lookups,
    `START TRANSACTION;`,
    `SELECT set_config('app.organisation_id', ${q(ids.tilburg)}, true), gen_random_uuid() AS rid, md5(random()::text) AS trace \\gset`,
    `INSERT INTO referral_participants (referral_id, organisation_id) VALUES (:rid, ${q(ids.tilburg)}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO referral_participants (referral_id, organisation_id) VALUES (:rid, ${q(ids.uwv)}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO referrals AS r (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, idempotency_key, request_hash) VALUES (:rid, ${q(ids.tilburg)}, ${q(ids.employee)}, 'WERK', 'Bench: verloor haar baan, WW-aanvraag loopt vast.', 'NORMAAL', NULL, ${q('h'.repeat(64))}) RETURNING ${REFERRAL_COLUMNS.replace(/\n\s*/g, ' ')};`,
    `INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name, phone, email, preferred_channel, do_not_contact) VALUES (:rid, ${q('v1.' + 'e'.repeat(80))}, ${q('b'.repeat(64))}, ${q('p'.repeat(64))}, 'Fatima de Vries', NULL, NULL, NULL, false);`,
    `INSERT INTO handoffs AS h (referral_id, sequence, previous_handoff_id, from_organisation_id, from_employee_id, to_organisation_id, reason, summary) VALUES (:rid, 1, NULL, ${q(ids.tilburg)}, ${q(ids.employee)}, ${q(ids.uwv)}, NULL, NULL) RETURNING ${HANDOFF_COLUMNS.replace(/\n\s*/g, ' ').replace('h.id,', 'h.id AS hid,')} \\gset`,
    `INSERT INTO consents (referral_id, handoff_id, organisation_id, given, method, recorded_by_employee_id, recorded_by_organisation_id) VALUES (:rid, :hid, ${q(ids.uwv)}, true, 'MONDELING', ${q(ids.employee)}, ${q(ids.tilburg)});`,
    `INSERT INTO timeline_events (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note) VALUES (:rid, :hid, 'REQUESTED', ${q(ids.employee)}, ${q(ids.tilburg)}, NULL);`,
    `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload) VALUES ('handoff.requested', 'handoff', :hid, ${q(payload)});`,
    `INSERT INTO processing_log (trace_id, activity, organisation_id, subject_pseudonym, referral_id) SELECT :trace, r.activity, ${q(ids.tilburg)}, r.subject, r.referral FROM unnest(ARRAY['referral.create']::text[], ARRAY[${q('p'.repeat(64))}]::text[], ARRAY[:rid]::uuid[]) AS r(activity, subject, referral);`,
    `INSERT INTO audit_log (trace_id, activity, organisation_id, employee_id) SELECT :trace, a, ${q(ids.tilburg)}, ${q(ids.employee)} FROM unnest(ARRAY['referral.create']::text[]) AS a;`,
    `COMMIT;`,
    '',
  ].join('\n');
}

/** HANDOFF_COUNT_CAP's default: the count stops after this many (HandoffsService.count, c43cf83). */
const COUNT_CAP = 10_000;
/** All eight status codes (handoffs.status_code): what HandoffsService.count sends without a status filter. */
const COUNT_SQL = `SELECT count(*)::int AS count FROM (SELECT 1 FROM handoffs h WHERE h.to_organisation_id = $1 AND h.status_code = ANY('{1,2,3,4,5,6,7,8}'::smallint[]) LIMIT ${COUNT_CAP + 1}) capped`;

/**
 * The statements of the inbox page (HandoffsService.list, INCOMING, first 50). Since 68cbd9c the
 * count (HandoffsService.count) runs only when totalCount is selected, in its own transaction;
 * since c43cf83 it is capped (needs the migration of that commit: benchmark older refs without it).
 */
function inboxScript(uwv: string, withCount = false): string {
  const where = `h.to_organisation_id = '${uwv}'`;
  const tx = (sql: string) => [`START TRANSACTION;`, `SELECT set_config('app.organisation_id', '${uwv}', true);`, sql, `COMMIT;`];
  return [
    ...tx(`SELECT ${HANDOFF_COLUMNS.replace(/\n\s*/g, ' ')} FROM handoffs h WHERE ${where} ORDER BY h.created_at DESC, h.id DESC LIMIT 51;`),
    ...(withCount ? tx(`${COUNT_SQL.replace('$1', `'${uwv}'`)};`) : []),
    '',
  ].join('\n');
}

async function explainInbox(uwv: string): Promise<string> {
  return withClient(APP_URL, async (c) => {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.organisation_id', $1, true)`, [uwv]);
    const plans: string[] = [];
    for (const sql of [
      COUNT_SQL,
      `SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE h.to_organisation_id = $1 ORDER BY h.created_at DESC, h.id DESC LIMIT 51`,
    ]) {
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [uwv]);
      plans.push(`-- ${sql.replace(/\s+/g, ' ').slice(0, 120)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    await c.query('ROLLBACK');
    return plans.join('\n\n');
  });
}

async function cleanRedis(): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  let api: ChildProcess | undefined;
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), cores: cpus().length, connections: CONNECTIONS, durationSeconds: DURATION };
  try {
    results.commit = prepareTree();
    log(`benchmarking ${results.commit}`);
    const kept = REUSE ? await existingHandoffs() : 0;
    if (!SKIP_BUILD) sh('npm', ['run', 'build']);
    if (kept >= HANDOFFS) {
      log(`reusing ${DB} with ${kept} handoffs (BENCH_KEEP=1)`);
      sh(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-migrate.js']);
      results.dataset = { handoffs: kept, reused: 1 };
    } else {
      await dropDatabase();
      sh(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-migrate.js']);
      sh(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-seed.js']);
      log(`bulk-loading ${HANDOFFS} handoffs …`);
      results.dataset = await bulkLoad();
    }

    api = spawn(process.execPath, [...API_NODE_ARGS, '-r', './scripts/runtime-paths.cjs', 'dist/apps/api/src/main.js'], { cwd: APP_ROOT, env: benchEnv, stdio: 'inherit' });
    await waitReady(api);
    log(`API ready (pid ${api.pid}, RSS ${rssMb(api.pid).toFixed(0)} MB)`);
    if (SERVE) {
      log(`serving ${BASE} (RATE_LIMIT_PER_MINUTE=${benchEnv.RATE_LIMIT_PER_MINUTE}); Ctrl-C or SIGTERM to stop`);
      const running = api;
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
        running.once('exit', () => resolve());
      });
      results.apiRssMbAtStop = rssMb(running.pid);
      log(`API RSS at stop: ${(results.apiRssMbAtStop as number).toFixed(0)} MB (peak ${rssMb(running.pid, 'VmHWM').toFixed(0)} MB)`);
      return;
    }
    const tilburgToken = await devToken('balie@tilburg.demo');
    const uwvToken = await devToken('behandelaar@uwv.demo');
    const { organisations } = await graphql<{ organisations: Array<{ id: string; name: string }> }>(tilburgToken, `{ organisations { id name } }`);
    const byName = Object.fromEntries(organisations.map((o) => [o.name, o.id]));
    const ids = {
      tilburg: byName['Gemeente Tilburg'],
      uwv: byName['UWV'],
      employee: (await graphql<{ me: { employee: { id: string } } }>(tilburgToken, `{ me { employee { id } } }`)).me.employee.id,
    };
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
    const inboxBody = JSON.stringify({ query: INBOX });
    // Sanity checks: both operations answer without errors.
    const created = await graphql<{ createReferral: { currentHandoff: { to: { name: string } } } }>(tilburgToken, CREATE_REFERRAL, JSON.parse(createBody).variables);
    const inbox = await graphql<{ handoffs: { edges: unknown[] } }>(uwvToken, INBOX);
    log(`sanity: created → ${created.createReferral.currentHandoff.to.name}; inbox page has ${inbox.handoffs.edges.length} rows`);

    const countReferrals = () => withClient(OWNER_URL, async (c) => Number((await c.query(`SELECT count(*) AS n FROM referrals`)).rows[0].n));
    await cannon('warm-up createReferral', tilburgToken, createBody, WARMUP);
    await cannon('warm-up inbox', uwvToken, inboxBody, WARMUP);
    const before = await countReferrals();
    const apiCreate = await cannon('API createReferral', tilburgToken, createBody, DURATION);
    const createdRows = (await countReferrals()) - before;
    log(`referrals created during the run: ${createdRows} (responses: ${apiCreate.requests})`);
    const apiInbox = await cannon('API inbox page', uwvToken, inboxBody, DURATION);
    const apiInboxCounted = await cannon('API inbox page with totalCount', uwvToken, JSON.stringify({ query: INBOX_COUNTED }), DURATION);
    // One connection: the latency floor of a request when nothing else queues.
    const singleCreate = await cannon('API createReferral, 1 connection', tilburgToken, createBody, Math.ceil(DURATION / 2), 1);
    const singleInbox = await cannon('API inbox page, 1 connection', uwvToken, inboxBody, Math.ceil(DURATION / 2), 1);
    results.api = { createReferral: { ...apiCreate, referralsCreated: createdRows }, inbox: apiInbox, inboxCounted: apiInboxCounted, singleCreate, singleInbox };
    // Issue 10: the API's resident set after all the load runs (aim: under 300 MB).
    results.apiRssMbAfterLoad = rssMb(api.pid);
    results.apiRssPeakMb = rssMb(api.pid, 'VmHWM');
    log(`API RSS after the load runs: ${(results.apiRssMbAfterLoad as number).toFixed(0)} MB (peak ${(results.apiRssPeakMb as number).toFixed(0)} MB)`);

    api.kill('SIGTERM');
    await new Promise((r) => (api?.exitCode !== null ? r(null) : api.once('exit', r)));
    api = undefined;

    results.pgbench = {
      createReferral: pgbench('create-referral', createReferralScript(ids, false)),
      createReferralWithLookups: pgbench('create-referral-with-lookups', createReferralScript(ids, true)),
      inbox: pgbench('inbox', inboxScript(ids.uwv)),
      inboxCounted: pgbench('inbox-with-count', inboxScript(ids.uwv, true)),
      singleCreateReferral: pgbench('create-referral-1-client', createReferralScript(ids, false), 1, Math.ceil(DURATION / 2)),
      singleInbox: pgbench('inbox-1-client', inboxScript(ids.uwv), 1, Math.ceil(DURATION / 2)),
    };
    results.explainInbox = await explainInbox(ids.uwv);
    console.log(results.explainInbox);
    results.handoffsAtEnd = await withClient(OWNER_URL, async (c) => Number((await c.query(`SELECT count(*) AS n FROM handoffs`)).rows[0].n));
    results.uwvIncoming = await withClient(OWNER_URL, async (c) => Number((await c.query(`SELECT count(*) AS n FROM handoffs WHERE to_organisation_id = $1`, [ids.uwv])).rows[0].n));
    const pg = results.pgbench as Record<string, PgbenchStats>;
    results.ratioCreate = apiCreate.rps / pg.createReferral.tps;
    results.ratioInbox = apiInbox.rps / pg.inbox.tps;
    results.ratioInboxCounted = apiInboxCounted.rps / pg.inboxCounted.tps;
    results.aims = {
      createThirdOfPgbench: (results.ratioCreate as number) >= 1 / 3,
      createP99Below50: apiCreate.p99 < 50,
      inboxP95Below15: apiInbox.p95 < 15,
      // Issue 10's aims for the request path.
      inboxQuarterOfPgbench: (results.ratioInbox as number) >= 0.25,
      singleInboxP95Below10: singleInbox.p95 < 10,
      apiRssBelow300Mb: (results.apiRssMbAfterLoad as number) < 300,
    };
    writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
    log(`results written to ${join(OUT, 'results.json')}`);
    console.log(JSON.stringify({ ...results, explainInbox: undefined }, null, 2));
  } finally {
    if (api && api.exitCode === null) api.kill('SIGTERM');
    log(`removed ${await cleanRedis().catch(() => 0)} Redis keys with prefix ${REDIS_PREFIX}`);
    if (REF) rmSync(APP_ROOT, { recursive: true, force: true });
    if (!KEEP_DB) {
      await dropDatabase();
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
