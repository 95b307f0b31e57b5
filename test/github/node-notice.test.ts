// On Node < 22 the AWS SDK prints a 9-line "Node 22 needed from January 2027" warning when the first
// client is built; bin/ silences it and says the same in one line, for the commands that read AWS.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error bin/ is plain JavaScript (it must run without a build step of its own)
import { nodeSupportNotice } from '../../bin/node-support.js';
import { AwsLoopbackServer } from '../loopback/aws-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FLAG = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

describe('nodeSupportNotice', () => {
  it.each([
    // argv, Node version, the user's own flag, a notice is due
    [['scan'], 'v20.19.0', undefined, true],
    [['collect', '--output', 's.json'], 'v20.20.2', undefined, true],
    [['--profile', 'prod', 'scan'], 'v21.7.3', undefined, true],
    [['scan'], 'v20.19.0', 'true', false],
    [['scan'], 'v20.19.0', 'false', true],
    [['check', '--snapshot', 'scan.json'], 'v20.19.0', undefined, false],
    [['rules', 'list'], 'v20.19.0', undefined, false],
    [['--help'], 'v20.19.0', undefined, false],
    [['scan', '--help'], 'v20.19.0', undefined, false],
    [['collect', '-h'], 'v20.19.0', undefined, false],
    [['--get-yargs-completions', 'infra-audit', 'scan', '--re'], 'v20.19.0', undefined, false],
    [['scan'], 'v22.0.0', undefined, false],
    [['scan'], 'v24.22.3', undefined, false],
    [['scan'], 'v100.0.0', undefined, false],
  ])('%j on %s with the flag %s: notice %s', (argv, version, flag, due) => {
    const env: Record<string, string | undefined> = flag === undefined ? {} : { [FLAG]: flag };
    const notice: string = nodeSupportNotice(argv, env, version);
    expect(env[FLAG]).toBe('true'); // the SDK's own warning is always silenced
    if (!due) return expect(notice).toBe('');
    expect(notice.split('\n')).toEqual([expect.stringContaining(`Node ${version}`), '']);
    expect(notice).toMatch(/Node 22 or newer/);
  });
});

describe('bin/infra-audit.js on this Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-audit-node-'));
  let server: AwsLoopbackServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints at most one line about the Node version when it builds SDK clients', async () => {
    server = await AwsLoopbackServer.start();
    server.on('sts:GetCallerIdentity', { error: 'AccessDenied', message: 'not for this test' });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDLOOPBACK',
      AWS_SECRET_ACCESS_KEY: 'loopback-secret',
      AWS_REGION: 'us-east-1',
    };
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'infra-audit.js'), 'collect', '--spec', 'shopflow', '--output', join(dir, 's.json')], { cwd: dir, env });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.resume();
    await new Promise((done) => child.on('close', done));

    expect(server.requestsFor('sts:GetCallerIdentity').length).toBeGreaterThan(0); // a client was built and used
    expect(stderr).not.toMatch(/NodeVersionSupportWarning|a\.co\/c895JFp/);
    const major = Number(process.versions.node.split('.')[0]);
    expect(stderr.split('\n').filter((l) => /Node 22/.test(l))).toHaveLength(major < 22 ? 1 : 0);
  });
});
