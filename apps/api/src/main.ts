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
  const limitMs = millisFromEnv(process.env.SHUTDOWN_LIMIT_MS, DEFAULT_SHUTDOWN_LIMIT_MS);
  const shutdown = installGracefulShutdown(app, {
    drainDelayMs: millisFromEnv(process.env.SHUTDOWN_DRAIN_DELAY_MS, DEFAULT_DRAIN_DELAY_MS),
    log: (message) => logger.log(message),
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`API did not stop within ${limitMs / 1000} s; exiting.\n`);
        process.exit(1);
      }, limitMs).unref();
      shutdown.stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`API stopped with an error: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartupFailure(error)}\n`);
  process.exit(1);
});
