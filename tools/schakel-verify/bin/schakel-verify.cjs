#!/usr/bin/env node
// The `schakel-verify` command. Runs the one-file bundle dist/schakel-verify.cjs, building it
// first (with esbuild, once, in well under a second) when it is missing or older than its sources,
// so `npx schakel-verify bundle.json` works right after `npm install` without a postinstall step.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { build, outfile } = require('../build.cjs');

const sourceDirs = [
  path.join(__dirname, '..', 'src'),
  path.join(__dirname, '..', '..', '..', 'libs', 'signing', 'src'),
];

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0; // Sources absent (the bundle was copied on its own): use it as it is.
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  let builtAt = 0;
  try {
    builtAt = fs.statSync(outfile).mtimeMs;
  } catch {
    builtAt = 0;
  }
  if (builtAt > 0 && builtAt >= Math.max(...sourceDirs.map(newestSource))) return;
  try {
    build();
  } catch (error) {
    if (builtAt > 0) return; // A stale bundle still verifies; better than nothing.
    const missing = error && error.code === 'MODULE_NOT_FOUND';
    process.stderr.write(
      missing
        ? 'schakel-verify is nog niet gebouwd en esbuild ontbreekt. Voer eerst `npm install` uit in de map van Schakel.\n'
        : `schakel-verify kon niet worden gebouwd: ${error && error.message}\n`,
    );
    process.exit(2);
  }
}

ensureBuilt();
require(outfile)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
