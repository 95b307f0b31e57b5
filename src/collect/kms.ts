// KMS keys of the context's region. Calls: ListKeys and ListAliases (paged), then per key DescribeKey
// and GetKeyRotationStatus (KMS has no batch read: 2 calls per key). Every key of the region is read,
// not only those a data store names: collectors run side by side, so which keys are named is known only
// once every collector is done. Keys join the application through the data stores they encrypt (the
// encrypted-by link), so no tags are read.
import type { AliasListEntry, KeyMetadata, KMSClient } from '@aws-sdk/client-kms';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, errorCode, reader, type Reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-kms');
type Sdk = Awaited<ReturnType<typeof sdk>>;
const KEY = { 'kms.key': '*' } as const;
// Deleted between the list and the reads: a real answer, not a failure.
const GONE = ['NotFoundException'];
// KMS refuses the rotation status of keys that cannot rotate automatically (asymmetric, HMAC, imported
// material, custom key stores) or are in a state where it rotates nothing (pending import, unavailable).
const NOT_ROTATING = ['UnsupportedOperationException', 'KMSInvalidStateException'];

export const kmsCollector = defineCollector({
  service: 'kms',
  iamPrefix: 'kms',
  sdkClient: 'KMS',
  sdkPackage: '@aws-sdk/client-kms',
  reads: [
    { operation: 'ListKeys', pageSize: 1000, per: 'region', paged: true, answer: 'Keys', feeds: KEY },
    // Aliases decide which data stores reach a key (a bucket may name it alias/x): no keys without them.
    { operation: 'ListAliases', pageSize: 100, per: 'region', paged: true, answer: 'Aliases', feeds: KEY },
    { operation: 'DescribeKey', per: 'item', paged: false, answer: 'KeyMetadata', feeds: KEY, gone: GONE },
    // A key whose rotation status could not be read keeps rotationEnabled null: only rules reading it error.
    { operation: 'GetKeyRotationStatus', budget: { items: ['kms.key'] }, per: 'item', paged: false, answer: 'KeyRotationEnabled', feeds: { 'kms.key': ['rotationEnabled'] }, gone: GONE },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const kms = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(kms.KMSClient);
  const read = reader(ctx, kmsCollector, result.gaps);

  const [keys, aliases] = await Promise.all([
    read.list('ListKeys', kms.paginateListKeys({ client, pageSize: read.pageSize('ListKeys') }, {}), (p) => p.Keys),
    read.list('ListAliases', kms.paginateListAliases({ client, pageSize: read.pageSize('ListAliases') }, {}), (p) => p.Aliases),
  ]);
  if (!keys || !aliases) return result;
  const aliasesOf = groupAliases(aliases);
  const nodes = await Promise.all(
    keys.flatMap((k) => (k.KeyId ? [keyNode(ctx, kms, client, read, k.KeyId, aliasesOf.get(k.KeyId) ?? [])] : [])),
  );
  for (const node of nodes) if (node) result.nodes.push(node);
  return result;
}

/** Aliases by the key they point at (an alias pointing at nothing yet names no key). */
function groupAliases(aliases: AliasListEntry[]): Map<string, AliasListEntry[]> {
  const byKey = new Map<string, AliasListEntry[]>();
  for (const a of aliases) if (a.TargetKeyId && a.AliasName) byKey.set(a.TargetKeyId, [...(byKey.get(a.TargetKeyId) ?? []), a]);
  return byKey;
}

/**
 * One key: its metadata and its rotation status, read together. Omitted (no gap) when either read finds
 * it deleted since the list; omitted with a gap when its metadata could not be read. A rotation status
 * that could not be read is null, with a gap that only the rules reading it depend on.
 */
async function keyNode(ctx: CollectContext, kms: Sdk, client: KMSClient, read: Reader, KeyId: string, aliases: AliasListEntry[]): Promise<GraphNode<'kms.key'> | undefined> {
  const { DescribeKeyCommand, GetKeyRotationStatusCommand } = kms;
  const [described, rotation] = await Promise.all([
    read.try('DescribeKey', () => client.send(new DescribeKeyCommand({ KeyId }))),
    read.try('GetKeyRotationStatus', () => client.send(new GetKeyRotationStatusCommand({ KeyId }))),
  ]);
  if ((!described.ok && described.gone) || (!rotation.ok && rotation.gone)) return undefined;
  const meta = described.ok ? described.value.KeyMetadata : undefined;
  if (!meta) return read.fail('DescribeKey', described.ok ? incomplete('DescribeKey', 'KeyMetadata') : described.error);
  let rotationEnabled: boolean | null = null;
  if (rotation.ok && typeof rotation.value.KeyRotationEnabled === 'boolean') rotationEnabled = rotation.value.KeyRotationEnabled;
  else if (!rotation.ok && NOT_ROTATING.includes(errorCode(rotation.error) ?? '')) rotationEnabled = false;
  else read.fail('GetKeyRotationStatus', rotation.ok ? incomplete('GetKeyRotationStatus', 'KeyRotationEnabled') : rotation.error);
  return node(ctx, KeyId, meta, aliases, rotationEnabled);
}

// The client checks every answer (answer.ts); this guards the props against one that got through anyway.
const incomplete = (operation: string, field: string) =>
  Object.assign(new Error(`${operation}: answer without ${field}, which AWS always returns`), { name: 'IncompleteAnswer' });

function node(ctx: CollectContext, keyId: string, m: KeyMetadata, aliases: AliasListEntry[], rotationEnabled: boolean | null): GraphNode<'kms.key'> {
  const names = aliases.map((a) => a.AliasName!).sort();
  return {
    id: m.Arn ?? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.account}:key/${keyId}`,
    type: 'kms.key',
    region: ctx.region,
    account: ctx.account,
    // People know a key by its alias; one without any by its id.
    name: names[0] ?? keyId,
    tags: {},
    props: {
      keyId,
      keyState: m.KeyState ?? '',
      enabled: m.Enabled ?? false,
      keyManager: m.KeyManager ?? '',
      keySpec: m.KeySpec ?? '',
      origin: m.Origin ?? '',
      rotationEnabled,
      aliases: names,
      aliasArns: aliases.flatMap((a) => (a.AliasArn ? [a.AliasArn] : [])).sort(),
    },
  };
}
