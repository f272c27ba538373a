import { Logger } from '@nestjs/common';
import { explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { createApiApp } from './bootstrap';
import { DEFAULT_DRAIN_DELAY_MS, DEFAULT_SHUTDOWN_LIMIT_MS, installGracefulShutdown, millisFromEnv } from './health/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp();
  const logger = new Logger('Shutdown');
  // Process settings, not application settings: they only concern how this process stops
  // (docs/operations.md, "Rolling restarts"); tests shorten the delay.
  installGracefulShutdown(app, {
    drainDelayMs: millisFromEnv(process.env.SHUTDOWN_DRAIN_DELAY_MS, DEFAULT_DRAIN_DELAY_MS),
    limitMs: millisFromEnv(process.env.SHUTDOWN_LIMIT_MS, DEFAULT_SHUTDOWN_LIMIT_MS),
    log: (message) => logger.log(message),
  });
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartupFailure(error)}\n`);
  process.exit(1);
});
