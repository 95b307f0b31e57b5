// `infra-audit scan --accounts FILE` / `--organization` in-process (runScan, as the CLI runs it) against
// the loopback server serving many accounts (accounts.ts): real SDK clients, STS and Organizations on
// the wire, every account's files written to a temporary output directory.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportError } from '../../src/cli/main.js';
import { runScan } from '../../src/cli/scan-run.js';
import type { ClientOptions } from '../../src/collect/clients.js';
import type { Collector } from '../../src/collect/types.js';
import type { RunManifest } from '../../src/multi/types.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { loopbackClientOptions } from './harness.js';
import { ROOT } from './scan-on-wire.js';

export interface AccountsScan { code: number; stdout: string; stderr: string; outDir: string; manifest: RunManifest | undefined; report(id: string): { account: string; complete: boolean; results: { ruleId: string; status: string }[] } | undefined }

/**
 * Waits long enough that a busy machine (many accounts' clients in one process, beside other test
 * files) never turns a healthy answer into a timeout: these tests are about accounts, not timeouts.
 */
const PATIENT = { requestTimeoutMs: 20_000, socketTimeoutMs: 15_000, maxAttempts: 3 };

export const tempDir = (prefix = 'infra-audit-accounts-') => mkdtempSync(join(tmpdir(), prefix));

/** Writes an accounts file into a fresh directory and returns its path. */
export function accountsFile(content: unknown): string {
  const file = join(tempDir('infra-audit-accounts-file-'), 'accounts.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

export async function scanAccountsOnWire(
  server: AwsLoopbackServer,
  args: Record<string, unknown> & { outputDir?: string },
  opts: { client?: Partial<ClientOptions>; collectors?: readonly Collector[] } = {},
): Promise<AccountsScan> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: ROOT };
  const outDir = args.outputDir ?? join(tempDir(), 'out');
  const code = await runScan(
    {
      format: 'table', failOn: 'none', snapshot: '', spec: 'shopflow', timeout: 60, outputDir: outDir,
      clientOptions: loopbackClientOptions(server, { ...PATIENT, ...opts.client }), ...(opts.collectors && { collectors: opts.collectors }), ...args,
    } as never,
    io,
  ).catch((err: unknown) => reportError(err, io));
  const manifestFile = join(outDir, 'run.json');
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as RunManifest) : undefined;
  const report = (id: string) => {
    const file = join(outDir, id, 'report.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  };
  return { code, stdout, stderr, outDir, manifest, report };
}
