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

// The web app's component tests: TSX with React's automatic runtime, ESM-only NL Design System
// packages compiled too, CSS imports stubbed.
const swcWeb = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
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
  '^@schakel/action-lists$': '<rootDir>/libs/action-lists/src',
  '^@schakel/reporting$': '<rootDir>/libs/reporting/src',
  '^@schakel/signing$': '<rootDir>/libs/signing/src',
  '^@schakel/doors$': '<rootDir>/libs/doors/src',
  '^@schakel/live-handoffs$': '<rootDir>/libs/live-handoffs/src',
  '^@schakel/bundles$': '<rootDir>/libs/bundles/src',
  '^@schakel/testing$': '<rootDir>/libs/testing/src',
  '^@schakel/api$': '<rootDir>/apps/api/src',
  '^@schakel/worker$': '<rootDir>/apps/worker/src',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // jose (and auto-bind, used by GraphQL Code Generator) ship ESM only; Node 20 can require()
  // them, Jest's module loader cannot, so they are compiled too.
  transform: { '^.+\\.ts$': swc, '/node_modules/(jose|auto-bind)/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|auto-bind)/)'],
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
  // The integration and end-to-end suites mostly wait (for PostgreSQL, Redis, timers, sockets), so
  // more workers than cores pay: Jest's default of cores − 1 is a single worker on 2 cores, which
  // ran every suite in a row. 3 workers on 2 cores: 203 s → 147 s in one measurement under the
  // same load (docs/architecture.md, "Test databases").
  maxWorkers: Math.max(3, require('node:os').availableParallelism() - 1),
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '<rootDir>/apps/web/'],
    },
    {
      rootDir: __dirname,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/web/src/**/*.spec.{ts,tsx}'],
      transform: { '^.+\\.(t|j)sx?$': swcWeb, '^.+\\.mjs$': swcWeb },
      transformIgnorePatterns: ['/node_modules/(?!(@utrecht|@nl-design-system-candidate|@apollo/client|rxjs)/)'],
      moduleNameMapper: {
        '\\.css$': '<rootDir>/apps/web/test/style-stub.cjs',
        '^(@utrecht/[a-z-]+-react)$': '<rootDir>/node_modules/$1/dist/index.mjs',
      },
      setupFilesAfterEnv: ['<rootDir>/apps/web/test/setup.ts'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/apps/web/dist/'],
    },
    { ...base, ...servicesSetup, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.int.spec.ts'] },
    { ...base, ...servicesSetup, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // The built apps as separate processes (2 APIs behind a proxy, 2 workers); its set-up builds dist/.
    {
      ...base,
      displayName: 'replicas',
      globalSetup: '<rootDir>/test/replicas/global-setup.ts',
      globalTeardown: servicesSetup.globalTeardown,
      testMatch: ['<rootDir>/test/replicas/**/*.replica-spec.ts'],
    },
    // Every kustomize overlay under infra/ rendered and validated against the Kubernetes schemas.
    { ...base, displayName: 'infra', testMatch: ['<rootDir>/infra/**/*.spec.ts'] },
  ],
};
