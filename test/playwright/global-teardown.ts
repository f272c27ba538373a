import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { stackHandle } from './global-setup';

const STOP_TIMEOUT_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Keeps the stack's output next to the traces (test-results/e2e-stack.log), then removes its folder. */
function keepLog(config: FullConfig): string | undefined {
  const dir = process.env.SCHAKEL_STACK_DIR;
  if (!dir || !existsSync(join(dir, 'stack.log'))) return undefined;
  const outputDir = config.projects[0]?.outputDir;
  let kept: string | undefined;
  if (outputDir) {
    mkdirSync(outputDir, { recursive: true });
    kept = join(outputDir, 'e2e-stack.log');
    copyFileSync(join(dir, 'stack.log'), kept);
  }
  rmSync(dir, { recursive: true, force: true });
  return kept;
}

/** Stops the e2e-stack (it drops its database and Redis keys) and waits until it has exited. */
export default async function globalTeardown(config: FullConfig): Promise<void> {
  const child = stackHandle.child;
  const pid = child?.pid ?? Number(process.env.SCHAKEL_STACK_PID);
  if (!pid) return;
  const exited = child ? () => child.exitCode !== null || child.signalCode !== null : () => !alive(pid);
  const signal = (name: NodeJS.Signals) => {
    if (child) child.kill(name);
    else process.kill(pid, name);
  };

  if (!process.env.SCHAKEL_STACK_DIR) {
    // The set-up failed and said why (its log stays where that message points); just make sure
    // the stack is on its way out.
    if (!exited()) signal('SIGTERM');
    return;
  }

  if (!exited()) signal('SIGTERM');
  const until = Date.now() + STOP_TIMEOUT_MS;
  while (!exited() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const stopped = exited();
  if (!stopped) signal('SIGKILL');
  const log = keepLog(config);
  if (!stopped) throw new Error(`De e2e-stack stopte niet binnen ${STOP_TIMEOUT_MS / 1000} s en is afgebroken. Uitvoer: ${log}`);
  if (child && child.exitCode !== 0) {
    throw new Error(`De e2e-stack stopte met ${child.signalCode ?? `exit ${child.exitCode}`}. Uitvoer: ${log}`);
  }
}
