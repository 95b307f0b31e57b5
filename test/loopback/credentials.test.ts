// Credential problems before the audit starts are the operator's to fix (exit 2, saying what to do
// and naming the profile); an endpoint that answers GetCallerIdentity without an account stops the
// scan (exit 3), never "account undefined, complete". The real default credential chain runs, on
// files in a temporary HOME; every endpoint (STS, SSO) is the loopback server; IMDS is off.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwsLoopbackServer } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { scanOnWire } from './scan-on-wire.js';

const home = mkdtempSync(join(tmpdir(), 'infra-audit-creds-'));
const CHAIN_VARIABLES = [
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_ENDPOINT_URL', 'HOME',
];
const saved = Object.fromEntries(CHAIN_VARIABLES.map((k) => [k, process.env[k]]));
let server: AwsLoopbackServer;

beforeAll(async () => {
  server = await shopflowServer();
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), [
    '[profile other]', 'region = us-east-1', '',
    '[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = ReadOnly', 'region = us-east-1', '',
    '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
  ].join('\n'));
  writeFileSync(join(home, '.aws', 'credentials'), '[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other-secret\n');
  // `aws sso login` left a token that has since expired (and cannot be refreshed).
  const cacheFile = createHash('sha1').update('corp').digest('hex');
  writeFileSync(join(home, '.aws', 'sso', 'cache', `${cacheFile}.json`), JSON.stringify({ accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
  for (const k of CHAIN_VARIABLES) delete process.env[k];
  Object.assign(process.env, {
    HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: server.endpoint,
  });
});
afterEach(() => server.reset());
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

/** A scan through the default chain (no injected credentials), as the CLI runs it. */
const scanWithChain = async (profile?: string) => { const s = await scanOnWire(server, { timeoutSeconds: 20, client: { credentials: undefined, ...(profile && { profile }) } }); console.log("STDERR", s.stderr); return s; };

describe('credentials: exit 2 with what to do, before any read', () => {
  it('no credentials anywhere', async () => {
    const scan = await scanWithChain();
    expect(scan.code, scan.stderr).toBe(2);
    expect(scan.stderr).toMatch(/no AWS credentials found .*--profile/);
    expect(server.requests.filter((r) => r.client !== 'STS')).toEqual([]);
  });

  it('an unknown profile, named', async () => {
    const scan = await scanWithChain('nope');
    expect(scan.code, scan.stderr).toBe(2);
    expect(scan.stderr).toMatch(/profile "nope"/);
    expect(scan.stderr).toMatch(/aws configure list-profiles/);
  });

  it('an expired SSO session: run aws sso login for that profile', async () => {
    const scan = await scanWithChain('sso-dev');
    expect(scan.code, scan.stderr).toBe(2);
    expect(scan.stderr).toMatch(/aws sso login --profile sso-dev/);
  });

  it.each(['ExpiredToken', 'InvalidClientTokenId', 'SignatureDoesNotMatch'])('keys STS rejects (%s)', async (code) => {
    server.on('STS:GetCallerIdentity', { error: code, message: 'The security token included in the request is invalid', status: 403 });
    const scan = await scanWithChain('other');
    expect(scan.code, scan.stderr).toBe(2);
    expect(scan.stderr).toMatch(new RegExp(`AWS rejected the credentials of profile "other" \\(${code}`));
  });
});

describe('an identity without an account stops the scan (exit 3), never "account undefined"', () => {
  it.each([
    ['an empty 200', { fault: { kind: 'empty200' } }],
    ['an empty 200 with a request id', { fault: { kind: 'empty200', requestId: true } }],
    ['a proxy page', { fault: { kind: 'html200' } }],
    ['an answer without Account', { output: { Arn: 'arn:aws:sts::123456789012:assumed-role/x/y', UserId: 'AROA:y' } }],
    ['an account that is not one', { output: { Arn: 'arn:aws:sts::123456789012:assumed-role/x/y', UserId: 'AROA:y', Account: 'undefined' } }],
  ] as const)('%s', async (_label, reply) => {
    server.on('STS:GetCallerIdentity', reply as never);
    const scan = await scanWithChain('other');
    expect(scan.code, scan.stderr).toBe(3);
    expect(scan.stderr).toMatch(/GetCallerIdentity/);
    expect(scan.results).toEqual([]);
    // The collectors' first reads went out alongside the identity (it is not on the critical path);
    // none of what they read is reported.
    expect(scan.complete).toBeUndefined(); // no report at all
  });
});
