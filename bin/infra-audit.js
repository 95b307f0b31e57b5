#!/usr/bin/env node
// The only file that touches `process`: everything else takes argv and streams and returns an exit code.
import { main } from '../dist/index.js';
import { nodeSupportNotice } from './node-support.js';

const argv = process.argv.slice(2);
process.stderr.write(nodeSupportNotice(argv, process.env, process.version));
main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`infra-audit: internal error: ${err?.message ?? err}\n`); process.exitCode = 70; },
);
