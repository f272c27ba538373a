import { Logger } from '@nestjs/common';
import { explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { createApiApp } from './bootstrap';
import { installGracefulShutdown } from './health/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp();
  const logger = new Logger('Shutdown');
  // How this process stops (docs/operations.md, "Rolling restarts"); validated with the rest of
  // the configuration, so a wrong value stops the start instead of being ignored.
  const limitMs = config.SHUTDOWN_LIMIT_MS;
  const shutdown = installGracefulShutdown(app, {
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
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
