// Lint enforces the dependency direction of docs/architecture.md through Nx tags:
// apps → domain libs → platform; referrals may use organisations; follow-ups may use
// referrals and organisations; action-lists may use organisations; reporting may read the others.
const nx = require('@nx/eslint-plugin');

const platformOnly = ['type:platform'];
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: platformOnly },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:domain'] },
  { sourceTag: 'scope:organisations', onlyDependOnLibsWithTags: platformOnly },
  { sourceTag: 'scope:referrals', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations'] },
  {
    sourceTag: 'scope:follow-ups',
    onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations', 'scope:referrals'],
  },
  { sourceTag: 'scope:action-lists', onlyDependOnLibsWithTags: ['type:platform', 'scope:organisations'] },
  {
    sourceTag: 'scope:reporting',
    onlyDependOnLibsWithTags: [
      'type:platform',
      'scope:organisations',
      'scope:referrals',
      'scope:follow-ups',
      'scope:action-lists',
    ],
  },
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
