import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface SpawnedApp {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far (empty unless `capture`). */
  output(): string;
  /** SIGKILL, and wait for the exit (nothing if it already exited). */
  stop(): Promise<void>;
}

/**
 * An app as a real process (`apps/api/src/main.ts`, `apps/worker/src/main.ts`), compiled on the
 * fly, with this process's environment plus `env`. Without `capture` its stdout is dropped and its
 * stderr goes to the test's.
 */
export function spawnApp(entry: string, env: Record<string, string>, options: { capture?: boolean } = {}): SpawnedApp {
  let out = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'inherit'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
