// Least privilege: the shipped IAM policy holds exactly the calls the collectors make. The calls are
// read from the collectors' source (every `new XCommand(` and `paginateX(`), not from what they declare.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_COLLECTORS } from '../src/collect/registry.js';
import { IAM_POLICY_FILE, renderIamPolicy } from '../src/collect/iam-policy.js';

const root = new URL('..', import.meta.url).pathname;

// IAM prefix per collector service, and the S3 operations whose IAM action has another name.
const IAM_PREFIX: Record<string, string> = { elbv2: 'elasticloadbalancing' };
const IAM_NAME: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
};

async function calledActions(service: string): Promise<string[]> {
  const source = await readFile(join(root, 'src/collect', `${service}.ts`), 'utf8');
  const operations = [...source.matchAll(/new (\w+)Command\(/g), ...source.matchAll(/\bpaginate(\w+)\(/g)].map((m) => m[1]!);
  const prefix = IAM_PREFIX[service] ?? service;
  return [...new Set(operations.map((op) => IAM_NAME[`${prefix}:${op}`] ?? `${prefix}:${op}`))].sort();
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
    const called = new Set((await Promise.all(ALL_COLLECTORS.map((c) => calledActions(c.service)))).flat());
    expect([...allowed].sort()).toEqual([...called].sort());
  });

  it('is generated from the collectors\' declared actions (stale: npm run build && node scripts/make-iam.mjs)', async () => {
    expect(await readFile(join(root, IAM_POLICY_FILE), 'utf8')).toBe(renderIamPolicy(ALL_COLLECTORS));
  });

  it('a collector that declares one more action makes the committed policy stale', async () => {
    const extra = { ...ALL_COLLECTORS[0]!, actions: [...ALL_COLLECTORS[0]!.actions, 'logs:DescribeLogGroups'] };
    expect(await readFile(join(root, IAM_POLICY_FILE), 'utf8')).not.toBe(renderIamPolicy([...ALL_COLLECTORS.slice(1), extra]));
  });

  it('is read-only: no action that creates, changes or deletes', () => {
    for (const action of allowed) expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$/);
    expect(policy.Statement.every((s: { Effect: string }) => s.Effect === 'Allow')).toBe(true);
  });
});
