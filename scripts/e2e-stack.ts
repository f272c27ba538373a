import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoClientSecret, seedDemoData, seedDemoMachineClients, seedDemoPersonas } from '@schakel/organisations';
import { createDataSource, deleteKeys, dropDatabase, prepareDatabase } from '@schakel/platform';
import { seedDemoCallbackCapacity, seedDemoDoors } from '@schakel/doors';
import { requireServices } from './lib/services';
import type { StackInfo } from './lib/stack-info';
import { type RunningWebServer, startWebServer } from './lib/web-server';
import { SCHEMA_MIGRATIONS } from './lib/schema-migrations';

/**
 * A whole Schakel of its own for the browser tests (test/playwright): a fresh database (migrated
 * and seeded with the demo data), a fresh Redis key prefix, the API and the worker as child
 * processes and the web server in this process, each on a free port. When both report ready it
 * writes where everything is to the JSON file named by SCHAKEL_STACK_INFO.
 *
 * SIGTERM or SIGINT (or the parent going away, when started with an IPC channel): stops the
 * children, drops the database, deletes the prefix's Redis keys and exits 0. If a child dies
 * before that, it cleans up the same way and exits 1.
 *
 *   SCHAKEL_STACK_INFO=/tmp/stack.json node -r ./scripts/runtime-paths.cjs dist/scripts/e2e-stack.js
 *
 * PostgreSQL and Redis as for the Jest suites: TEST_PG_HOST (127.0.0.1:5432, user postgres) and
 * TEST_REDIS_URL (redis://127.0.0.1:6379). SCHAKEL_STACK_LOG_LEVEL sets the apps' LOG_LEVEL (warn).
 */
const DIST = join(__dirname, '..');
const ROOT = join(DIST, '..');
const PG_HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const READY_TIMEOUT_MS = 90_000;
const KILL_AFTER_MS = 10_000;

const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const database = `schakel_e2e_${runId}`;
const ownerUrl = `postgres://postgres@${PG_HOST}/${database}`;
const appUrl = `postgres://schakel_app:schakel_app@${PG_HOST}/${database}`;
const redisPrefix = `schakel-e2e-${runId}`;

const children: Array<{ name: string; process: ChildProcess }> = [];
let web: RunningWebServer | undefined;
let webRoot: string | undefined;
let databaseCreated = false;
let stopping = false;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(name: string, entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'runtime-paths.cjs'), join(DIST, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`e2e-stack: ${name} is gestopt (${signal ?? `exit ${code}`}); de stack stopt.`);
    void shutdown(1);
  });
  children.push({ name, process: child });
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const problems: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await attempt('web server', async () => web?.close());
  await Promise.all(children.map((c) => stopChild(c.process)));
  const copy = webRoot;
  if (copy) await attempt(`kopie van de web-app ${copy}`, async () => rmSync(copy, { recursive: true, force: true }));
  if (databaseCreated) await attempt(`database ${database}`, () => dropDatabase(ownerUrl));
  await attempt(`Redis-sleutels ${redisPrefix}*`, () => deleteKeys(REDIS_URL, `${redisPrefix}*`));
  for (const p of problems) console.error(`e2e-stack: opruimen mislukt, ${p}`);
  process.exit(exitCode);
}

async function waitUntilReady(url: string): Promise<boolean> {
  const until = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < until && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  const infoPath = process.env.SCHAKEL_STACK_INFO;
  if (!infoPath) {
    console.error('e2e-stack: zet SCHAKEL_STACK_INFO op het pad van het JSON-bestand dat de stack moet schrijven.');
    process.exit(2);
  }
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  // Started by the Playwright set-up with an IPC channel: if that process goes away, so do we.
  if (process.send) process.on('disconnect', () => void shutdown(0));

  await requireServices(ownerUrl, REDIS_URL);
  databaseCreated = true; // from here on a (partly) created database must be dropped
  await prepareDatabase(ownerUrl, appUrl, SCHEMA_MIGRATIONS);
  const owner = await createDataSource({ url: ownerUrl, entities: [], poolSize: 1 }).initialize();
  try {
    await seedDemoData(owner);
    await seedDemoDoors(owner);
    await seedDemoCallbackCapacity(owner);
    await seedDemoMachineClients(owner, (id) => demoClientSecret(id, undefined, false));
    await seedDemoPersonas(owner);
  } finally {
    await owner.destroy();
  }
  if (stopping) return;

  const [apiPort, workerPort, webPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.SCHAKEL_STACK_LOG_LEVEL ?? 'warn',
    PORT: String(apiPort),
    WORKER_HEALTH_PORT: String(workerPort),
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: ownerUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    // Live handoffs without a door fall back after 40 s (the browser test waits for it); doors keep their minutes.
    LIVE_HANDOFF_TIMEOUT_SECONDS: '40',
    LIVE_HANDOFF_SWEEP_INTERVAL_MS: '500',
  };
  run('api', 'apps/api/src/main.js', env);
  run('worker', 'apps/worker/src/main.js', env);

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  // A copy of the web app's build: a `npm run web:build` elsewhere during the run (it empties
  // apps/web/dist first) must not pull the pages from under the tests.
  const built = join(ROOT, 'apps', 'web', 'dist');
  if (!existsSync(join(built, 'index.html'))) throw new Error(`De web-app is niet gebouwd: ${built}/index.html ontbreekt (npm run web:build).`);
  webRoot = mkdtempSync(join(tmpdir(), 'schakel-e2e-web-'));
  cpSync(built, webRoot, { recursive: true });
  web = await startWebServer({ root: webRoot, apiUrl, host: '127.0.0.1', port: webPort });
  const [apiReady, workerReady] = await Promise.all([
    waitUntilReady(`${apiUrl}/health/ready`),
    waitUntilReady(`http://127.0.0.1:${workerPort}/health/ready`),
  ]);
  if (stopping) return;
  if (!apiReady || !workerReady) {
    console.error(`e2e-stack: niet gereed binnen ${READY_TIMEOUT_MS / 1000} s (api: ${apiReady ? 'ok' : 'niet gereed'}, worker: ${workerReady ? 'ok' : 'niet gereed'}).`);
    await shutdown(1);
    return;
  }

  const info: StackInfo = { webUrl: web.url, apiUrl, ownerUrl, appUrl, redisUrl: REDIS_URL, redisPrefix };
  // Written whole and then renamed, so a reader never sees half a file.
  writeFileSync(`${infoPath}.tmp`, JSON.stringify(info, null, 2));
  renameSync(`${infoPath}.tmp`, infoPath);
  console.log(`e2e-stack: gereed. Web ${info.webUrl}, API ${info.apiUrl}, database ${database}, Redis-prefix ${redisPrefix}.`);
}

main().catch((error: unknown) => {
  console.error(`e2e-stack: starten mislukt: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void shutdown(1);
});
