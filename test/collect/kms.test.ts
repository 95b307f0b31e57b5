// The KMS collector against a mocked SDK client: pages, node shape, rotation as KMS answers it, keys
// deleted between the list and the reads, failed reads as gaps; and the encrypted-by edge linkGraph
// derives from a data store's kmsKeyId, whichever of the four names it uses.
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand, ListKeysCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { kmsCollector } from '../../src/collect/kms.js';
import { linkGraph } from '../../src/graph/link.js';
import type { GraphNode } from '../../src/graph/types.js';
import { runRule } from '../rules/rule-tester.js';
import { ACCOUNT, accessDenied, awsError, fakeContext, throttled } from './ctx-ecs-web.js';

const kms = mockClient(KMSClient);
const arn = (resource: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:${resource}`;
const DATA = 'k-data';
const RDS = 'k-aws-rds';
const HMAC = 'k-hmac';

const meta = (KeyId: string, more: Partial<KeyMetadata> = {}): KeyMetadata => ({
  KeyId, Arn: arn(`key/${KeyId}`), Enabled: true, KeyState: 'Enabled', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS', KeyUsage: 'ENCRYPT_DECRYPT', ...more,
});
const alias = (name: string, target?: string) => ({ AliasName: `alias/${name}`, AliasArn: arn(`alias/${name}`), ...(target && { TargetKeyId: target }) });

/** Three keys over two pages, aliases over two pages (one alias not yet pointing anywhere). */
function mockAccount(): void {
  kms.on(ListKeysCommand).resolvesOnce({ Keys: [{ KeyId: DATA }, { KeyId: RDS }], NextMarker: 'm2', Truncated: true }).resolvesOnce({ Keys: [{ KeyId: HMAC }], Truncated: false });
  kms.on(ListAliasesCommand)
    .resolvesOnce({ Aliases: [alias('shopflow-data', DATA), alias('aws/ebs')], NextMarker: 'a2', Truncated: true })
    .resolvesOnce({ Aliases: [alias('aws/rds', RDS), alias('shopflow-db', DATA)], Truncated: false });
  kms.on(DescribeKeyCommand, { KeyId: DATA }).resolves({ KeyMetadata: meta(DATA) });
  kms.on(DescribeKeyCommand, { KeyId: RDS }).resolves({ KeyMetadata: meta(RDS, { KeyManager: 'AWS' }) });
  kms.on(DescribeKeyCommand, { KeyId: HMAC }).resolves({ KeyMetadata: meta(HMAC, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }) });
  kms.on(GetKeyRotationStatusCommand, { KeyId: DATA }).resolves({ KeyRotationEnabled: true });
  // AWS managed keys: KMS answers true (it rotates them every year).
  kms.on(GetKeyRotationStatusCommand, { KeyId: RDS }).resolves({ KeyRotationEnabled: true });
  // HMAC keys cannot rotate automatically: KMS refuses the question.
  kms.on(GetKeyRotationStatusCommand, { KeyId: HMAC }).rejects(awsError('UnsupportedOperationException'));
}

const byName = (nodes: GraphNode[]) => Object.fromEntries(nodes.map((n) => [n.name, n]));

describe('kmsCollector', () => {
  beforeEach(() => kms.reset());

  it('reads every page of keys and aliases, then each key, and keeps what the rules read', async () => {
    mockAccount();
    const result = await kmsCollector.collect(fakeContext());
    // The paginator reuses one input object, so the recorded inputs all show the last marker.
    expect(kms.commandCalls(ListKeysCommand).map((c) => c.args[0].input)).toEqual([{ Limit: 1000, Marker: 'm2' }, { Limit: 1000, Marker: 'm2' }]);
    expect(kms.commandCalls(ListAliasesCommand).map((c) => c.args[0].input)).toEqual([{ Limit: 100, Marker: 'a2' }, { Limit: 100, Marker: 'a2' }]);
    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(3);
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(3);
    expect(result.gaps).toEqual([]);
    expect(result.nodes.map((n) => [n.id, n.name])).toEqual([
      // Named by its first alias; a key without any by its id.
      [arn(`key/${DATA}`), 'alias/shopflow-data'],
      [arn(`key/${RDS}`), 'alias/aws/rds'],
      [arn(`key/${HMAC}`), HMAC],
    ]);
    const nodes = byName(result.nodes);
    expect(nodes['alias/shopflow-data']).toMatchObject({
      type: 'kms.key', region: 'us-east-1', account: ACCOUNT, tags: {},
      props: {
        keyId: DATA, keyState: 'Enabled', enabled: true, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', rotationEnabled: true,
        aliases: ['alias/shopflow-data', 'alias/shopflow-db'], aliasArns: [arn('alias/shopflow-data'), arn('alias/shopflow-db')],
      },
    });
    expect(nodes['alias/aws/rds']!.props).toMatchObject({ keyManager: 'AWS', rotationEnabled: true });
    expect(nodes[HMAC]!.props).toMatchObject({ keySpec: 'HMAC_256', rotationEnabled: false, aliases: [], aliasArns: [] });
  });

  it('a key whose rotation status is denied stays, rotation unknown (null), with one gap only rotation rules depend on', async () => {
    mockAccount();
    kms.on(GetKeyRotationStatusCommand, { KeyId: DATA }).rejects(accessDenied());
    const result = await kmsCollector.collect(fakeContext());
    expect(byName(result.nodes)['alias/shopflow-data']!.props).toMatchObject({ rotationEnabled: null, keyState: 'Enabled' });
    expect(byName(result.nodes)['alias/aws/rds']!.props).toMatchObject({ rotationEnabled: true });
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'kms', operation: 'GetKeyRotationStatus', code: 'AccessDeniedException', resourceTypes: ['kms.key'] })]);

    // The gap reaches the rule: the rotation check errors, it never passes on an unread status.
    const key = { type: 'kms.key' as const, name: 'alias/shopflow-data', tags: {}, props: byName(result.nodes)['alias/shopflow-data']!.props as never };
    const writer = { type: 'rds.db-instance' as const, name: 'shopflow-db', props: {} as never };
    const results = await runRule('kms-data-keys', { name: 'denied', nodes: [writer, key], edges: [['shopflow-db', 'encrypted-by', 'alias/shopflow-data']], gaps: result.gaps });
    expect(results.map((r) => r.status)).toEqual(['error']);
    expect(results[0]!.reason).toMatch(/kms:GetKeyRotationStatus in us-east-1 \(AccessDeniedException\)/);
  });

  it.each([
    ['DescribeKey', DescribeKeyCommand],
    ['GetKeyRotationStatus', GetKeyRotationStatusCommand],
  ] as const)('a key deleted between the list and %s is omitted, without a gap', async (_op, command) => {
    mockAccount();
    kms.on(command as typeof DescribeKeyCommand, { KeyId: DATA }).rejects(awsError('NotFoundException'));
    const result = await kmsCollector.collect(fakeContext());
    expect(result.nodes.map((n) => n.name)).toEqual(['alias/aws/rds', HMAC]);
    expect(result.gaps).toEqual([]);
  });

  it('a key KMS will not report rotation for in its state (pending import) is not rotating, without a gap', async () => {
    mockAccount();
    kms.on(DescribeKeyCommand, { KeyId: DATA }).resolves({ KeyMetadata: meta(DATA, { KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' }) });
    kms.on(GetKeyRotationStatusCommand, { KeyId: DATA }).rejects(awsError('KMSInvalidStateException'));
    const result = await kmsCollector.collect(fakeContext());
    expect(byName(result.nodes)['alias/shopflow-data']!.props).toMatchObject({ keyState: 'PendingImport', rotationEnabled: false });
    expect(result.gaps).toEqual([]);
  });

  it('a key that cannot be described is left out with a gap (its props would be guesses)', async () => {
    mockAccount();
    kms.on(DescribeKeyCommand, { KeyId: DATA }).rejects(throttled());
    const result = await kmsCollector.collect(fakeContext());
    expect(result.nodes.map((n) => n.name)).toEqual(['alias/aws/rds', HMAC]);
    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'DescribeKey', code: 'ThrottlingException', resourceTypes: ['kms.key'] })]);
  });

  it.each([
    ['DescribeKey without KeyMetadata', DescribeKeyCommand, {}, 'DescribeKey', false],
    ['GetKeyRotationStatus without KeyRotationEnabled', GetKeyRotationStatusCommand, {}, 'GetKeyRotationStatus', true],
  ] as const)('an answer missing its field (%s) is a gap, never a value', async (_case, command, answer, operation, kept) => {
    mockAccount();
    kms.on(command as typeof DescribeKeyCommand, { KeyId: DATA }).resolves(answer);
    const result = await kmsCollector.collect(fakeContext());
    expect(result.nodes.some((n) => n.name === 'alias/shopflow-data')).toBe(kept);
    if (kept) expect(byName(result.nodes)['alias/shopflow-data']!.props).toMatchObject({ rotationEnabled: null });
    expect(result.gaps).toEqual([expect.objectContaining({ operation, code: 'IncompleteAnswer', resourceTypes: ['kms.key'] })]);
  });

  it.each([
    ['ListKeys denied', ListKeysCommand, accessDenied, 'ListKeys', 'AccessDeniedException'],
    ['ListKeys throttled past retries on its second page', ListKeysCommand, throttled, 'ListKeys', 'ThrottlingException'],
    ['ListAliases denied: no key is known without its aliases', ListAliasesCommand, accessDenied, 'ListAliases', 'AccessDeniedException'],
  ] as const)('%s: one gap and no key, never "no keys"', async (_case, command, error, operation, code) => {
    mockAccount();
    if (operation === 'ListKeys' && code === 'ThrottlingException') kms.on(ListKeysCommand).resolvesOnce({ Keys: [{ KeyId: DATA }], NextMarker: 'm2', Truncated: true }).rejects(error());
    else kms.on(command as typeof ListKeysCommand).rejects(error());
    const result = await kmsCollector.collect(fakeContext());
    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'kms', operation, region: 'us-east-1', code, resourceTypes: ['kms.key'] })]);
    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(0);
  });

  it('declares exactly the reads it makes (and so the IAM actions it needs: no kms:Decrypt, no key policy)', () => {
    expect(kmsCollector.actions).toEqual(['kms:ListKeys', 'kms:ListAliases', 'kms:DescribeKey', 'kms:GetKeyRotationStatus']);
    expect(kmsCollector.resourceTypes).toEqual(['kms.key']);
  });
});

describe('encrypted-by edges', () => {
  const KEY_ARN = arn(`key/${DATA}`);
  const key = { id: KEY_ARN, type: 'kms.key', region: 'us-east-1', account: ACCOUNT, name: 'alias/shopflow-data', tags: {}, props: { keyId: DATA, aliases: ['alias/shopflow-data'], aliasArns: [arn('alias/shopflow-data')] } } as unknown as GraphNode;
  const store = (type: string, id: string, kmsKeyId: string | null) => ({ id, type, region: 'us-east-1', account: ACCOUNT, name: id, tags: {}, props: { kmsKeyId } }) as unknown as GraphNode;

  it('join the database, cache and buckets to the key, whichever name they use; nothing else', () => {
    const nodes = [
      store('rds.db-instance', 'db', KEY_ARN),
      store('rds.db-cluster', 'cluster', DATA),
      store('elasticache.replication-group', 'redis', KEY_ARN),
      store('s3.bucket', 'images', 'alias/shopflow-data'),
      store('s3.bucket', 'alias-arn', arn('alias/shopflow-data')),
      store('s3.bucket', 'missing', 'alias/shopflow-images'),
      store('s3.bucket', 'sse-s3', null),
      store('ecs.container', 'not-a-store', KEY_ARN),
      key,
    ];
    const { edges } = linkGraph(nodes, []);
    expect(edges.filter((e) => e.type === 'encrypted-by').map((e) => e.from).sort()).toEqual(['alias-arn', 'cluster', 'db', 'images', 'redis']);
  });
});
