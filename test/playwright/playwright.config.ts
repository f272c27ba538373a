import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests (`npm run test:browser`): Debian's Chromium against a whole Schakel of their own
 * (scripts/e2e-stack.ts), started by global-setup.ts. Specs are `*.pw.ts`, so Jest never runs them.
 * SCHAKEL_SKIP_BUILD=1 skips `npm run build` and `npm run web:build` for quick local runs.
 */
const ROOT = join(__dirname, '..', '..');

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.pw.ts',
  // Traces of failed tests; SCHAKEL_TEST_RESULTS gives a run its own folder (two runs at once).
  outputDir: process.env.SCHAKEL_TEST_RESULTS ?? join(ROOT, 'test-results'),
  globalSetup: join(__dirname, 'global-setup.ts'),
  globalTeardown: join(__dirname, 'global-teardown.ts'),
  // One Schakel, one database: the specs share it, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    // Set by global-setup.ts before the test workers start, so they see it here.
    baseURL: process.env.SCHAKEL_WEB_URL,
    browserName: 'chromium',
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
