/**
 * createReferral's write, old against new, with pgbench in one run (issue 10): the transaction
 * of twelve statements the service sent before `app_create_referral` (set_config, 2 × participants,
 * referral, citizen, handoff, consent, timeline event, outbox, processing log, audit log, between
 * START and COMMIT) against the one statement it sends now. Both as the app role, so row-level
 * security, triggers and grants apply to both.
 *
 *   npm run build && node bench/run.cjs bench/create-referral-sql.bench.ts
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (postgres, trust) and pgbench (PGBENCH=… to name it).
 * BENCH_SQL_HANDOFFS (default 200000) referrals are bulk-loaded first, so indexes have a size;
 * BENCH_SQL_CLIENTS (16) and BENCH_SQL_SECONDS (15) set the runs; each script runs twice,
 * alternating, at that many clients and once with 1 client. The database is dropped at the end,
 * unless BENCH_SQL_KEEP=1 (then the two scripts stay in tmp/ for experiments by hand).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const DB = 'schakel_bench_sql';
const OWNER_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const APP_URL = `postgres://schakel_app:schakel_app@127.0.0.1:5432/${DB}`;
const HANDOFFS = Number(process.env.BENCH_SQL_HANDOFFS ?? 200_000);
const CLIENTS = Number(process.env.BENCH_SQL_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SQL_SECONDS ?? 15);
const root = join(__dirname, '..');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
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

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

function oldScript(ids: Ids): string {
  const payload = JSON.stringify({ handoffId: 'x', referralId: 'x', status: 'REQUESTED', fromOrganisationId: ids.tilburg, toOrganisationId: ids.uwv, urgency: 'NORMAAL', topic: 'WERK' });
  return [
    `START TRANSACTION;`,
    `SELECT set_config('app.organisation_id', ${q(ids.tilburg)}, true), gen_random_uuid() AS rid, md5(random()::text) AS trace \\gset`,
    `INSERT INTO referral_participants (referral_id, organisation_id) VALUES (:rid, ${q(ids.tilburg)}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO referral_participants (referral_id, organisation_id) VALUES (:rid, ${q(ids.uwv)}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO referrals AS r (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, idempotency_key, request_hash) VALUES (:rid, ${q(ids.tilburg)}, ${q(ids.employee)}, 'WERK', 'Bench: verloor haar baan, WW-aanvraag loopt vast.', 'NORMAAL', NULL, ${q('h'.repeat(64))}) RETURNING r.*;`,
    `INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name, phone, email, preferred_channel, do_not_contact, bsn_key_id, hmac_key_id) VALUES (:rid, ${q('v1.' + 'e'.repeat(80))}, ${q('b'.repeat(64))}, ${q('p'.repeat(64))}, 'Fatima de Vries', NULL, NULL, NULL, false, 'k1', 'k1');`,
    `INSERT INTO handoffs AS h (referral_id, sequence, previous_handoff_id, from_organisation_id, from_employee_id, to_organisation_id, reason, summary) VALUES (:rid, 1, NULL, ${q(ids.tilburg)}, ${q(ids.employee)}, ${q(ids.uwv)}, NULL, NULL) RETURNING h.id AS hid \\gset`,
    `INSERT INTO consents (referral_id, handoff_id, organisation_id, given, method, recorded_by_employee_id, recorded_by_organisation_id) VALUES (:rid, :hid, ${q(ids.uwv)}, true, 'MONDELING', ${q(ids.employee)}, ${q(ids.tilburg)});`,
    `INSERT INTO timeline_events (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id) VALUES (:rid, :hid, 'REQUESTED', ${q(ids.employee)}, ${q(ids.tilburg)}, NULL, NULL);`,
    `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload) VALUES ('handoff.requested', 'handoff', :hid, ${q(payload)});`,
    `INSERT INTO processing_log (trace_id, activity, organisation_id, subject_pseudonym, referral_id) SELECT :trace, r.activity, ${q(ids.tilburg)}, r.subject, r.referral FROM unnest(ARRAY['referral.create']::text[], ARRAY[${q('p'.repeat(64))}]::text[], ARRAY[:rid]::uuid[]) AS r(activity, subject, referral);`,
    `INSERT INTO audit_log (trace_id, activity, organisation_id, employee_id, machine_client_id) SELECT :trace, a, ${q(ids.tilburg)}, ${q(ids.employee)}, NULL FROM unnest(ARRAY['referral.create']::text[]) AS a;`,
    `COMMIT;`,
    '',
  ].join('\n');
}

/** What ReferralsStore.create sends: one statement, its own implicit transaction. */
function newScript(ids: Ids): string {
  return `SELECT app_create_referral(jsonb_build_object(
    'organisationId', ${q(ids.tilburg)}, 'employeeId', ${q(ids.employee)}, 'machineClientId', NULL, 'traceId', md5(random()::text),
    'referralId', gen_random_uuid(), 'toOrganisationId', ${q(ids.uwv)}, 'topic', 'WERK', 'summary', 'Bench: verloor haar baan, WW-aanvraag loopt vast.',
    'urgency', 'NORMAAL', 'idempotencyKey', NULL, 'requestHash', ${q('h'.repeat(64))}, 'consentMethod', 'MONDELING', 'bottleneck', NULL,
    'citizen', jsonb_build_object('bsnEncrypted', ${q('v1.' + 'e'.repeat(80))}, 'bsnHash', ${q('b'.repeat(64))}, 'subjectPseudonym', ${q('p'.repeat(64))},
      'name', 'Fatima de Vries', 'phone', NULL, 'email', NULL, 'preferredChannel', NULL, 'doNotContact', false, 'bsnKeyId', 'k1', 'hmacKeyId', 'k1')));\n`.replace(/\n\s*/g, ' ') + '\n';
}

interface Ids {
  tilburg: string;
  uwv: string;
  employee: string;
}

interface Result {
  script: string;
  clients: number;
  tps: number;
  avgMs: number;
  failed: number;
  load1: number;
}

function pgbench(dir: string, name: string, sql: string, clients: number): Result {
  const file = join(dir, `${name}.sql`);
  writeFileSync(file, sql);
  const out = run(process.env.PGBENCH ?? 'pgbench', ['-n', '-M', 'extended', '-j', '2', '-c', String(clients), '-T', String(SECONDS), '-f', file, APP_URL]);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
  const avgMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  const result = { script: name, clients, tps, avgMs, failed, load1: Number(loadavg()[0].toFixed(2)) };
  console.log(`${name.padEnd(4)} ${String(clients).padStart(2)} clients: ${tps.toFixed(1)} tps, avg ${avgMs} ms, failed ${failed}, load ${result.load1}`);
  return result;
}

async function main(): Promise<void> {
  await withClient('postgres://postgres@127.0.0.1:5432/postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  const env = { DATABASE_OWNER_URL: OWNER_URL, DATABASE_URL: APP_URL, NODE_ENV: 'development' };
  run(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-migrate.js'], env);
  run(process.execPath, ['-r', './scripts/runtime-paths.cjs', 'dist/scripts/db-seed.js'], env);
  const dir = mkdtempSync(join(tmpdir(), 'schakel-sql-bench-'));
  mkdirSync(join(root, 'tmp'), { recursive: true });
  try {
    const ids = await withClient(OWNER_URL, async (c) => {
      const org = async (slug: string) => (await c.query<{ id: string }>(`SELECT id FROM organisations WHERE slug = $1`, [slug])).rows[0].id;
      const employee = (await c.query<{ id: string }>(`SELECT id FROM employees WHERE username = 'balie@tilburg.demo'`)).rows[0].id;
      const found: Ids = { tilburg: await org('tilburg'), uwv: await org('uwv'), employee };
      // Size for the indexes: referrals with participants, a citizen and a handoff each.
      await c.query(`ALTER TABLE referrals DISABLE TRIGGER USER`);
      await c.query(
        `WITH g AS (SELECT gen_random_uuid() AS id, now() - random() * interval '365 days' AS at FROM generate_series(1, $4::int)),
         r AS (INSERT INTO referrals (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, created_at, updated_at)
               SELECT id, $1, $3, 'WERK', 'Bulk.', 'NORMAAL', at, at FROM g RETURNING id, created_at),
         p AS (INSERT INTO referral_participants (referral_id, organisation_id) SELECT id, $1 FROM r UNION ALL SELECT id, $2 FROM r),
         i AS (INSERT INTO referral_ids (id) SELECT id FROM r),
         ci AS (INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name) SELECT id, 'v1.x', md5(id::text), md5(id::text), 'Bulk' FROM r)
         INSERT INTO handoffs (referral_id, sequence, from_organisation_id, from_employee_id, to_organisation_id, created_at, requested_at)
         SELECT id, 1, $1, $3, $2, created_at, created_at FROM r`,
        [found.tilburg, found.uwv, employee, HANDOFFS],
      );
      await c.query(`ALTER TABLE referrals ENABLE TRIGGER USER`);
      await c.query(`VACUUM (ANALYZE)`);
      return found;
    });
    const results: Result[] = [];
    for (let round = 0; round < 2; round++) {
      results.push(pgbench(dir, 'old', oldScript(ids), CLIENTS), pgbench(dir, 'new', newScript(ids), CLIENTS));
    }
    results.push(pgbench(dir, 'old', oldScript(ids), 1), pgbench(dir, 'new', newScript(ids), 1));
    const mean = (script: string, clients: number) => {
      const rows = results.filter((r) => r.script === script && r.clients === clients);
      return rows.reduce((s, r) => s + r.tps, 0) / rows.length;
    };
    const summary = {
      handoffs: HANDOFFS,
      clients: CLIENTS,
      seconds: SECONDS,
      results,
      ratioNewOld: Number((mean('new', CLIENTS) / mean('old', CLIENTS)).toFixed(2)),
      ratioNewOld1Client: Number((mean('new', 1) / mean('old', 1)).toFixed(2)),
    };
    console.log(`new/old at ${CLIENTS} clients: ${summary.ratioNewOld}×; at 1 client: ${summary.ratioNewOld1Client}×`);
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'create-referral-sql.json'), JSON.stringify(summary, null, 2));
    console.log('results: tmp/create-referral-sql.json');
  } finally {
    if (process.env.BENCH_SQL_KEEP === '1') {
      for (const name of ['old', 'new']) writeFileSync(join(root, 'tmp', `create-referral-${name}.sql`), readFileSync(join(dir, `${name}.sql`)));
      console.log(`kept: database ${DB}, tmp/create-referral-old.sql, tmp/create-referral-new.sql`);
    } else {
      await withClient('postgres://postgres@127.0.0.1:5432/postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
