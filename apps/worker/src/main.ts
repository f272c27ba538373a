import { explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { createWorker } from './bootstrap';

/** On SIGTERM Nest stops taking jobs and waits for the active ones; we never wait beyond 30 s. */
const SHUTDOWN_LIMIT_MS = 30_000;

async function main(): Promise<void> {
  loadConfigOrExit();
  await createWorker();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`Worker did not stop within ${SHUTDOWN_LIMIT_MS / 1000} s; exiting.\n`);
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS).unref();
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartupFailure(error)}\n`);
  process.exit(1);
});
