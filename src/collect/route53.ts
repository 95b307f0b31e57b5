// Route 53 hosted zones, public and private (global). Calls: ListHostedZones (paged, 100 per page);
// per zone ListResourceRecordSets (paged by record name/type/identifier, 300 per page) to find alias
// records pointing at CloudFront; ListTagsForResources for 10 zones per call.
import {
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  paginateListHostedZones,
  type HostedZone,
  type ListResourceRecordSetsCommandInput,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import type { GraphNode } from '../graph/types.js';
import type { HostedZoneProps } from '../graph/resource-types.js';
import { toGap } from './gap.js';
import type { CollectContext, CollectResult, Collector } from './types.js';
import { allPages } from './paginate.js';

const SERVICE = 'route53';
const REGION = 'global';
const ZONES_PER_TAG_CALL = 10;

export const route53Collector: Collector = {
  service: SERVICE,
  global: true,
  resourceTypes: ['route53.hosted-zone'],
  actions: ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'],
  collect,
};

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(Route53Client);
  const gap = (err: unknown, operation: string) =>
    result.gaps.push(toGap(err, { service: SERVICE, operation, region: REGION, resourceTypes: ['route53.hosted-zone'] }));

  let zones: HostedZone[];
  try {
    const pages = await allPages(ctx, paginateListHostedZones({ client, pageSize: 100 }, {}));
    zones = pages.flatMap((page) => page.HostedZones ?? []);
  } catch (err) {
    gap(err, 'ListHostedZones');
    return result;
  }

  const zoneIds = zones.map((z) => zoneIdOf(z.Id ?? ''));
  const [tagsByZone, aliasesByZone] = await Promise.all([
    readTags(ctx, client, zoneIds, gap),
    Promise.all(
      zoneIds.map((zoneId) =>
        listRecordSets(ctx, client, zoneId).then(cloudFrontAliases, (err: unknown) => {
          gap(err, 'ListResourceRecordSets');
          return undefined;
        }),
      ),
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
async function readTags(
  ctx: CollectContext,
  client: Route53Client,
  zoneIds: string[],
  gap: (err: unknown, operation: string) => void,
): Promise<Map<string, Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  const batches: string[][] = [];
  for (let i = 0; i < zoneIds.length; i += ZONES_PER_TAG_CALL) batches.push(zoneIds.slice(i, i + ZONES_PER_TAG_CALL));
  await Promise.all(
    batches.map(async (ResourceIds) => {
      try {
        const out = await ctx.limit(() => client.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds })));
        // A zone with no tags may be absent from the answer: it still has been read.
        for (const id of ResourceIds) tags.set(id, {});
        for (const set of out.ResourceTagSets ?? []) {
          tags.set(zoneIdOf(set.ResourceId ?? ''), Object.fromEntries((set.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
        }
      } catch (err) {
        gap(err, 'ListTagsForResources');
      }
    }),
  );
  return tags;
}

// The SDK has no paginator for ListResourceRecordSets: it continues from the next record's name, type
// and (for weighted/latency/... records) set identifier.
async function listRecordSets(ctx: CollectContext, client: Route53Client, zoneId: string): Promise<ResourceRecordSet[]> {
  const records: ResourceRecordSet[] = [];
  let input: ListResourceRecordSetsCommandInput = { HostedZoneId: zoneId, MaxItems: 300 };
  for (;;) {
    const out = await ctx.limit(() => client.send(new ListResourceRecordSetsCommand(input)));
    records.push(...(out.ResourceRecordSets ?? []));
    if (!out.IsTruncated) return records;
    input = {
      HostedZoneId: zoneId,
      MaxItems: 300,
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
