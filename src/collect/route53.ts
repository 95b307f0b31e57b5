// Route 53 hosted zones, public and private (global). Calls: ListHostedZones (paged, 100 per page);
// per zone ListResourceRecordSets (paged by record name/type/identifier, 300 per page) to find alias
// records pointing at CloudFront; ListTagsForResources for 10 zones per call.
import type { HostedZone, ListResourceRecordSetsCommandInput, ListResourceRecordSetsCommandOutput, ListTagsForResourcesCommandOutput, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { GraphNode } from '../graph/types.js';
import type { HostedZoneProps } from '../graph/resource-types.js';
import { defineCollector, reader, type Reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { chunk } from './paginate.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-route-53');
const REGION = 'global';
const ZONE = { 'route53.hosted-zone': '*' } as const;

export const route53Collector = defineCollector({
  service: 'route53',
  iamPrefix: 'route53',
  sdkClient: 'Route53',
  sdkPackage: '@aws-sdk/client-route-53',
  global: true,
  // A zone whose records or tags could not be read is left out.
  reads: [
    { operation: 'ListHostedZones', pageSize: 100, per: 'region', paged: true, answer: 'HostedZones', feeds: ZONE },
    { operation: 'ListResourceRecordSets', pageSize: 300, per: 'item', paged: true, answer: 'ResourceRecordSets', feeds: ZONE, gone: ['NoSuchHostedZone'] },
    { operation: 'ListTagsForResources', batch: 10, per: 'item', paged: false, answer: 'ResourceTagSets', feeds: ZONE },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { Route53Client, ListResourceRecordSetsCommand, ListTagsForResourcesCommand, paginateListHostedZones } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(Route53Client);
  const read = reader(ctx, route53Collector, result.gaps);

  const zones = await read.list('ListHostedZones', paginateListHostedZones({ client, pageSize: read.pageSize('ListHostedZones') }, {}), (p) => p.HostedZones);
  if (!zones) return result;

  const zoneIds = zones.map((z) => zoneIdOf(z.Id ?? ''));
  const [tagsByZone, aliasesByZone] = await Promise.all([
    readTags(read, zoneIds, (ResourceIds) => ctx.limit(() => client.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds })))),
    Promise.all(
      zoneIds.map(async (zoneId) => {
        const records = await read.run('ListResourceRecordSets', () => listRecordSets((input) => ctx.limit(() => client.send(new ListResourceRecordSetsCommand(input))), zoneId, read.pageSize('ListResourceRecordSets')));
        return records && cloudFrontAliases(records);
      }),
    ),
  ]);

  zones.forEach((zone, i) => {
    const zoneId = zoneIds[i]!;
    const tags = tagsByZone.get(zoneId);
    const aliases = aliasesByZone[i];
    // A zone whose records or tags could not be read is left out; its gap is recorded.
    if (!tags || !aliases) return;
    result.nodes.push(zoneNode(ctx, zone, zoneId, tags, aliases));
  });
  return result;
}

function zoneNode(
  ctx: CollectContext,
  zone: HostedZone,
  zoneId: string,
  tags: Record<string, string>,
  cloudFrontAliases: HostedZoneProps['cloudFrontAliases'],
): GraphNode<'route53.hosted-zone'> {
  const zoneName = withoutTrailingDot(zone.Name ?? '');
  return {
    id: `arn:${ctx.partition}:route53:::hostedzone/${zoneId}`,
    type: 'route53.hosted-zone',
    region: REGION,
    account: ctx.account,
    name: zoneName,
    tags,
    props: {
      hostedZoneId: zoneId,
      zoneName,
      privateZone: zone.Config?.PrivateZone ?? false,
      recordCount: zone.ResourceRecordSetCount ?? 0,
      cloudFrontAliases,
    },
  };
}

/** Tags of every zone, 10 zones per call. Zones of a failed batch are missing from the map. */
async function readTags(read: Reader, zoneIds: string[], list: (ids: string[]) => Promise<ListTagsForResourcesCommandOutput>): Promise<Map<string, Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  await Promise.all(
    chunk(zoneIds, read.batchSize('ListTagsForResources')).map(async (ids) => {
      const out = await read.run('ListTagsForResources', () => list(ids));
      if (!out) return;
      // A zone with no tags may be absent from the answer: it still has been read.
      for (const id of ids) tags.set(id, {});
      for (const set of out.ResourceTagSets ?? []) tags.set(zoneIdOf(set.ResourceId ?? ''), tagMap(set.Tags));
    }),
  );
  return tags;
}

// The SDK has no paginator for ListResourceRecordSets: it continues from the next record's name, type
// and (for weighted/latency/... records) set identifier.
async function listRecordSets(list: (input: ListResourceRecordSetsCommandInput) => Promise<ListResourceRecordSetsCommandOutput>, zoneId: string, pageSize: number): Promise<ResourceRecordSet[]> {
  const records: ResourceRecordSet[] = [];
  let input: ListResourceRecordSetsCommandInput = { HostedZoneId: zoneId, MaxItems: pageSize };
  for (;;) {
    const out = await list(input);
    records.push(...(out.ResourceRecordSets ?? []));
    if (!out.IsTruncated) return records;
    input = {
      HostedZoneId: zoneId,
      MaxItems: pageSize,
      StartRecordName: out.NextRecordName,
      StartRecordType: out.NextRecordType,
      StartRecordIdentifier: out.NextRecordIdentifier,
    };
  }
}

/** Alias records whose target is a CloudFront distribution's domain. */
export function cloudFrontAliases(records: ResourceRecordSet[]): HostedZoneProps['cloudFrontAliases'] {
  return records.flatMap((record) => {
    const dnsName = withoutTrailingDot(record.AliasTarget?.DNSName ?? '').toLowerCase();
    if (dnsName !== 'cloudfront.net' && !dnsName.endsWith('.cloudfront.net')) return [];
    return [{ name: withoutTrailingDot(record.Name ?? ''), type: record.Type ?? '', dnsName }];
  });
}

/** "/hostedzone/Z123" -> "Z123". */
function zoneIdOf(id: string): string {
  return id.replace(/^\/?hostedzone\//, '');
}

function withoutTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
