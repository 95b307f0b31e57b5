// specVersion 1 -> 2: ShopFlow's fixed shape turned into named items (docs/spec-v2.md, "From v1 to v2").
// A pure function of a v1 spec that already passed the v1 schema and its relations: every v1 value has
// one place in v2. schemas/spec.schema.json is frozen (a new key goes into the v2 schema only), and it
// refuses any key it does not list, so no v1 key can reach this mapping without a place: a test checks
// that every key of the frozen schema lands in the migrated spec.
import type { SpecV2 } from './spec-v2-schema.js';

type Obj = Record<string, any>;

/** n named items: the first `first`, then `<prefix>-2`, `<prefix>-3`, ... */
const named = <T>(n: number, first: string, prefix: string, item: () => T): Record<string, T> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? first : `${prefix}-${i + 1}`, item()]));

/** The v2 form of a valid v1 spec (schema and relations checked). */
export function migrateV1(v1: Obj): SpecV2 {
  const { network: net, cdn, loadBalancer: lb, compute, scaling, async: work, storage, dns, dr } = v1;
  const schema = typeof v1.$schema === 'string' ? { $schema: v1.$schema.replace(/spec\.schema\.json$/, 'spec-v2.schema.json') } : {};
  const tier = (routeToInternetGateway: boolean) => ({ routeToInternetGateway });
  const network = () => ({
    availabilityZones: [...net.availabilityZones],
    subnetTiers: {
      public: tier(net.publicSubnetsRouteToInternetGateway),
      private: tier(net.privateSubnetsRouteToInternetGateway),
      data: tier(net.dataSubnetsRouteToInternetGateway),
    },
    natGateways: { ...net.natGateways },
  });
  const { name: serviceName, ...service } = compute.service;
  // v1 held the API's subnets to the network's zones: the service's own list carries that over.
  const zoned = Object.entries(service).flatMap(([k, v]) => (k === 'minAvailabilityZones' ? [[k, v], ['availabilityZones', [...net.availabilityZones]]] : [[k, v]]));
  const api = {
    match: { name: serviceName },
    ...Object.fromEntries(zoned),
    loadBalancer: { targetType: lb.targetType, targetPort: lb.targetPort },
    taskDefinition: structuredClone(compute.taskDefinition),
    scaling: structuredClone(scaling),
  };
  const bucket = (pattern: string, replicated?: boolean) => ({ match: { namePattern: pattern }, ...(replicated === undefined ? {} : { crossRegionReplication: replicated }) });
  return {
    ...schema,
    specVersion: 2,
    application: v1.application,
    document: v1.document,
    region: v1.region,
    scope: structuredClone(v1.scope),
    networks: named(net.vpcCount, 'main', 'vpc', network),
    // v1's static origin was the static-assets bucket (its pattern): the distribution names it itself now.
    edge: { site: { ...structuredClone(cdn), staticOrigin: { ...cdn.staticOrigin, bucketNamePattern: storage.staticAssetsBucket } } },
    loadBalancers: { public: { type: lb.type, scheme: lb.scheme, minAvailabilityZones: lb.minAvailabilityZones } },
    services: { api, worker: { match: { namePattern: work.workerServicePattern }, running: true } },
    databases: { main: { kind: 'rds-instance', ...structuredClone(v1.database) } },
    caches: { main: { ...v1.cache } },
    queues: { work: { match: { namePattern: work.queueNamePattern } } },
    buckets: {
      'static-assets': bucket(storage.staticAssetsBucket, dr.crossRegion.s3Replication),
      'product-images': bucket(storage.productImagesBucket, dr.crossRegion.s3Replication),
      logs: bucket(storage.logsBucket),
    },
    ...(dns.publicHostedZones > 0 && { dns: named(dns.publicHostedZones, 'public', 'zone', () => ({ aliasToDistribution: dns.aliasToCloudFront })) }),
    dr: { rto: { ...dr.rto }, rpo: { ...dr.rpo }, backupFrequency: dr.backupFrequency, crossRegion: { mode: dr.crossRegion.mode } },
  } as SpecV2;
}
