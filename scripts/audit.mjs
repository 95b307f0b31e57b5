#!/usr/bin/env node
// `npm run audit`: a newcomer's first audit. With AWS credentials in the environment (or a profile)
// it scans the account against the spec it finds (infra-audit.spec.json here or above, or --spec);
// without, it audits the bundled drifted example against the bundled ShopFlow spec, by name.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/index.js';
import { nodeSupportNotice } from '../bin/node-support.js';

const env = process.env;
const hasCredentials =
  !!(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) ||
  existsSync(join(homedir(), '.aws', 'credentials')) || existsSync(join(homedir(), '.aws', 'config'));
const extra = process.argv.slice(2);
const argv = hasCredentials
  ? ['scan', ...extra]
  : ['check', '--snapshot', new URL('../examples/shopflow-drifted.snapshot.json', import.meta.url).pathname, '--spec', 'shopflow', ...extra];
process.stderr.write(nodeSupportNotice(argv, env, process.version));
if (!hasCredentials) process.stderr.write('No AWS credentials found: auditing the bundled example (examples/shopflow-drifted.snapshot.json).\n\n');
process.exitCode = await main(argv, { stdout: process.stdout, stderr: process.stderr, env, cwd: process.cwd() });
