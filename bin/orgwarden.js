#!/usr/bin/env node
'use strict';
// The orgwarden command. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm ci` / `npm install` through the `prepare` script).
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
