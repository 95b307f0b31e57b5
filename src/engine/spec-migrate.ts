// specVersion 1 -> 2: ShopFlow's fixed shape turned into named items (docs/spec-v2.md, "From v1 to v2").
// A pure function of a v1 spec that already passed the v1 schema and its relations: every v1 value has
// one place in v2. A v1 key this mapping does not know (one added to v1 after it was written) is refused
// at its pointer rather than dropped: a migrated spec that silently checks less would fail open.
import type { SpecV2 } from './spec-v2-schema.js';

type Obj = Record<string, any>;

export interface MigrationProblem { pointer: string; message: string }

/** Every v1 key the mapping places, by section (top-level keys under ''). */
const KNOWN: Record<string, readonly string[]> = {
  '': ['$schema', 'specVersion', 'application', 'document', 'region', 'scope', 'dns', 'cdn', 'storage', 'network', 'loadBalancer', 'compute', 'scaling', 'async', 'database', 'cache', 'dr'],
  dns: ['publicHostedZones', 'aliasToCloudFront'],
  cdn: ['enabled', 'staticOrigin', 'dynamicOriginIsLoadBalancer', 'waf', 'viewerCertificateSource', 'certificateExpiryWarningDays', 'viewerProtocolPolicies', 'minimumProtocolVersions'],
  storage: ['staticAssetsBucket', 'productImagesBucket', 'logsBucket'],
  network: ['vpcCount', 'availabilityZones', 'publicSubnetsRouteToInternetGateway', 'privateSubnetsRouteToInternetGateway', 'dataSubnetsRouteToInternetGateway', 'natGateways'],
  loadBalancer: ['type', 'scheme', 'minAvailabilityZones', 'targetType', 'targetPort'],
  compute: ['service', 'taskDefinition'],
  'compute/service': ['name', 'fargate', 'assignPublicIp', 'minAvailabilityZones', 'deploymentController'],
  'compute/taskDefinition': ['family', 'networkMode', 'requiresCompatibilities', 'cpu', 'memory', 'container', 'tracing'],
  'compute/taskDefinition/container': ['name', 'imageRepository', 'containerPort', 'protocol', 'environment', 'secrets', 'logging', 'secretRotation'],
  scaling: ['minTasks', 'maxTasks', 'desiredTasks', 'triggers', 'scaleOutBy', 'scaleInBy', 'cooldownSeconds'],
  async: ['queueNamePattern', 'workerServicePattern'],
  database: ['engine', 'instanceClass', 'storageType', 'allocatedStorageGb', 'multiAz', 'primaryAvailabilityZone', 'standbyAvailabilityZone', 'readReplicas', 'backupRetentionDays', 'storageEncrypted', 'encryptionKey', 'customParameterGroup', 'publiclyAccessible'],
  cache: ['engine', 'clusterMode', 'shards', 'replicasPerShard', 'nodeType', 'automaticFailover', 'multiAz'],
  dr: ['rto', 'rpo', 'backupFrequency', 'crossRegion'],
  'dr/crossRegion': ['mode', 's3Replication'],
};

/** The first v1 key the mapping has no place for, or undefined. */
export function unmappedV1Key(v1: Obj): MigrationProblem | undefined {
  for (const [section, keys] of Object.entries(KNOWN)) {
    const node = section === '' ? v1 : section.split('/').reduce<Obj | undefined>((o, k) => o?.[k], v1);
    if (!node || typeof node !== 'object') continue;
    const extra = Object.keys(node).find((k) => !keys.includes(k));
    if (extra !== undefined) {
      return { pointer: `${section ? `/${section}` : ''}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `"${extra}" has no place in specVersion 2 yet: add it to the migration (src/engine/spec-migrate.ts) and the v2 schema` };
    }
  }
  return undefined;
}

/** n named items: the first `first`, then `<prefix>-2`, `<prefix>-3`, ... */
const named = <T>(n: number, first: string, prefix: string, item: () => T): Record<string, T> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? first : `${prefix}-${i + 1}`, item()]));

/** The v2 form of a valid v1 spec. Throws nothing: call unmappedV1Key first. */
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
  const api = {
    match: { name: serviceName },
    ...service,
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
    edge: { site: structuredClone(cdn) },
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
