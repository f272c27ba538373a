// Mutation testing of the rule modules: `npm run test:mutation` (by hand, not part of `npm test`).
// docs/testing.md has the scores and why each surviving mutant is harmless.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.cjs' },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    'libs/referrals/src/handoffs/handoff-state-machine.ts',
    'libs/referrals/src/citizens/bsn.ts',
    'libs/organisations/src/organisation.validators.ts',
    'libs/follow-ups/src/working-days/working-days.ts',
    'libs/follow-ups/src/norms/response-norm-view.ts',
    // The pure parts of the norms: the provider's batching and the deadline arithmetic, not the
    // cached SQL look-up of TableResponseNorms (covered by the integration suites).
    'libs/follow-ups/src/norms/response-norms.ts:29-36',
    'libs/follow-ups/src/norms/response-norms.ts:104-126',
    'libs/follow-ups/src/webhooks/callback-url.ts',
    'libs/follow-ups/src/webhooks/webhook-signature.ts',
    'libs/platform/src/config/config.schema.ts',
    'libs/platform/src/config/load-config.ts',
    'libs/platform/src/config/startup-failure.ts',
  ],
  // The sandbox lives outside the repository, so Nx, ESLint and Jest runs of others never see
  // a second copy of the libs; only what the specs and the checker need is copied.
  tempDirName: join(tmpdir(), 'schakel-stryker'),
  ignorePatterns: ['/apps', '/bench', '/dist', '/docs', '/test', '/test-results', '/tmp', '/coverage', '/.nx', '/reports', '/infra'],
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 10_000,
};
