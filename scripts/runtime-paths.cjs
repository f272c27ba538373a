// Resolves the @schakel/* path aliases of tsconfig.base.json to the compiled code in dist/,
// so built apps run with plain `node -r ./scripts/runtime-paths.cjs dist/...`.
const { join } = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

register({ baseUrl: join(__dirname, '..', 'dist'), paths: compilerOptions.paths, addMatchAll: false });
