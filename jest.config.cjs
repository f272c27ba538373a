// Three projects: unit (no services), integration (real PostgreSQL and Redis, one database and
// one Redis key prefix per run) and e2e (boots the API and worker against that same database).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@schakel/platform$': '<rootDir>/libs/platform/src',
  '^@schakel/organisations$': '<rootDir>/libs/organisations/src',
  '^@schakel/referrals$': '<rootDir>/libs/referrals/src',
  '^@schakel/follow-ups$': '<rootDir>/libs/follow-ups/src',
  '^@schakel/testing$': '<rootDir>/libs/testing/src',
  '^@schakel/api$': '<rootDir>/apps/api/src',
  '^@schakel/worker$': '<rootDir>/apps/worker/src',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // jose ships ESM only; Node 20 can require() it, Jest's module loader cannot, so it is compiled too.
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

const servicesSetup = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  // Real services, workers and retries: generous limits; speed is measured in bench/, not here.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'] },
    { ...base, ...servicesSetup, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.int.spec.ts'] },
    { ...base, ...servicesSetup, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
