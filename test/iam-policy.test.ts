// Least privilege: the shipped IAM policy holds exactly the calls the collectors make (and the identity
// check). The calls are read from the source (every `new XCommand(` and `paginateX(`), not from what the
// collectors declare, so an undeclared read or a declared read never made both fail here.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_COLLECTORS } from '../src/collect/registry.js';
import { IAM_POLICY_FILE, renderIamPolicy } from '../src/collect/iam-policy.js';
import { defineCollector } from '../src/collect/read.js';

const root = new URL('..', import.meta.url).pathname;

// IAM prefix per collector service, and the S3 operations whose IAM action has another name.
const IAM_PREFIX: Record<string, string> = { elbv2: 'elasticloadbalancing' };
const IAM_NAME: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
};

async function calledActions(service: string, file = service): Promise<string[]> {
  const source = await readFile(join(root, 'src/collect', `${file}.ts`), 'utf8');
  const operations = [...source.matchAll(/new (\w+)Command\(/g), ...source.matchAll(/\bpaginate(\w+)\(/g)].map((m) => m[1]!);
  const prefix = IAM_PREFIX[service] ?? service;
  // Tags through the Resource Groups Tagging API: the calls of tagging.ts, under IAM's prefix for it.
  const tagging = source.includes("from './tagging.js'") ? await calledActions('tag', 'tagging') : [];
  return [...new Set([...operations.map((op) => IAM_NAME[`${prefix}:${op}`] ?? `${prefix}:${op}`), ...tagging])].sort();
}

describe('iam/infra-audit-readonly.json', async () => {
  const policy = JSON.parse(await readFile(join(root, 'iam/infra-audit-readonly.json'), 'utf8'));
  const allowed: string[] = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);

  for (const collector of ALL_COLLECTORS) {
    it(`${collector.service}: declared actions are exactly the calls in its source`, async () => {
      expect([...collector.actions].sort()).toEqual(await calledActions(collector.service));
    });
  }

  it('allows exactly the union of the collectors\' calls, nothing more', async () => {
    const called = new Set((await Promise.all([...ALL_COLLECTORS.map((c) => calledActions(c.service)), calledActions('sts', 'identity')])).flat());
    expect([...allowed].sort()).toEqual([...called].sort());
  });

  it('is generated from the collectors\' declared actions (stale: npm run build && node scripts/make-iam.mjs)', async () => {
    expect(await readFile(join(root, IAM_POLICY_FILE), 'utf8')).toBe(renderIamPolicy(ALL_COLLECTORS));
  });

  it('a collector that declares one more read makes the committed policy stale', async () => {
    const first = ALL_COLLECTORS[0]!;
    const extra = defineCollector({ ...first, reads: [...first.reads, { operation: 'DescribeFlowLogs', per: 'region', paged: true, answer: 'FlowLogs', feeds: { 'ec2.vpc': ['flowLogs'] } }] });
    expect(extra.actions).toContain(`${first.iamPrefix}:DescribeFlowLogs`);
    expect(await readFile(join(root, IAM_POLICY_FILE), 'utf8')).not.toBe(renderIamPolicy([...ALL_COLLECTORS.slice(1), extra]));
  });

  it('allows the identity check every scan starts with', () => {
    expect(allowed).toContain('sts:GetCallerIdentity');
  });

  it('names an S3 read by its IAM action where that differs from the operation', () => {
    const s3 = ALL_COLLECTORS.find((c) => c.service === 's3')!;
    expect(s3.actions).toContain('s3:ListAllMyBuckets');
    expect(s3.actions).not.toContain('s3:ListBuckets');
  });

  it('is read-only: no action that creates, changes or deletes', () => {
    for (const action of allowed) expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$/);
    expect(policy.Statement.every((s: { Effect: string }) => s.Effect === 'Allow')).toBe(true);
  });
});
