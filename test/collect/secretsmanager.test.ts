// The Secrets Manager collector against a mocked SDK client: pages, node shape (metadata only, never
// a value), gaps; and that nothing in infra-audit can read a secret's value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsmanagerCollector } from '../../src/collect/secretsmanager.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { IncompleteAnswerError, checkAnswer } from '../../src/collect/answer.js';
import { PROPS_SCHEMAS } from '../../src/resources/catalog.generated.js';
import { ACCOUNT, accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const sm = mockClient(SecretsManagerClient);
const ARN = (name: string, suffix = 'AbCdEf') => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-${suffix}`;

describe('secretsmanagerCollector', () => {
  beforeEach(() => sm.reset());

  it('reads every page and keeps the rotation settings, tags and key', async () => {
    sm.on(ListSecretsCommand)
      .resolvesOnce({
        SecretList: [{ ARN: ARN('shopflow/db'), Name: 'shopflow/db', RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: new Date('2026-11-01T00:00:00Z'), Tags: [{ Key: 'app', Value: 'shopflow' }] }],
        NextToken: 'p2',
      })
      .resolvesOnce({ SecretList: [{ ARN: ARN('other'), Name: 'other', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }] });
    const result = await secretsmanagerCollector.collect(fakeContext());
    expect(sm.commandCalls(ListSecretsCommand)).toHaveLength(2);
    expect(sm.commandCalls(ListSecretsCommand)[1]!.args[0].input).toMatchObject({ NextToken: 'p2' });
    expect(result.gaps).toEqual([]);
    expect(result.nodes.map((n) => [n.id, n.name, n.tags, n.props])).toEqual([
      [ARN('shopflow/db'), 'shopflow/db', { app: 'shopflow' }, { name: 'shopflow/db', rotationEnabled: true, rotationDays: 30, rotationSchedule: null, lastRotatedDate: '2026-11-01T00:00:00.000Z', kmsKeyId: null }],
      // The flag left out: a secret that never rotated.
      [ARN('other'), 'other', {}, { name: 'other', rotationEnabled: false, rotationDays: null, rotationSchedule: null, lastRotatedDate: null, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }],
    ]);
  });

  it.each([
    ['rate(10 days)', 10],
    ['rate(1 day)', 1],
    ['rate(4 hours)', 1],
    ['cron(0 16 1,15 * ? *)', null],
  ])('a rotation schedule %s is every %s days', async (ScheduleExpression, days) => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ ARN: ARN('s'), Name: 's', RotationEnabled: true, RotationRules: { ScheduleExpression } }] });
    const [node] = (await secretsmanagerCollector.collect(fakeContext())).nodes;
    expect(node!.props).toMatchObject({ rotationDays: days, rotationSchedule: ScheduleExpression });
  });

  it('keeps no value: whatever an answer carries, the props are the declared metadata only', async () => {
    const leaked = { ARN: ARN('s'), Name: 's', SecretString: 'hunter2-value', SecretBinary: new Uint8Array([1, 2]), SecretVersionsToStages: { v1: ['AWSCURRENT'] } };
    sm.on(ListSecretsCommand).resolves({ SecretList: [leaked as never] });
    const { nodes } = await secretsmanagerCollector.collect(fakeContext());
    expect(JSON.stringify(nodes)).not.toMatch(/hunter2|SecretString|SecretBinary|AWSCURRENT/);
    expect(Object.keys(nodes[0]!.props).sort()).toEqual(Object.keys(PROPS_SCHEMAS['secretsmanager.secret']!.properties!).sort());
    expect(Object.keys(PROPS_SCHEMAS['secretsmanager.secret']!.properties!).join(' ')).not.toMatch(/value|string|binary|version/i);
  });

  it('an entry without ARN or name is skipped (it could not be matched with what references it)', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ Name: 'no-arn' }, { ARN: ARN('no-name') }, { ARN: ARN('ok'), Name: 'ok' }] });
    expect((await secretsmanagerCollector.collect(fakeContext())).nodes.map((n) => n.name)).toEqual(['ok']);
  });

  it.each([
    ['denied on the first page', 0, accessDenied, 'AccessDeniedException'],
    ['throttled past retries on a later page', 1, throttled, 'ThrottlingException'],
  ])('a read that fails (%s) is one gap and no secret, never "no secrets"', async (_case, failingPage, error, code) => {
    const first = { SecretList: [{ ARN: ARN('a'), Name: 'a' }], NextToken: 'p2' };
    if (failingPage === 0) sm.on(ListSecretsCommand).rejects(error());
    else sm.on(ListSecretsCommand).resolvesOnce(first).rejects(error());
    const result = await secretsmanagerCollector.collect(fakeContext());
    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'secretsmanager', operation: 'ListSecrets', region: 'us-east-1', code, resourceTypes: ['secretsmanager.secret'] })]);
  });

  it('an answer without SecretList (an empty 200) is a failed read, not "no secrets"', () => {
    expect(() => checkAnswer('SecretsManager:ListSecrets', { $metadata: { requestId: 'r' } })).toThrow(IncompleteAnswerError);
    expect(() => checkAnswer('SecretsManager:ListSecrets', { $metadata: { requestId: 'r' }, SecretList: [] })).not.toThrow();
  });

  it('declares exactly the read it makes (and so the IAM action it needs)', () => {
    expect(secretsmanagerCollector.actions).toEqual(['secretsmanager:ListSecrets']);
    expect(secretsmanagerCollector.resourceTypes).toEqual(['secretsmanager.secret']);
  });
});

describe('secret values are never read', () => {
  const VALUE_READS = /GetSecretValue|BatchGetSecretValue|GetRandomPassword|GetParameters?(ByPath)?\b/;

  it('no collector declares a read of a value, and the IAM policy allows none', () => {
    expect(ALL_COLLECTORS.flatMap((c) => c.actions).filter((a) => VALUE_READS.test(a))).toEqual([]);
    const policy = readFileSync(new URL('../../iam/infra-audit-readonly.json', import.meta.url), 'utf8');
    expect(policy).not.toMatch(VALUE_READS);
    expect(policy).not.toMatch(/"secretsmanager:\*"|"secretsmanager:Get/);
    expect(JSON.parse(policy).Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()).filter((a: string) => a.startsWith('secretsmanager:'))).toEqual(['secretsmanager:ListSecrets']);
  });

  it('no source file can send a value-reading command (not even undeclared, past the read helper)', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    const senders = files.filter((f) => /(Batch)?GetSecretValueCommand|paginateBatchGetSecretValue|GetParameters?(ByPath)?Command/.test(readFileSync(join(root, f), 'utf8')));
    expect(senders).toEqual([]);
  });
});
