import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_ENV, type StackInfo } from './support/stack';

const ROOT = join(__dirname, '..', '..');
const STACK_TIMEOUT_MS = 120_000;

/** The running stack, for global-teardown.ts (Playwright runs both in the runner process). */
export const stackHandle: { child?: ChildProcess } = {};

function npmRun(script: string): void {
  const result = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} mislukte (${result.signal ?? `exit ${result.status}`}).`);
}

function tail(path: string, lines = 80): string {
  if (!existsSync(path)) return '(geen uitvoer)';
  return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
}

/**
 * Builds the apps and the web app, then starts scripts/e2e-stack.ts: a database, a Redis prefix,
 * the API, the worker and the web server of this run's own. Its URLs go into process.env, which
 * the test workers inherit (see support/stack.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.SCHAKEL_SKIP_BUILD !== '1') {
    npmRun('build');
    npmRun('web:build');
  }

  // Outside test-results/, which another run in this checkout may empty while this one starts;
  // global-teardown.ts copies the log there and removes the folder.
  const dir = mkdtempSync(join(tmpdir(), 'schakel-e2e-'));
  const infoPath = join(dir, 'stack.json');
  const logPath = join(dir, 'stack.log');
  const log = openSync(logPath, 'a');
  // The IPC channel is the stack's lifeline: if this runner dies, the stack cleans up and stops.
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'runtime-paths.cjs'), join(ROOT, 'dist', 'scripts', 'e2e-stack.js')], {
    cwd: ROOT,
    env: { ...process.env, SCHAKEL_STACK_INFO: infoPath },
    stdio: ['ignore', log, log, 'ipc'],
  });
  stackHandle.child = child;

  const started = Date.now();
  while (!existsSync(infoPath)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`De e2e-stack stopte voordat hij gereed was (${child.signalCode ?? `exit ${child.exitCode}`}). Uitvoer (${logPath}):\n${tail(logPath)}`);
    }
    if (Date.now() - started > STACK_TIMEOUT_MS) {
      child.kill('SIGTERM');
      throw new Error(`De e2e-stack was na ${STACK_TIMEOUT_MS / 1000} s niet gereed. Uitvoer (${logPath}):\n${tail(logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const info = JSON.parse(readFileSync(infoPath, 'utf8')) as StackInfo;
  Object.assign(process.env, {
    [STACK_ENV.webUrl]: info.webUrl,
    [STACK_ENV.apiUrl]: info.apiUrl,
    [STACK_ENV.ownerUrl]: info.ownerUrl,
    [STACK_ENV.appUrl]: info.appUrl,
    [STACK_ENV.redisUrl]: info.redisUrl,
    [STACK_ENV.redisPrefix]: info.redisPrefix,
    SCHAKEL_STACK_PID: String(child.pid),
    SCHAKEL_STACK_DIR: dir,
  });
  // Do not keep the runner alive for the stack's sake; teardown stops it.
  child.unref();
  child.channel?.unref();
}
