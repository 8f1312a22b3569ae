#!/usr/bin/env node
// The `modelstream` command: runs the built CLI (dist/cli.js, from `npm run build`). This file is plain JS and
// checked in so that npm links the command at install time, before the TypeScript sources are built.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    `modelstream: ${cli} is not built yet: run \`npm run build\` (or ./scripts/run.sh) in the modelstream repo first.\n`,
  );
  process.exit(2);
}
require(cli);
