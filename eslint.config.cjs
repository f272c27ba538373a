// Lint enforces the dependency direction of docs/architecture.md through Nx tags:
// apps → domain libs → platform; referrals may use organisations; follow-ups may use
// referrals and organisations; action-lists may use organisations. Only libs that exist have a
// constraint (a test checks that every tag here belongs to a project, and every project has one).
const nx = require('@nx/eslint-plugin');
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// The boundary rule reads Nx's project graph from its cache and, without one, skips itself with
// only a warning. So the graph is computed here, every time ESLint loads this file (however lint
// is started: npm run lint, npx eslint, an editor), and a missing graph stops lint instead.
execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'show', 'projects'], { cwd: __dirname, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
const graphFile = join(__dirname, '.nx', 'workspace-data', 'project-graph.json');
if (!existsSync(graphFile)) throw new Error(`Nx project graph missing (${graphFile}): module boundaries cannot be checked`);

const platformOnly = ['type:platform'];
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:shared'] },
  // Pure code shared by server, browser and command line (the signing core): depends on nothing of ours.
  { sourceTag: 'type:shared', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: platformOnly },
  // The browser app talks to the API over GraphQL; of our code it imports only the pure shared libs.
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:shared'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:shared'] },
  { sourceTag: 'scope:organisations', onlyDependOnLibsWithTags: platformOnly },
  { sourceTag: 'scope:referrals', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations'] },
  {
    sourceTag: 'scope:follow-ups',
    // action-lists: the agreements of signed lists are response norms (never the other way round).
    onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:referrals', 'scope:action-lists'],
  },
  { sourceTag: 'scope:action-lists', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:signing'] },
  // Reports read the others (through their stores and services), nobody reads reports.
  {
    sourceTag: 'scope:reporting',
    onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:referrals', 'scope:follow-ups', 'scope:action-lists', 'scope:live-handoffs'],
  },
  // The warm moment (issue 13) builds on cases, follow-ups (norms, notifications, live events) and
  // organisations; a live handoff and a bundle may look up doors. Nothing of ours depends on bundles.
  { sourceTag: 'scope:doors', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:referrals', 'scope:follow-ups'] },
  { sourceTag: 'scope:live-handoffs', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:referrals', 'scope:follow-ups', 'scope:doors'] },
  { sourceTag: 'scope:bundles', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:referrals', 'scope:follow-ups', 'scope:doors'] },
];

// Specs (and the end-to-end suites) may additionally use the testing library.
const specDepConstraints = depConstraints.map((c) => ({
  ...c,
  onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'],
}));

module.exports = [
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'tmp/**', '.nx/**', 'apps/web/dist/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, banTransitiveDependencies: false, allow: [], depConstraints },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      // Tests assert the shape first; a non-null assertion after that keeps them readable.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: specDepConstraints },
      ],
    },
  },
  {
    // Command-line entry points and benchmarks talk to a terminal on purpose.
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'apps/*/src/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
