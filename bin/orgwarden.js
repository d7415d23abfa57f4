#!/usr/bin/env -S node --max-semi-space-size=16
'use strict';
// The orgwarden command; the TypeScript sources are compiled to dist/ by `npm run build` (run
// automatically by `npm ci` / `npm install` through the `prepare` script).
// --max-semi-space-size=16 keeps V8's young generation at 2 x 16 MB: left alone, Node 24 grows it
// to 2 x 64 MB under event log parsing, and peak RSS with it (npm run bench:ingest). Started as
// `node bin/orgwarden.js` the flag is missing: everything works, memory is just less flat.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`orgwarden needs Node.js 22 or newer (this is ${process.version}). Run it through scripts/dev, which installs Node 24.\n`);
  process.exit(2);
}
const entry = join(__dirname, '..', 'dist', 'worker', 'src', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('orgwarden is not built yet: run `npm run build` (or `npm ci`) in the project folder.\n');
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
