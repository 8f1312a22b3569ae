#!/usr/bin/env node
/** The `modelstream` command (bin/modelstream.js runs this file once built). `modelstream --help` lists it all. */
import { run } from './cli/program';

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 4;
  },
);
