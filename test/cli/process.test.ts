// The real process (bin/infra-audit.js, the built CLI): signals end a scan with the conventional exit
// code and leave nothing behind, and stream paths (/dev/stdout, a shell's `>(...)`) are written
// through the descriptor they name. The scan talks to a loopback server that never answers, so the
// run is certainly mid-read when the signal arrives (we send it after the first request lands).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { EXAMPLE, ROOT, removeSandboxes, sandbox } from '../corpus/harness.js';

const BIN = join(ROOT, 'bin/infra-audit.js');
const HARD_STOP_MS = 15_000;

/** The spawned CLI runs dist/: rebuild it when a source file is newer, so the test sees this code. */
beforeAll(async () => {
  const built = await stat(join(ROOT, 'dist/index.js')).then((s) => s.mtimeMs, () => 0);
  const sources = await readdir(join(ROOT, 'src'), { recursive: true });
  const newest = Math.max(...(await Promise.all(sources.map((f) => stat(join(ROOT, 'src', f)).then((s) => s.mtimeMs)))));
  if (newest > built) await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')]);
}, 120_000);
afterAll(removeSandboxes);

interface Exit { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}, onStart?: (kill: (s: NodeJS.Signals) => void) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Nothing may hang: a child still running here has failed the test, and is stopped.
    const stop = setTimeout(() => child.kill('SIGKILL'), HARD_STOP_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(stop);
      resolve({ code, signal, stdout, stderr });
    });
    onStart?.((s) => child.kill(s));
  });
}

/** A loopback "AWS" that accepts every request and never answers; `first` settles when one arrives. */
async function silentAws(): Promise<{ server: Server; url: string; first: Promise<IncomingMessage> }> {
  let arrived!: (req: IncomingMessage) => void;
  const first = new Promise<IncomingMessage>((r) => (arrived = r));
  const server = createServer((req) => arrived(req));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, first };
}

const awsEnv = (url: string, dir: string) => ({
  AWS_ENDPOINT_URL: url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST', AWS_SECRET_ACCESS_KEY: 'loopback',
  AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during a scan', (signal, expected) => {
  it(`exits ${expected} and leaves no output or temp file`, async () => {
    const dir = await sandbox({ 'spec.json': EXAMPLE.spec });
    const aws = await silentAws();
    try {
      const exit = await spawnCli(['scan', '--spec', 'spec.json', '--output', 'snap.json', '--json', 'report.json', '--markdown', 'summary.md'], dir, awsEnv(aws.url, dir),
        (kill) => void aws.first.then(() => kill(signal)));
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: expected, signal: null });
      expect(exit.stderr).toContain(`interrupted (${signal})`);
      expect(await readdir(dir)).toEqual(['spec.json']);
    } finally {
      aws.server.closeAllConnections();
      aws.server.close();
    }
  });
});

describe('stream paths', () => {
  it('issue: --markdown /dev/stdout into a pipe: the Markdown arrives on stdout, /dev/stdout stays a symlink', async () => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted });
    const exit = await spawnCli(['check', '--spec', 'shopflow', '--snapshot', 'snap.json', '--markdown', '/dev/stdout', '--format', 'json'], dir);
    expect(exit.code).toBe(1);
    expect(exit.stdout).toMatch(/^# infra-audit[\s\S]*\n\{\n {2}"\$schema"/);
    expect((await lstat('/dev/stdout')).isSymbolicLink()).toBe(true);
  });

  it('issue: --json >(cat) (a shell process substitution) gets the whole report', async () => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted });
    const script = `node "${BIN}" check --spec shopflow --snapshot snap.json --json >(cat > got.json) --format markdown >/dev/null; code=$?; wait $!; exit $code`;
    const exit = await new Promise<number | null>((resolve) => {
      const child = spawn('bash', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, stdio: 'ignore' });
      const stop = setTimeout(() => child.kill('SIGKILL'), HARD_STOP_MS);
      child.on('close', (code) => {
        clearTimeout(stop);
        resolve(code);
      });
    });
    expect(exit).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'got.json'), 'utf8')).summary.fail).toBeGreaterThan(0);
  });
});
