// The unit specs of the rule modules, for mutation testing (stryker.config.mjs): no services,
// the same transform and module mapping as the unit project of jest.config.cjs.
const { projects } = require('./jest.config.cjs');

const { displayName: _displayName, testMatch: _testMatch, ...unit } = projects.find((p) => p.displayName === 'unit');

module.exports = {
  ...unit,
  testMatch: [
    '<rootDir>/libs/referrals/src/handoffs/handoff-state-machine.spec.ts',
    '<rootDir>/libs/referrals/src/citizens/bsn.spec.ts',
    '<rootDir>/libs/organisations/src/organisation.validators.spec.ts',
    '<rootDir>/libs/follow-ups/src/working-days/*.spec.ts',
    '<rootDir>/libs/follow-ups/src/norms/*.spec.ts',
    '<rootDir>/libs/follow-ups/src/webhooks/{callback-url,webhook-signature}*.spec.ts',
    '<rootDir>/libs/platform/src/config/*.spec.ts',
  ],
};
