// Bundles src/cli.ts and the signing core it uses into one file, dist/schakel-verify.cjs, that runs
// with plain `node`: no database, no network, no node_modules at run time.
const path = require('node:path');

const root = __dirname;
const outfile = path.join(root, 'dist', 'schakel-verify.cjs');

function build() {
  // esbuild is a root devDependency; required here, not at the top, so the shim can explain when it is missing.
  const esbuild = require('esbuild');
  const fs = require('node:fs');
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, 'src', 'cli.ts')],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    legalComments: 'inline',
    logLevel: 'warning',
    // The signing core is imported by path: its tsconfig path aliases are not needed.
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  // Write then rename: two runs building at once (a test and a person) never see half a file.
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temporary = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, result.outputFiles[0].contents, { mode: 0o755 });
  fs.renameSync(temporary, outfile);
  return outfile;
}

module.exports = { build, outfile };

if (require.main === module) {
  build();
  process.stdout.write(`${path.relative(process.cwd(), outfile)}\n`);
}
