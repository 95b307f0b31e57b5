// `infra-audit scan` in-process (runScan: spec, rules, ClientFactory, every collector, the engine and
// the JSON report) against the loopback server, with the client timeouts and deadline a test injects.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportError } from '../../src/cli/main.js';
import { runScan } from '../../src/cli/scan-run.js';
import type { ClientOptions } from '../../src/collect/clients.js';
import type { Collector } from '../../src/collect/types.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { Gap } from '../../src/graph/types.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { loopbackClientOptions } from './harness.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WireResult { ruleId: string; status: 'pass' | 'fail' | 'skip' | 'error'; resource: { id: string; type: string }; reason?: string }
export interface WireScan { code: number; stderr: string; complete: boolean | undefined; gaps: Gap[]; results: WireResult[] }

export async function scanOnWire(
  server: AwsLoopbackServer,
  opts: { timeoutSeconds: number; client?: Partial<ClientOptions>; collectors?: readonly Collector[]; snapshotFile?: string },
): Promise<WireScan> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: ROOT };
  // As the CLI does: a typed error (no account, bad credentials) becomes its exit code and message.
  const code = await runScan(
    {
      format: 'json', failOn: 'low', snapshot: '', spec: 'shopflow', timeout: opts.timeoutSeconds, clientOptions: loopbackClientOptions(server, opts.client),
      ...(opts.collectors && { collectors: opts.collectors }), ...(opts.snapshotFile && { output: opts.snapshotFile }),
    },
    io,
  ).catch((err: unknown) => reportError(err, io));
  const report = stdout ? (JSON.parse(stdout) as { complete: boolean; gaps: Gap[]; results: WireResult[] }) : undefined;
  return { code, stderr, complete: report?.complete, gaps: report?.gaps ?? [], results: report?.results ?? [] };
}

interface RuleFile { id: string; composite?: { rules: string[] } }

const RULES = readdirSync(join(ROOT, 'rules')).map((f) => readFileSync(join(ROOT, 'rules', f), 'utf8')).map((text) => ({ text, rule: JSON.parse(text) as RuleFile }));
const TYPE_MENTION = /"([a-z0-9-]+)\.[a-z-]+"/g;

/**
 * The collectors a case needs: the one owning the operation, and every one whose resources the rules
 * blinded by it read (so those rules see everything else they join with, as in a full scan).
 */
export function collectorsFor(operationService: string, blinded: ReadonlySet<string>): Collector[] {
  const services = new Set([operationService]);
  for (const { text, rule } of RULES) if (blinded.has(rule.id)) for (const m of text.matchAll(TYPE_MENTION)) services.add(m[1]!);
  return ALL_COLLECTORS.filter((c) => services.has(c.service));
}

/** Rules that read any of these resource types (in select, where or an edge), and composites over them. */
export function rulesReading(types: readonly string[]): Set<string> {
  const rules = RULES;
  const reading = new Set(rules.filter(({ text }) => types.some((t) => text.includes(`"${t}"`))).map(({ rule }) => rule.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const { rule } of rules) {
      if (!reading.has(rule.id) && rule.composite?.rules.some((id) => reading.has(id))) {
        reading.add(rule.id);
        grew = true;
      }
    }
  }
  return reading;
}
