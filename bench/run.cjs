// Runs a TypeScript benchmark without a build step: transpiles it with @swc/core (already a
// devDependency, used by the Jest transform) and executes it as CommonJS. Type-checking happens
// in `npm run typecheck` (the root tsconfig.json includes bench/**/*.ts).
//   node bench/run.cjs [bench/referrals.bench.ts]
const Module = require('node:module');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');

const file = path.resolve(process.argv[2] ?? path.join(__dirname, 'referrals.bench.ts'));
const { code } = transformFileSync(file, {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(path.dirname(file));
m._compile(code, file);
