#!/usr/bin/env node
// The only file that touches `process`: everything else takes argv and streams and returns an exit code.
import { enableCompileCache } from './compile-cache.js';
import { nodeSupportNotice } from './node-support.js';

// Before the CLI's modules are loaded, so they come from the compile cache when there is one.
enableCompileCache();
const { main } = await import('../dist/cli/main.js');

const argv = process.argv.slice(2);
process.stderr.write(nodeSupportNotice(argv, process.env, process.version));

// SIGINT/SIGTERM abort the run (it writes nothing partial) and exit with the conventional code once
// main has answered. A second signal gets Node's default: immediate termination.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => interrupt.abort(signal));

main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: interrupt.signal }).then(
  (code) => {
    // Reads may still be in flight after an interruption; they must not keep the process alive.
    if (interrupt.signal.aborted) process.exit(code);
    process.exitCode = code;
  },
  (err) => { process.stderr.write(`infra-audit: internal error: ${err?.message ?? err}\n`); process.exitCode = 70; },
);
