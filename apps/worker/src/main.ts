import { explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  loadConfigOrExit();
  await createWorker();
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartupFailure(error)}\n`);
  process.exit(1);
});
