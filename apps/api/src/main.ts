import { explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp();
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartupFailure(error)}\n`);
  process.exit(1);
});
