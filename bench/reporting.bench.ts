/**
 * The reports (issue 12) on a million handoffs: how long the aggregate refresh takes (first build
 * and an incremental run), and the latency of bottleneckReport and executionReport for a one-year
 * report through the API (target: p95 under 500 ms). Results: docs/performance.md, "Reports".
 *
 *   npm run build && node bench/run.cjs bench/reporting.bench.ts
 *
 * 1. creates schakel_bench_reporting, migrates and seeds it (demo organisations and demo year);
 * 2. bulk-loads BENCH_REPORT_HANDOFFS (default 1,000,000) handoffs over the past year among the six
 *    demo organisations with plain SQL as the owner (about 1 in 12 referrals forwarded once, late
 *    acceptances escalated, 2% with a knelpunt), and a FINAL action list of all six;
 * 3. runs the refresh of every organisation as the app role (row-level security on), timed;
 *    touches 1,000 handoffs and runs it again (the job's incremental run);
 * 4. starts the API from dist/ and asks each report BENCH_REPORT_REQUESTS (default 60) times one
 *    after another, then with BENCH_REPORT_CONCURRENCY (4) clients at once;
 * 5. prints a summary with the load average, writes tmp/bench/reporting.json, drops the database
 *    (KEEP_BENCH_DB=1 keeps it).
 */
import '../scripts/runtime-paths.cjs';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '@schakel/platform';
import { refreshOrganisation } from '@schakel/reporting';

const ROOT = join(__dirname, '..');
const DB = process.env.BENCH_DB ?? 'schakel_bench_reporting';
const OWNER_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const APP_URL = `postgres://schakel_app:schakel_app@127.0.0.1:5432/${DB}`;
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const HANDOFFS = Number(process.env.BENCH_REPORT_HANDOFFS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REPORT_REQUESTS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_REPORT_CONCURRENCY ?? 4);
const PORT = Number(process.env.BENCH_PORT ?? 3110);
const BASE = `http://127.0.0.1:${PORT}`;
// BENCH_REUSE=1: reuse a kept database that holds the handoffs already (migrations still run).
const REUSE = process.env.BENCH_REUSE === '1';
const KEEP = process.env.KEEP_BENCH_DB === '1' || REUSE;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_OWNER_URL: OWNER_URL,
  DATABASE_URL: APP_URL,
  REDIS_PREFIX: DB.replace(/_/g, '-'),
  PORT: String(PORT),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '1000000',
};

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message} (load ${loadavg()[0].toFixed(2)})`);

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** One chunk of referrals with their handoffs, citizens, participants; plain SQL, as the owner. */
const CHUNK_SQL = `
WITH g AS (
  SELECT gen_random_uuid() AS rid, i,
         1 + (i * 7) % 6 AS a,
         now() - interval '365 days' + random() * interval '363 days' AS t0,
         random() AS r_end, random() AS r_delay, random() AS r_contact, random() AS r_outcome,
         (enum_range(NULL::referral_topic))[1 + (i % 9)] AS topic
    FROM generate_series($2::int, $3::int) AS i),
p AS (
  SELECT g.*, 1 + (a + (i / 6) % 5) % 6 AS b, (i % 12 = 0) AS fwd FROM g),
q AS (
  SELECT p.*, 1 + (b + (i / 7) % 5) % 6 AS c,
         t0 + floor(r_delay * r_delay * 7) * interval '1 day' + interval '2 hours' AS acc,
         t0 + floor(r_delay * r_delay * 7) * interval '1 day' + floor(r_contact * 4) * interval '1 day' + interval '5 hours' AS con
    FROM p),
q2 AS (SELECT q.*, CASE WHEN c = b THEN 1 + (b % 6) ELSE c END AS c2 FROM q),
r AS (
  INSERT INTO referrals (id, origin_organisation_id, topic, summary, urgency, status, created_at, updated_at)
  SELECT rid, ($1::uuid[])[a], topic, 'Bench: bulk.', 'NORMAAL', 'OPEN', t0, t0 FROM q2 RETURNING id),
ids AS (INSERT INTO referral_ids (id) SELECT rid FROM q2),
pa AS (
  INSERT INTO referral_participants (referral_id, organisation_id)
  SELECT rid, ($1::uuid[])[a] FROM q2 UNION ALL SELECT rid, ($1::uuid[])[b] FROM q2
  UNION ALL SELECT rid, ($1::uuid[])[c2] FROM q2 WHERE fwd AND c2 <> a),
ci AS (
  INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name)
  SELECT rid, 'v1.x', md5(rid::text), md5(rid::text), 'Bench' FROM q2),
h1 AS (
  INSERT INTO handoffs (id, referral_id, sequence, from_organisation_id, to_organisation_id, status, outcome,
                        requested_at, received_at, accepted_at, contacted_at, completed_at, forwarded_at, returned_at, cancelled_at,
                        accept_due_at, contact_due_at, deadline_source, created_at, updated_at)
  SELECT gen_random_uuid(), rid, 1, ($1::uuid[])[a], ($1::uuid[])[b],
         (CASE WHEN fwd THEN 'FORWARDED' WHEN r_end < 0.04 THEN 'RETURNED' WHEN r_end < 0.06 THEN 'CANCELLED' WHEN r_end < 0.08 THEN 'REQUESTED'
               WHEN r_end < 0.10 THEN 'ACCEPTED' WHEN r_end < 0.13 THEN 'IN_PROGRESS' ELSE 'COMPLETED' END)::handoff_status,
         (CASE WHEN fwd OR r_end < 0.13 THEN NULL WHEN r_outcome < 0.6 THEN 'GEHOLPEN' WHEN r_outcome < 0.85 THEN 'DEELS_GEHOLPEN' ELSE 'NIET_GEHOLPEN' END)::handoff_outcome,
         t0, CASE WHEN fwd OR r_end < 0.06 OR r_end >= 0.08 THEN t0 + interval '1 hour' END,
         CASE WHEN NOT fwd AND r_end >= 0.08 THEN acc END,
         CASE WHEN NOT fwd AND r_end >= 0.10 THEN con END,
         CASE WHEN NOT fwd AND r_end >= 0.13 THEN con + interval '12 days' END,
         CASE WHEN fwd THEN t0 + interval '1 day' END,
         CASE WHEN NOT fwd AND r_end < 0.04 THEN t0 + interval '5 hours' END,
         CASE WHEN NOT fwd AND r_end >= 0.04 AND r_end < 0.06 THEN t0 + interval '2 hours' END,
         t0 + interval '2 days',
         CASE WHEN NOT fwd AND r_end >= 0.08 THEN acc + interval '3 days' END,
         CASE WHEN i % 5 = 0 THEN 'actielijst:bench:v1' ELSE 'DEFAULT' END,
         t0, t0
    FROM q2),
h2 AS (
  INSERT INTO handoffs (id, referral_id, sequence, from_organisation_id, to_organisation_id, status, outcome,
                        requested_at, received_at, accepted_at, contacted_at, completed_at, accept_due_at, contact_due_at, deadline_source, created_at, updated_at)
  SELECT gen_random_uuid(), rid, 2, ($1::uuid[])[b], ($1::uuid[])[c2], 'COMPLETED', 'GEHOLPEN',
         t0 + interval '1 day', t0 + interval '1 day 1 hour', acc + interval '1 day', con + interval '1 day', con + interval '13 days',
         t0 + interval '3 days', acc + interval '4 days', 'DEFAULT', t0 + interval '1 day', t0 + interval '1 day'
    FROM q2 WHERE fwd)
SELECT count(*)::int AS n FROM q2`;

interface Timing {
  name: string;
  requests: number;
  concurrency: number;
  p50: number;
  p95: number;
  max: number;
  load1: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function graphql(token: string, query: string, variables: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

async function devToken(username: string): Promise<string> {
  const res = await fetch(`${BASE}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function measure(name: string, token: string, query: string, variables: Record<string, unknown>, concurrency: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await graphql(token, query, variables); // warm-up
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        next++;
        times.push(await graphql(token, query, variables));
      }
    }),
  );
  times.sort((a, b) => a - b);
  const t: Timing = { name, requests: times.length, concurrency, p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), max: Math.round(times[times.length - 1]), load1: Number(loadavg()[0].toFixed(2)) };
  log(`${name.padEnd(44)} x${concurrency}: p50 ${t.p50} ms, p95 ${t.p95} ms, max ${t.max} ms`);
  return t;
}

const FIG = `received { value } acceptWithinNormShare { value } acceptanceDays { median { value } p90 { value } } firstContactDays { median { value } p90 { value } } escalated { value } forwarded { value } returned { value } chainLength { median { value } }`;
const EXECUTION = `query ($p: ReportPeriodInput!, $s: ReportScope!, $l: ID) { executionReport(period: $p, scope: $s, actionListId: $l) {
  totals { ${FIG} } byMonth { key figures { ${FIG} } } byTopic { key figures { ${FIG} } } byOrganisation { key figures { ${FIG} } } stories { id title } proposals { id status } } }`;
const BOTTLENECKS = `query ($p: ReportPeriodInput!, $g: BottleneckGrouping!, $s: ReportScope!, $l: ID) { bottleneckReport(period: $p, groupBy: $g, scope: $s, actionListId: $l) {
  total { value } maatwerk { value } groups { key count { value } items { id description customSolution } } trend { month count { value } } } }`;

async function main(): Promise<void> {
  const summary: Record<string, unknown> = { handoffs: HANDOFFS, cpus: cpus().length, startLoad: loadavg().map((l) => Number(l.toFixed(2))) };
  const reuse = REUSE && (await withClient(ADMIN_URL, async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).rowCount === 1));
  if (!reuse) await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  log(reuse ? 'reuse the loaded database; migrate' : 'migrate and seed');
  run(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-migrate.js']);
  if (!reuse) run(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-seed.js']);
  let api: ChildProcess | undefined;
  try {
    const orgIds = await withClient(OWNER_URL, async (c) => {
      const slugs = ['tilburg', 'enschede', 'sittard-geleen', 'uwv', 'svb', 'belastingdienst'];
      const rows = (await c.query<{ id: string; slug: string }>(`SELECT id, slug FROM organisations WHERE slug = ANY($1)`, [slugs])).rows;
      const ids = slugs.map((s) => rows.find((r) => r.slug === s)?.id ?? '');
      if (reuse) {
        const [{ id: list }] = (await c.query<{ id: string }>(`SELECT list_id AS id FROM action_list_versions WHERE status = 'FINAL' ORDER BY finalised_at DESC LIMIT 1`)).rows;
        summary.loadedHandoffs = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM handoffs`)).rows[0].n);
        return { ids, list };
      }
      const started = performance.now();
      await c.query(`ALTER TABLE referrals DISABLE TRIGGER USER`);
      const referrals = Math.round(HANDOFFS / (1 + 1 / 12));
      for (let from = 1; from <= referrals; from += 100_000) {
        await c.query(CHUNK_SQL, [ids, from, Math.min(referrals, from + 99_999)]);
        log(`loaded referrals up to ${Math.min(referrals, from + 99_999)}`);
      }
      await c.query(`ALTER TABLE referrals ENABLE TRIGGER USER`);
      await c.query(`INSERT INTO timeline_events (referral_id, handoff_id, type, actor_organisation_id, occurred_at)
                     SELECT referral_id, id, 'ESCALATED', to_organisation_id, accept_due_at + interval '15 minutes' FROM handoffs WHERE accepted_at > accept_due_at`);
      await c.query(`INSERT INTO bottlenecks (referral_id, organisation_id, category, rule, description, custom_solution_applied, custom_solution, created_at)
                     SELECT referral_id, to_organisation_id, (enum_range(NULL::bottleneck_category))[1 + (abs(hashtext(id::text)) % 6)],
                            (ARRAY['Suwinet-Inkijk', 'Awir art. 26', 'Participatiewet art. 18', 'DigiD'])[1 + (abs(hashtext(id::text)) % 4)],
                            'Bench: knelpunt.', abs(hashtext(id::text)) % 2 = 0, CASE WHEN abs(hashtext(id::text)) % 2 = 0 THEN 'Bench: maatwerk.' END, accepted_at
                       FROM handoffs WHERE sequence = 1 AND accepted_at IS NOT NULL AND abs(hashtext(id::text)) % 50 = 0`);
      // A FINAL action list of all six, for the joint report.
      const list = (await c.query<{ id: string }>(`INSERT INTO action_lists (owner_organisation_id) VALUES ($1) RETURNING id`, [ids[0]])).rows[0].id;
      await c.query(`INSERT INTO action_list_parties (list_id, organisation_id) SELECT $1, unnest($2::uuid[])`, [list, ids]);
      const content = { title: 'Bench', description: '', parties: ids.map((id) => ({ organisationId: id, oin: '00000099000000000000', name: id })), items: [], agreements: [] };
      await c.query(`INSERT INTO action_list_versions (list_id, version, status, content, content_hash, opened_at, finalised_at) VALUES ($1, 1, 'FINAL', $2, repeat('a', 64), now(), now())`, [list, JSON.stringify(content)]);
      await c.query(`VACUUM (ANALYZE)`);
      const [{ n }] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM handoffs`)).rows;
      summary.loadedHandoffs = n;
      summary.loadSeconds = Math.round((performance.now() - started) / 1000);
      log(`${n} handoffs loaded in ${summary.loadSeconds} s`);
      return { ids, list };
    });

    // The refresh as the job runs it: per organisation, in its tenant, as the app role.
    const ds = await createDataSource({ url: APP_URL, entities: [], poolSize: 2 }).initialize();
    try {
      const timeRefresh = async (label: string) => {
        const started = performance.now();
        const perOrg: Array<{ months: number; ms: number }> = [];
        for (const id of orgIds.ids) {
          const t = performance.now();
          const r = await refreshOrganisation(ds, id, false);
          perOrg.push({ months: r.months, ms: Math.round(performance.now() - t) });
        }
        const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
        log(`${label}: ${seconds} s (${perOrg.map((p) => `${p.months} mo ${p.ms} ms`).join(', ')})`);
        return { seconds, perOrg, load1: Number(loadavg()[0].toFixed(2)) };
      };
      // The seed refreshed its demo year already: forget the handoff watermark, so this is the first build.
      await withClient(OWNER_URL, (c) => c.query(`UPDATE report_refresh_state SET handoffs_refreshed_at = NULL, bottlenecks_after_at = NULL, bottlenecks_after_id = NULL`));
      summary.firstRefresh = await timeRefresh('first refresh (all months)');
      await withClient(OWNER_URL, (c) => c.query(`UPDATE handoffs SET updated_at = now() WHERE id IN (SELECT id FROM handoffs ORDER BY requested_at DESC LIMIT 1000)`));
      summary.incrementalRefresh = await timeRefresh('incremental refresh (1,000 recent handoffs changed)');
      await withClient(OWNER_URL, (c) => c.query(`UPDATE handoffs SET updated_at = now() WHERE id IN (SELECT id FROM handoffs TABLESAMPLE SYSTEM (1) LIMIT 1000)`));
      summary.scatteredRefresh = await timeRefresh('incremental refresh (1,000 handoffs across the year changed)');
    } finally {
      await ds.destroy();
    }
    const [{ rows }] = [
      await withClient(OWNER_URL, (c) =>
        c.query<{ n: number; knelpunten: number; copied: number }>(
          `SELECT (SELECT count(*) FROM report_handoff_months) + (SELECT count(*) FROM report_duration_months) AS n,
                  (SELECT count(*) FROM bottlenecks) AS knelpunten, (SELECT count(*) FROM report_bottlenecks) AS copied`,
        ),
      ),
    ];
    summary.aggregateRows = Number(rows[0].n);
    summary.knelpunten = { recorded: Number(rows[0].knelpunten), inReports: Number(rows[0].copied) };

    log('start the API');
    api = spawn(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/apps/api/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const until = Date.now() + 90_000;
    for (;;) {
      if (Date.now() > until) throw new Error('API not ready');
      try {
        if ((await fetch(`${BASE}/health/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const uwv = await devToken('beleid@uwv.demo');
    const tilburg = await devToken('secretaris@tilburg.demo');
    // The last twelve months, this one included: the year the data covers.
    const now = new Date();
    const ym = (monthsBack: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 7);
    const year = { from: ym(11), to: ym(0) };
    summary.period = year;
    const timings: Timing[] = [];
    for (const concurrency of [1, CONCURRENCY]) {
      timings.push(await measure('executionReport(year, ORGANISATION)', uwv, EXECUTION, { p: year, s: 'ORGANISATION' }, concurrency));
      timings.push(await measure('executionReport(year, ACTION_LIST of 6)', tilburg, EXECUTION, { p: year, s: 'ACTION_LIST', l: orgIds.list }, concurrency));
      timings.push(await measure('bottleneckReport(year, CATEGORY)', uwv, BOTTLENECKS, { p: year, g: 'CATEGORY', s: 'ORGANISATION' }, concurrency));
      timings.push(await measure('bottleneckReport(year, RULE, ACTION_LIST of 6)', tilburg, BOTTLENECKS, { p: year, g: 'RULE', s: 'ACTION_LIST', l: orgIds.list }, concurrency));
    }
    summary.timings = timings;
    summary.endLoad = loadavg().map((l) => Number(l.toFixed(2)));
    mkdirSync(join(ROOT, 'tmp', 'bench'), { recursive: true });
    writeFileSync(join(ROOT, 'tmp', 'bench', 'reporting.json'), JSON.stringify(summary, null, 2));
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    api?.kill('SIGTERM');
    if (!KEEP) await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
