// @ts-check
// Builds the example snapshots in examples/: a ShopFlow account that meets spec.shopflow.json
// (compliant), the same account with seven planted drifts (drifted), and the same account with
// ElastiCache unreadable (partial). The account also holds AWS's default VPC and another
// application (billing) that a scan must neither count nor judge.
//
//   node scripts/make-examples.mjs        # writes examples/*.snapshot.json
//
// Deterministic: fixed ids and timestamps, nodes sorted by type then id, edges by type, from, to.
// The generator plays the collector's part where the collector derives things (image repository and
// tag, credential-like environment names, a subnet's default route, restore lag), starting from
// raw AWS-shaped values, so the examples show what a collector keeps and what it drops.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {import('../src/graph/types.js').Snapshot} Snapshot */
/** @typedef {import('../src/graph/types.js').GraphNode} GraphNode */
/** @typedef {import('../src/graph/types.js').GraphEdge} GraphEdge */
/** @typedef {import('../src/graph/edge-types.js').EdgeType} EdgeType */
/** @typedef {import('../src/graph/resource-types.js').ResourceType} ResourceType */
/** @typedef {import('../src/graph/resource-types.js').SubnetProps} SubnetProps */
/** @typedef {import('../src/graph/resource-types.js').RouteTableProps} RouteTableProps */
/** @typedef {import('../src/graph/resource-types.js').ContainerProps} ContainerProps */

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const STARTED_AT = '2026-11-20T02:00:00Z';
const FINISHED_AT = '2026-11-20T02:00:41Z';
const TOOL = { name: 'infra-audit', version: '0.1.0' };

/**
 * The value the drifted task definition puts in DATABASE_URL as a plain environment variable. It
 * exists only here, as the live task definition would hold it: a collector keeps the variable's
 * name and flags it credential-like, and the value must never reach a snapshot.
 */
export const PLANTED_DATABASE_URL = 'postgres://shopflow_app:vT9#mQ2!rL7xK4pz@shopflow-db.c7mkz1xq2wfa.us-east-1.rds.amazonaws.com:5432/shopflow';

/** Environment names the spec declares non-secret (compute.taskDefinition.container.environment): their values are kept. */
const KEEP_ENVIRONMENT_VALUES = ['NODE_ENV'];

/** The seven drifts of the drifted example, each one claim of the architecture broken. */
export const DRIFTS = /** @type {const} */ ([
  'writer-single-az', // C38: writer multiAz false, no standby
  'backup-retention-6', // C40: 6 days instead of 7
  'one-nat-gateway', // C14/C15: the AZ-b NAT gateway is gone; private-b routes through AZ-a's
  'no-waf', // C05: the distribution has no web ACL
  'task-size', // C21: cpu 1024 / memory 2048
  'database-url-plain', // C24: DATABASE_URL in plain environment, not a secret
  'one-read-replica', // C39: shopflow-db-replica-2 is gone
]);

/** @typedef {(typeof DRIFTS)[number]} Drift */

/** The example files, by name. */
export const EXAMPLE_FILES = ['shopflow-compliant.snapshot.json', 'shopflow-drifted.snapshot.json', 'shopflow-partial.snapshot.json'];

/** @returns {Record<string, Snapshot>} every example, by file name */
export function buildExamples() {
  const compliant = buildAccount(new Set());
  const drifted = buildAccount(new Set(DRIFTS));
  const partial = withoutElastiCache(buildAccount(new Set()));
  return {
    'shopflow-compliant.snapshot.json': compliant,
    'shopflow-drifted.snapshot.json': drifted,
    'shopflow-partial.snapshot.json': partial,
  };
}

/** Exactly as src/graph/snapshot.ts serializeSnapshot does it. */
export function serialize(/** @type {Snapshot} */ snapshot) {
  return JSON.stringify(snapshot, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// ARNs and ids

const arn = {
  vpc: (/** @type {string} */ id) => `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${id}`,
  subnet: (/** @type {string} */ id) => `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${id}`,
  routeTable: (/** @type {string} */ id) => `arn:aws:ec2:${REGION}:${ACCOUNT}:route-table/${id}`,
  internetGateway: (/** @type {string} */ id) => `arn:aws:ec2:${REGION}:${ACCOUNT}:internet-gateway/${id}`,
  natGateway: (/** @type {string} */ id) => `arn:aws:ec2:${REGION}:${ACCOUNT}:natgateway/${id}`,
  dbInstance: (/** @type {string} */ id) => `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`,
  dbSubnetGroup: (/** @type {string} */ name) => `arn:aws:rds:${REGION}:${ACCOUNT}:subgrp:${name}`,
  replicationGroup: (/** @type {string} */ id) => `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:${id}`,
  cacheSubnetGroup: (/** @type {string} */ name) => `arn:aws:elasticache:${REGION}:${ACCOUNT}:subnetgroup:${name}`,
  ecsCluster: (/** @type {string} */ name) => `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${name}`,
  ecsService: (/** @type {string} */ cluster, /** @type {string} */ name) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${name}`,
  taskDefinition: (/** @type {string} */ family, /** @type {number} */ revision) => `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:${revision}`,
  s3Bucket: (/** @type {string} */ name) => `arn:aws:s3:::${name}`,
  cloudwatchAlarm: (/** @type {string} */ name) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
  queue: (/** @type {string} */ name) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
};

/** Containers have no ARN: they are addressed inside their task definition (as src/collect/ecs.ts does). */
const containerId = (/** @type {string} */ taskDefinitionArn, /** @type {string} */ name) => `${taskDefinitionArn}/container/${name}`;

const AZ_A = 'us-east-1a';
const AZ_B = 'us-east-1b';
const AZ_C = 'us-east-1c';

// ShopFlow's network.
const SF = {
  vpc: 'vpc-0c4f1e2a3b5d6e7f8',
  cidr: '10.20.0.0/16',
  igw: 'igw-0f1e2d3c4b5a69788',
  subnets: {
    publicA: { id: 'subnet-0a3c5e7f9b1d2c4e6', az: AZ_A, cidr: '10.20.0.0/24', name: 'shopflow-public-a' },
    publicB: { id: 'subnet-0b4d6f8a1c3e5a7b9', az: AZ_B, cidr: '10.20.1.0/24', name: 'shopflow-public-b' },
    privateA: { id: 'subnet-0c5e7a9b2d4f6b8c1', az: AZ_A, cidr: '10.20.10.0/24', name: 'shopflow-private-a' },
    privateB: { id: 'subnet-0d6f8b1c3e5a7c9d2', az: AZ_B, cidr: '10.20.11.0/24', name: 'shopflow-private-b' },
    dataA: { id: 'subnet-0e7a9c2d4f6b8d1e3', az: AZ_A, cidr: '10.20.20.0/24', name: 'shopflow-data-a' },
    dataB: { id: 'subnet-0f8b1d3e5a7c9e2f4', az: AZ_B, cidr: '10.20.21.0/24', name: 'shopflow-data-b' },
  },
  routeTables: {
    main: 'rtb-0a1f2e3d4c5b6a798',
    public: 'rtb-0b2e3d4c5b6a79801',
    privateA: 'rtb-0c3d4c5b6a7980123',
    privateB: 'rtb-0d4c5b6a798012345',
    data: 'rtb-0e5b6a79801234567',
  },
  natA: 'nat-0a9b8c7d6e5f4a3b2',
  natB: 'nat-0b8c7d6e5f4a3b2c1',
  apiSecurityGroup: 'sg-0a1b2c3d4e5f6a7b8',
  workerSecurityGroup: 'sg-0b2c3d4e5f6a7b8c9',
};

// AWS's default VPC: untagged, three default subnets (one per AZ) on the main route table.
const DEFAULT = {
  vpc: 'vpc-0de1a2b3c4d5e6f70',
  cidr: '172.31.0.0/16',
  igw: 'igw-0d5e6f7a8b9c0d1e2',
  mainRouteTable: 'rtb-0d4e5f6a7b8c9d0e1',
  subnets: [
    { id: 'subnet-0d1e2f3a4b5c6d7e8', az: AZ_A, cidr: '172.31.0.0/20' },
    { id: 'subnet-0d2e3f4a5b6c7d8e9', az: AZ_B, cidr: '172.31.16.0/20' },
    { id: 'subnet-0d3e4f5a6b7c8d9e0', az: AZ_C, cidr: '172.31.32.0/20' },
  ],
};

// Another application in the same account: tagged app=billing; its NAT gateway and route tables are untagged.
const BILLING = {
  vpc: 'vpc-0b1a2c3d4e5f60789',
  cidr: '10.40.0.0/16',
  igw: 'igw-0b9a8c7d6e5f4a3b2',
  nat: 'nat-0b7a6c5d4e3f2a1b0',
  subnets: {
    publicA: { id: 'subnet-0b1c2d3e4f5a6b7c8', az: AZ_A, cidr: '10.40.0.0/24', name: 'billing-public-a' },
    privateA: { id: 'subnet-0b2c3d4e5f6a7b8c9', az: AZ_A, cidr: '10.40.10.0/24', name: 'billing-private-a' },
    privateB: { id: 'subnet-0b3d4e5f6a7b8c9d0', az: AZ_B, cidr: '10.40.11.0/24', name: 'billing-private-b' },
  },
  routeTables: { main: 'rtb-0b4e5f6a7b8c9d0e1', public: 'rtb-0b5f6a7b8c9d0e1f2', private: 'rtb-0b6a7b8c9d0e1f2a3' },
  securityGroup: 'sg-0b4c5d6e7f8a9b0c1',
};

const ALB = {
  name: 'shopflow-alb',
  arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shopflow-alb/50dc6c495c0c9188`,
  dnsName: 'shopflow-alb-1588470632.us-east-1.elb.amazonaws.com',
  targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/shopflow-api-tg/6d0ecf831eec9f09`,
  httpsListenerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/shopflow-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  httpListenerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/shopflow-alb/50dc6c495c0c9188/7a3e1c5b9d2f4e60`,
};

const CDN = {
  id: 'E2QWRUHAPOMQZL',
  arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`,
  domainName: 'd2x7ymq1b9k4zp.cloudfront.net',
  certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/8b1d6a4e-3c2f-4e5a-9b7d-1f0e2c3a4b5d`,
  originAccessControlId: 'E1S9LWKZRFXQ2H',
  webAclId: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  webAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/shopflow-edge/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b`,
  hostedZoneId: 'Z0471812A9PQXKX3V7N2T',
};

const BUCKETS = {
  static: `shopflow-static-assets-${ACCOUNT}`,
  images: `shopflow-product-images-${ACCOUNT}`,
  logs: `shopflow-logs-${ACCOUNT}`,
  billing: `billing-invoices-${ACCOUNT}`,
};

const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f7c3a2b-9d4e-4b6a-8c5f-0e2d1a3b4c5d`;
const DATABASE_URL_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:shopflow/prod/database-url-Xk3p9Q`;
const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

// ---------------------------------------------------------------------------------------------
// What a collector derives

/** Repository without registry host, and tag (null for a digest). */
function parseImage(/** @type {string} */ image) {
  let rest = image;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const head = rest.slice(0, firstSlash);
    if (head.includes('.') || head.includes(':') || head === 'localhost') rest = rest.slice(firstSlash + 1);
  }
  const at = rest.indexOf('@');
  if (at >= 0) return { imageRepository: rest.slice(0, at), imageTag: null };
  const colon = rest.lastIndexOf(':');
  return colon > rest.lastIndexOf('/') ? { imageRepository: rest.slice(0, colon), imageTag: rest.slice(colon + 1) } : { imageRepository: rest, imageTag: 'latest' };
}

/** The one credential shape the examples need (src/collect/secrets.ts knows many more). */
const looksLikeCredential = (/** @type {string} */ value) => /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:[^\s@/]+@/i.test(value);

/**
 * @typedef {object} RawContainer AWS's ContainerDefinition, the parts the examples use.
 * @property {string} name
 * @property {string} image
 * @property {boolean} essential
 * @property {{ containerPort: number, protocol: string }[]} portMappings
 * @property {{ name: string, value: string }[]} environment
 * @property {{ name: string, valueFrom: string }[]} secrets
 * @property {{ logDriver: string, options: Record<string, string> } | null} logConfiguration
 */

/** Normalizes a container definition: environment values are dropped except the declared non-secret ones. */
function containerProps(/** @type {RawContainer} */ raw) {
  /** @type {Record<string, string>} */
  const environmentValues = {};
  for (const { name, value } of raw.environment) {
    if (KEEP_ENVIRONMENT_VALUES.includes(name) && !looksLikeCredential(value)) environmentValues[name] = value;
  }
  /** @type {ContainerProps} */
  const props = {
    name: raw.name,
    image: raw.image,
    ...parseImage(raw.image),
    essential: raw.essential,
    portMappings: raw.portMappings.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol })),
    environmentNames: raw.environment.map((e) => e.name),
    credentialLikeEnvironmentNames: raw.environment.filter((e) => looksLikeCredential(e.value)).map((e) => e.name),
    environmentValues,
    secretNames: raw.secrets.map((s) => s.name),
    secrets: raw.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
    logDriver: raw.logConfiguration?.logDriver ?? null,
    logOptions: { ...(raw.logConfiguration?.options ?? {}) },
  };
  return props;
}

/**
 * A subnet's effective default route, from the route table that applies to it.
 * @param {RouteTableProps} table
 * @param {Map<string, string>} natAz NAT gateway id -> its AZ
 * @returns {Pick<SubnetProps, 'routeTableId' | 'defaultRoute' | 'routesToInternetGateway'>}
 */
function routing(table, natAz) {
  const route = table.routes.find((r) => r.destination === '0.0.0.0/0' && r.state === 'active');
  /** @type {SubnetProps['defaultRoute']} */
  let defaultRoute = null;
  if (route) {
    const known = ['internet-gateway', 'nat-gateway', 'transit-gateway', 'instance'];
    const targetType = /** @type {NonNullable<SubnetProps['defaultRoute']>['targetType']} */ (known.includes(route.targetType) ? route.targetType : 'other');
    defaultRoute = { targetType, targetId: route.targetId, natGatewayAvailabilityZone: targetType === 'nat-gateway' ? (natAz.get(route.targetId) ?? null) : null };
  }
  return { routeTableId: table.routeTableId, defaultRoute, routesToInternetGateway: defaultRoute?.targetType === 'internet-gateway' };
}

/** Seconds from `time` to the collection's start. */
const lagSeconds = (/** @type {string} */ time) => (Date.parse(STARTED_AT) - Date.parse(time)) / 1000;

const compare = (/** @type {string} */ a, /** @type {string} */ b) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// The account

/**
 * @param {Set<Drift>} drifts
 * @returns {Snapshot}
 */
function buildAccount(drifts) {
  /** @type {GraphNode[]} */
  const nodes = [];
  /** @type {GraphEdge[]} */
  const edges = [];

  /**
   * @template {ResourceType} T
   * @param {T} type
   * @param {string} id
   * @param {string} name
   * @param {Record<string, string>} tags
   * @param {import('../src/graph/resource-types.js').PropsOf<T>} props
   * @param {string} [region]
   */
  const node = (type, id, name, tags, props, region = REGION) => {
    nodes.push(/** @type {GraphNode} */ (/** @type {unknown} */ ({ id, type, region, account: ACCOUNT, name, tags, props })));
    return id;
  };
  const edge = (/** @type {EdgeType} */ type, /** @type {string} */ from, /** @type {string} */ to) => {
    edges.push({ type, from, to });
  };
  /** @type {(name?: string) => Record<string, string>} */
  const shopflow = (name) => (name ? { app: 'shopflow', Name: name } : { app: 'shopflow' });
  /** @type {(name?: string) => Record<string, string>} */
  const billing = (name) => (name ? { app: 'billing', Name: name } : { app: 'billing' });

  /** @type {Map<string, string>} */
  const natAz = new Map();

  /**
   * A VPC's route tables and subnets: each subnet uses its explicitly associated table, else the main one.
   * @param {{ vpc: string, cidr: string, tables: { id: string, main: boolean, routes: RouteTableProps['routes'], subnets: string[] }[],
   *   subnets: { id: string, az: string, cidr: string, name?: string, public: boolean }[], tags: (name?: string) => Record<string, string> }} net
   */
  const network = (net) => {
    const local = { destination: net.cidr, targetType: 'local', targetId: 'local', state: 'active' };
    /** @type {Map<string, RouteTableProps>} */
    const tableOf = new Map();
    let main = /** @type {RouteTableProps | undefined} */ (undefined);
    for (const t of net.tables) {
      /** @type {RouteTableProps} */
      const props = { routeTableId: t.id, vpcId: net.vpc, main: t.main, subnetIds: t.subnets, routes: [local, ...t.routes] };
      if (t.main) main = props;
      for (const s of t.subnets) tableOf.set(s, props);
      // Route tables take tags, but teams rarely tag them: they belong through their VPC.
      node('ec2.route-table', arn.routeTable(t.id), t.id, {}, props);
      edge('in-vpc', arn.routeTable(t.id), arn.vpc(net.vpc));
    }
    for (const s of net.subnets) {
      const table = tableOf.get(s.id) ?? main;
      if (!table) throw new Error(`no route table for ${s.id}`);
      const r = routing(table, natAz);
      node('ec2.subnet', arn.subnet(s.id), s.name ?? s.id, s.name ? net.tags(s.name) : {}, {
        subnetId: s.id,
        vpcId: net.vpc,
        availabilityZone: s.az,
        cidrBlock: s.cidr,
        mapPublicIpOnLaunch: s.public,
        ...r,
      });
      edge('in-vpc', arn.subnet(s.id), arn.vpc(net.vpc));
      if (r.defaultRoute?.targetType === 'internet-gateway') edge('routes-via', arn.subnet(s.id), arn.internetGateway(r.defaultRoute.targetId));
      if (r.defaultRoute?.targetType === 'nat-gateway') edge('routes-via', arn.subnet(s.id), arn.natGateway(r.defaultRoute.targetId));
    }
  };

  const natGateway = (/** @type {string} */ id, /** @type {string} */ vpc, /** @type {{ id: string, az: string }} */ subnet) => {
    natAz.set(id, subnet.az);
    // NAT gateways are left untagged, as they often are: they belong through their VPC.
    node('ec2.nat-gateway', arn.natGateway(id), id, {}, {
      natGatewayId: id,
      state: 'available',
      connectivityType: 'public',
      availabilityMode: 'zonal',
      vpcId: vpc,
      subnetId: subnet.id,
      availabilityZone: subnet.az,
      availabilityZones: [subnet.az],
    });
    edge('in-vpc', arn.natGateway(id), arn.vpc(vpc));
    edge('in-subnet', arn.natGateway(id), arn.subnet(subnet.id));
  };

  const internetGateway = (/** @type {string} */ id, /** @type {string} */ vpc, /** @type {Record<string, string>} */ tags) => {
    node('ec2.internet-gateway', arn.internetGateway(id), tags.Name ?? id, tags, { internetGatewayId: id, attachedVpcIds: [vpc] });
    edge('attached-to', arn.internetGateway(id), arn.vpc(vpc));
  };

  /**
   * @param {{ cluster: string, name: string, tags: Record<string, string>, taskDefinitionArn: string, desired: number,
   *   controller: string, subnets: string[], securityGroup: string, publicIp: boolean,
   *   loadBalancers: { targetGroupArn: string, containerName: string, containerPort: number }[] }} s
   */
  const ecsService = (s) => {
    const id = arn.ecsService(s.cluster, s.name);
    node('ecs.service', id, s.name, s.tags, {
      serviceName: s.name,
      clusterArn: arn.ecsCluster(s.cluster),
      status: 'ACTIVE',
      launchType: 'FARGATE',
      capacityProviders: [],
      usesFargate: true,
      desiredCount: s.desired,
      runningCount: s.desired,
      taskDefinitionArn: s.taskDefinitionArn,
      deploymentController: s.controller,
      subnetIds: s.subnets,
      securityGroupIds: [s.securityGroup],
      assignPublicIp: s.publicIp,
      loadBalancers: s.loadBalancers,
    });
    edge('in-cluster', id, arn.ecsCluster(s.cluster));
    edge('runs', id, s.taskDefinitionArn);
    for (const subnet of s.subnets) edge('in-subnet', id, arn.subnet(subnet));
    for (const lb of s.loadBalancers) edge('registered-with', id, lb.targetGroupArn);
    return id;
  };

  /**
   * @param {{ family: string, revision: number, cpu: number, memory: number, tags: Record<string, string>, containers: RawContainer[] }} t
   */
  const taskDefinition = (t) => {
    const id = arn.taskDefinition(t.family, t.revision);
    node('ecs.task-definition', id, `${t.family}:${t.revision}`, t.tags, {
      family: t.family,
      revision: t.revision,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: t.cpu,
      memory: t.memory,
      containerNames: t.containers.map((c) => c.name),
    });
    // Containers take no tags: they belong through their task definition.
    for (const c of t.containers) {
      node('ecs.container', containerId(id, c.name), c.name, {}, containerProps(c));
      edge('in-task-definition', containerId(id, c.name), id);
    }
    return id;
  };

  /**
   * @param {{ id: string, writer: boolean, az: string, multiAz: boolean, retention: number, replicas: string[], source: string | null,
   *   tags: Record<string, string>, engineVersion: string, instanceClass: string, storageType: string, storageGb: number,
   *   encrypted: boolean, parameterGroup: string, subnetGroup: string, latestRestorableTime: string | null, secondaryAz: string | null }} d
   */
  const dbInstance = (d) => {
    node('rds.db-instance', arn.dbInstance(d.id), d.id, d.tags, {
      dbInstanceIdentifier: d.id,
      engine: 'postgres',
      engineVersion: d.engineVersion,
      instanceClass: d.instanceClass,
      status: 'available',
      role: d.writer ? 'writer' : 'replica',
      storageType: d.storageType,
      allocatedStorageGb: d.storageGb,
      multiAz: d.multiAz,
      availabilityZone: d.az,
      secondaryAvailabilityZone: d.secondaryAz,
      backupRetentionPeriod: d.retention,
      storageEncrypted: d.encrypted,
      kmsKeyId: d.encrypted ? KMS_KEY : null,
      parameterGroups: [d.parameterGroup],
      usesDefaultParameterGroup: d.parameterGroup.startsWith('default.'),
      publiclyAccessible: false,
      readReplicaIdentifiers: d.replicas,
      readReplicaSourceIdentifier: d.source,
      dbSubnetGroupName: d.subnetGroup,
      dbClusterIdentifier: null,
      latestRestorableTime: d.latestRestorableTime,
      restoreLagSeconds: d.latestRestorableTime ? lagSeconds(d.latestRestorableTime) : null,
    });
    edge('in-subnet-group', arn.dbInstance(d.id), arn.dbSubnetGroup(d.subnetGroup));
    if (d.source) edge('replica-of', arn.dbInstance(d.id), arn.dbInstance(d.source));
  };

  const s3Bucket = (/** @type {string} */ name, /** @type {Record<string, string>} */ tags, /** @type {import('../src/graph/resource-types.js').BucketProps['versioning']} */ versioning, /** @type {string[]} */ replicateTo) => {
    node('s3.bucket', arn.s3Bucket(name), name, tags, {
      bucketName: name,
      encryption: 'AES256',
      versioning,
      publicAccessBlocked: true,
      replication: { enabled: replicateTo.length > 0, destinationBuckets: replicateTo.map(arn.s3Bucket) },
    });
  };

  // --- ShopFlow: network -------------------------------------------------------------------
  const sub = SF.subnets;
  node('ec2.vpc', arn.vpc(SF.vpc), 'shopflow-vpc', shopflow('shopflow-vpc'), { vpcId: SF.vpc, cidrBlock: SF.cidr, isDefault: false, state: 'available' });
  internetGateway(SF.igw, SF.vpc, shopflow('shopflow-igw'));
  natGateway(SF.natA, SF.vpc, sub.publicA);
  if (!drifts.has('one-nat-gateway')) natGateway(SF.natB, SF.vpc, sub.publicB);
  const natForB = drifts.has('one-nat-gateway') ? SF.natA : SF.natB;
  network({
    vpc: SF.vpc,
    cidr: SF.cidr,
    tags: shopflow,
    tables: [
      { id: SF.routeTables.main, main: true, routes: [], subnets: [] },
      { id: SF.routeTables.public, main: false, routes: [{ destination: '0.0.0.0/0', targetType: 'internet-gateway', targetId: SF.igw, state: 'active' }], subnets: [sub.publicA.id, sub.publicB.id] },
      { id: SF.routeTables.privateA, main: false, routes: [{ destination: '0.0.0.0/0', targetType: 'nat-gateway', targetId: SF.natA, state: 'active' }], subnets: [sub.privateA.id] },
      { id: SF.routeTables.privateB, main: false, routes: [{ destination: '0.0.0.0/0', targetType: 'nat-gateway', targetId: natForB, state: 'active' }], subnets: [sub.privateB.id] },
      { id: SF.routeTables.data, main: false, routes: [], subnets: [sub.dataA.id, sub.dataB.id] },
    ],
    subnets: [
      { ...sub.publicA, public: true },
      { ...sub.publicB, public: true },
      { ...sub.privateA, public: false },
      { ...sub.privateB, public: false },
      { ...sub.dataA, public: false },
      { ...sub.dataB, public: false },
    ],
  });

  // --- ShopFlow: load balancer ---------------------------------------------------------------
  node('elbv2.load-balancer', ALB.arn, ALB.name, shopflow(), {
    loadBalancerName: ALB.name,
    type: 'application',
    scheme: 'internet-facing',
    state: 'active',
    dnsName: ALB.dnsName,
    vpcId: SF.vpc,
    availabilityZones: [AZ_A, AZ_B],
    subnetIds: [sub.publicA.id, sub.publicB.id],
  });
  edge('in-vpc', ALB.arn, arn.vpc(SF.vpc));
  edge('in-subnet', ALB.arn, arn.subnet(sub.publicA.id));
  edge('in-subnet', ALB.arn, arn.subnet(sub.publicB.id));
  node('elbv2.target-group', ALB.targetGroupArn, 'shopflow-api-tg', shopflow(), {
    targetGroupName: 'shopflow-api-tg',
    targetType: 'ip',
    protocol: 'HTTP',
    port: 3000,
    vpcId: SF.vpc,
    loadBalancerArns: [ALB.arn],
  });
  edge('in-vpc', ALB.targetGroupArn, arn.vpc(SF.vpc));
  edge('serves', ALB.targetGroupArn, ALB.arn);
  // Listeners are not tagged: they belong through their load balancer.
  node('elbv2.listener', ALB.httpsListenerArn, 'shopflow-alb:443', {}, { loadBalancerArn: ALB.arn, port: 443, protocol: 'HTTPS', forwardTargetGroupArns: [ALB.targetGroupArn] });
  edge('listener-of', ALB.httpsListenerArn, ALB.arn);
  edge('forwards-to', ALB.httpsListenerArn, ALB.targetGroupArn);
  // Port 80 redirects to HTTPS: no forward action.
  node('elbv2.listener', ALB.httpListenerArn, 'shopflow-alb:80', {}, { loadBalancerArn: ALB.arn, port: 80, protocol: 'HTTP', forwardTargetGroupArns: [] });
  edge('listener-of', ALB.httpListenerArn, ALB.arn);

  // --- ShopFlow: ECS -----------------------------------------------------------------------------
  node('ecs.cluster', arn.ecsCluster('shopflow'), 'shopflow', shopflow(), { clusterName: 'shopflow', status: 'ACTIVE', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
  /** @type {RawContainer['environment']} */
  const apiEnvironment = [{ name: 'NODE_ENV', value: 'production' }];
  /** @type {RawContainer['secrets']} */
  const apiSecrets = [];
  if (drifts.has('database-url-plain')) apiEnvironment.push({ name: 'DATABASE_URL', value: PLANTED_DATABASE_URL });
  else apiSecrets.push({ name: 'DATABASE_URL', valueFrom: DATABASE_URL_SECRET });
  const apiTask = taskDefinition({
    family: 'shopflow-api',
    revision: 42,
    cpu: drifts.has('task-size') ? 1024 : 512,
    memory: drifts.has('task-size') ? 2048 : 1024,
    tags: shopflow(),
    containers: [
      {
        name: 'api',
        image: `${ECR}/shopflow/api:1.14.2`,
        essential: true,
        portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
        environment: apiEnvironment,
        secrets: apiSecrets,
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shopflow-api', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'api' } },
      },
      {
        name: 'xray-daemon',
        image: 'public.ecr.aws/xray/aws-xray-daemon:3.3.12',
        essential: false,
        portMappings: [{ containerPort: 2000, protocol: 'udp' }],
        environment: [],
        secrets: [],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shopflow-api', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'xray' } },
      },
    ],
  });
  const workerTask = taskDefinition({
    family: 'shopflow-worker',
    revision: 17,
    cpu: 256,
    memory: 512,
    tags: shopflow(),
    containers: [
      {
        name: 'worker',
        image: `${ECR}/shopflow/worker:1.14.2`,
        essential: true,
        portMappings: [],
        environment: [
          { name: 'NODE_ENV', value: 'production' },
          { name: 'QUEUE_URL', value: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/shopflow-orders` },
        ],
        secrets: [{ name: 'DATABASE_URL', valueFrom: DATABASE_URL_SECRET }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shopflow-worker', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'worker' } },
      },
    ],
  });
  const apiService = ecsService({
    cluster: 'shopflow',
    name: 'shopflow-api',
    tags: shopflow(),
    taskDefinitionArn: apiTask,
    desired: 4,
    controller: 'CODE_DEPLOY',
    subnets: [sub.privateA.id, sub.privateB.id],
    securityGroup: SF.apiSecurityGroup,
    publicIp: false,
    loadBalancers: [{ targetGroupArn: ALB.targetGroupArn, containerName: 'api', containerPort: 3000 }],
  });
  ecsService({
    cluster: 'shopflow',
    name: 'shopflow-worker',
    tags: shopflow(),
    taskDefinitionArn: workerTask,
    desired: 2,
    controller: 'ECS',
    subnets: [sub.privateA.id, sub.privateB.id],
    securityGroup: SF.workerSecurityGroup,
    publicIp: false,
    loadBalancers: [],
  });

  // --- ShopFlow: auto scaling ------------------------------------------------------------------
  const resourceId = 'service/shopflow/shopflow-api';
  const scalableTarget = `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/0ec5a3b9d1f24e6a8c7b5d3f1e9a2c4b6d80`;
  // Scalable targets and policies are not tagged: they belong through the service they scale.
  node('application-autoscaling.scalable-target', scalableTarget, resourceId, {}, {
    serviceNamespace: 'ecs',
    resourceId,
    scalableDimension: 'ecs:service:DesiredCount',
    minCapacity: 2,
    maxCapacity: 20,
  });
  edge('scales', scalableTarget, apiService);
  const policyArn = (/** @type {string} */ uuid, /** @type {string} */ name) =>
    `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:${uuid}:resource/ecs/${resourceId}:policyName/${name}`;
  const scaleOut = policyArn('7c2f9a4e-1b3d-4e5f-8a6b-9c0d1e2f3a4b', 'shopflow-api-scale-out');
  const scaleIn = policyArn('2d8e4b6a-9c1f-4a3e-b5d7-6f0a2c4e8b1d', 'shopflow-api-scale-in');
  const serviceDimensions = { ClusterName: 'shopflow', ServiceName: 'shopflow-api' };
  /** @type {{ name: string, namespace: string, metric: string, statistic: string, op: string, threshold: number, evaluationPeriods: number, dimensions: Record<string, string>, policy: string }[]} */
  const alarms = [
    { name: 'shopflow-api-cpu-high', namespace: 'AWS/ECS', metric: 'CPUUtilization', statistic: 'Average', op: 'GreaterThanThreshold', threshold: 70, evaluationPeriods: 3, dimensions: serviceDimensions, policy: scaleOut },
    { name: 'shopflow-api-memory-high', namespace: 'AWS/ECS', metric: 'MemoryUtilization', statistic: 'Average', op: 'GreaterThanThreshold', threshold: 80, evaluationPeriods: 3, dimensions: serviceDimensions, policy: scaleOut },
    {
      name: 'shopflow-api-requests-high',
      namespace: 'AWS/ApplicationELB',
      metric: 'RequestCountPerTarget',
      statistic: 'Sum',
      op: 'GreaterThanThreshold',
      threshold: 1000,
      evaluationPeriods: 2,
      dimensions: { LoadBalancer: 'app/shopflow-alb/50dc6c495c0c9188', TargetGroup: 'targetgroup/shopflow-api-tg/6d0ecf831eec9f09' },
      policy: scaleOut,
    },
    { name: 'shopflow-api-cpu-low', namespace: 'AWS/ECS', metric: 'CPUUtilization', statistic: 'Average', op: 'LessThanThreshold', threshold: 30, evaluationPeriods: 15, dimensions: serviceDimensions, policy: scaleIn },
  ];
  // The CloudWatch collector reads no alarm tags: alarms belong by name (and through the policies they trigger).
  for (const a of alarms) {
    node('cloudwatch.alarm', arn.cloudwatchAlarm(a.name), a.name, {}, {
      alarmName: a.name,
      namespace: a.namespace,
      metricName: a.metric,
      statistic: a.statistic,
      comparisonOperator: a.op,
      threshold: a.threshold,
      periodSeconds: 60,
      evaluationPeriods: a.evaluationPeriods,
      dimensions: a.dimensions,
      actionArns: [a.policy],
    });
  }
  for (const [policy, name, direction, adjustment] of /** @type {const} */ ([
    [scaleOut, 'shopflow-api-scale-out', 'out', 2],
    [scaleIn, 'shopflow-api-scale-in', 'in', -1],
  ])) {
    const triggers = alarms.filter((a) => a.policy === policy).map((a) => a.name);
    node('application-autoscaling.scaling-policy', policy, name, {}, {
      policyName: name,
      policyType: 'StepScaling',
      resourceId,
      direction,
      adjustmentType: 'ChangeInCapacity',
      scalingAdjustment: adjustment,
      cooldown: 300,
      targetValue: null,
      predefinedMetricType: null,
      scaleOutCooldown: null,
      scaleInCooldown: null,
      alarmNames: triggers,
    });
    edge('applies-to', policy, scalableTarget);
    for (const alarm of triggers) edge('triggered-by', policy, arn.cloudwatchAlarm(alarm));
  }

  // --- ShopFlow: queue -------------------------------------------------------------------------
  for (const [name, dlq] of /** @type {[string, string | null][]} */ ([['shopflow-orders', 'shopflow-orders-dlq'], ['shopflow-orders-dlq', null]])) {
    node('sqs.queue', arn.queue(name), name, shopflow(), {
      queueName: name,
      queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
      fifo: false,
      encrypted: true,
      deadLetterTargetArn: dlq ? arn.queue(dlq) : null,
      visibilityTimeoutSeconds: dlq ? 60 : 30,
      messageRetentionSeconds: dlq ? 345600 : 1209600,
    });
  }

  // --- ShopFlow: database ----------------------------------------------------------------------
  node('rds.db-subnet-group', arn.dbSubnetGroup('shopflow-data'), 'shopflow-data', shopflow(), { name: 'shopflow-data', vpcId: SF.vpc, subnetIds: [sub.dataA.id, sub.dataB.id] });
  edge('in-vpc', arn.dbSubnetGroup('shopflow-data'), arn.vpc(SF.vpc));
  edge('in-subnet', arn.dbSubnetGroup('shopflow-data'), arn.subnet(sub.dataA.id));
  edge('in-subnet', arn.dbSubnetGroup('shopflow-data'), arn.subnet(sub.dataB.id));
  const replicas = drifts.has('one-read-replica') ? [{ id: 'shopflow-db-replica-1', az: AZ_A }] : [{ id: 'shopflow-db-replica-1', az: AZ_A }, { id: 'shopflow-db-replica-2', az: AZ_B }];
  const database = { engineVersion: '16.4', instanceClass: 'db.r6g.xlarge', storageType: 'gp3', storageGb: 500, encrypted: true, parameterGroup: 'shopflow-postgres16', subnetGroup: 'shopflow-data' };
  dbInstance({
    ...database,
    id: 'shopflow-db',
    writer: true,
    az: AZ_A,
    multiAz: !drifts.has('writer-single-az'),
    secondaryAz: drifts.has('writer-single-az') ? null : AZ_B,
    retention: drifts.has('backup-retention-6') ? 6 : 7,
    replicas: replicas.map((r) => r.id),
    source: null,
    tags: shopflow(),
    latestRestorableTime: '2026-11-20T01:55:00.000Z',
  });
  // Read replicas do not inherit the writer's tags: they belong through replica-of.
  for (const r of replicas) {
    dbInstance({ ...database, id: r.id, writer: false, az: r.az, multiAz: false, secondaryAz: null, retention: 0, replicas: [], source: 'shopflow-db', tags: {}, latestRestorableTime: null });
  }

  // --- ShopFlow: cache -------------------------------------------------------------------------
  node('elasticache.cache-subnet-group', arn.cacheSubnetGroup('shopflow-cache'), 'shopflow-cache', shopflow(), { name: 'shopflow-cache', vpcId: SF.vpc, subnetIds: [sub.dataA.id, sub.dataB.id] });
  edge('in-vpc', arn.cacheSubnetGroup('shopflow-cache'), arn.vpc(SF.vpc));
  edge('in-subnet', arn.cacheSubnetGroup('shopflow-cache'), arn.subnet(sub.dataA.id));
  edge('in-subnet', arn.cacheSubnetGroup('shopflow-cache'), arn.subnet(sub.dataB.id));
  const nodeGroups = [
    // Cluster mode: DescribeReplicationGroups gives members no role, so the primary's AZ is unknown.
    { nodeGroupId: '0001', primaryAvailabilityZone: null, replicaCount: 2, memberAvailabilityZones: [AZ_A, AZ_B, AZ_A] },
    { nodeGroupId: '0002', primaryAvailabilityZone: null, replicaCount: 2, memberAvailabilityZones: [AZ_B, AZ_A, AZ_B] },
  ];
  node('elasticache.replication-group', arn.replicationGroup('shopflow-redis'), 'shopflow-redis', shopflow(), {
    replicationGroupId: 'shopflow-redis',
    engine: 'redis',
    status: 'available',
    clusterEnabled: true,
    cacheNodeType: 'cache.r6g.large',
    numNodeGroups: nodeGroups.length,
    minReplicasPerNodeGroup: Math.min(...nodeGroups.map((g) => g.replicaCount)),
    nodeGroups,
    automaticFailover: true,
    multiAz: true,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    snapshotRetentionLimit: 1,
    cacheSubnetGroupName: 'shopflow-cache',
  });
  edge('in-subnet-group', arn.replicationGroup('shopflow-redis'), arn.cacheSubnetGroup('shopflow-cache'));

  // --- ShopFlow: storage -----------------------------------------------------------------------
  s3Bucket(BUCKETS.static, shopflow(), 'Enabled', [`shopflow-static-assets-dr-${ACCOUNT}`]);
  s3Bucket(BUCKETS.images, shopflow(), 'Enabled', [`shopflow-product-images-dr-${ACCOUNT}`]);
  s3Bucket(BUCKETS.logs, shopflow(), 'Enabled', []);

  // --- ShopFlow: edge (global) -------------------------------------------------------------------
  const staticOrigin = 'shopflow-static-assets';
  const albOrigin = 'shopflow-alb';
  node('cloudfront.distribution', CDN.arn, CDN.id, shopflow(), {
    distributionId: CDN.id,
    domainName: CDN.domainName,
    enabled: true,
    status: 'Deployed',
    aliases: ['shopflow.example.com', 'www.shopflow.example.com'],
    origins: [
      { id: staticOrigin, domainName: `${BUCKETS.static}.s3.${REGION}.amazonaws.com`, kind: 's3', originAccessControlId: CDN.originAccessControlId, originAccessIdentity: null },
      { id: albOrigin, domainName: ALB.dnsName, kind: 'custom', originAccessControlId: null, originAccessIdentity: null },
    ],
    cacheBehaviors: [
      { pathPattern: '*', targetOriginId: albOrigin, viewerProtocolPolicy: 'redirect-to-https' },
      { pathPattern: '/static/*', targetOriginId: staticOrigin, viewerProtocolPolicy: 'redirect-to-https' },
      { pathPattern: '/assets/*', targetOriginId: staticOrigin, viewerProtocolPolicy: 'redirect-to-https' },
    ],
    viewerCertificate: { source: 'acm', certificateArn: CDN.certificateArn, minimumProtocolVersion: 'TLSv1.2_2021', sslSupportMethod: 'sni-only' },
    webAclId: drifts.has('no-waf') ? null : CDN.webAclArn,
  }, 'global');
  edge('origin', CDN.arn, arn.s3Bucket(BUCKETS.static));
  edge('origin', CDN.arn, ALB.arn);
  if (!drifts.has('no-waf')) edge('protected-by', CDN.arn, CDN.webAclArn);
  // The web ACL stays when it is detached: only the distribution changes. The WAFv2 collector reads no
  // tags: the ACL belongs by name and through protected-by.
  node('wafv2.web-acl', CDN.webAclArn, 'shopflow-edge', {}, { webAclId: CDN.webAclId, scope: 'CLOUDFRONT', defaultAction: 'allow', ruleCount: 4 }, 'global');
  const zoneArn = `arn:aws:route53:::hostedzone/${CDN.hostedZoneId}`;
  node('route53.hosted-zone', zoneArn, 'shopflow.example.com', shopflow(), {
    hostedZoneId: CDN.hostedZoneId,
    zoneName: 'shopflow.example.com',
    privateZone: false,
    recordCount: 7,
    cloudFrontAliases: [
      { name: 'shopflow.example.com', type: 'A', dnsName: CDN.domainName },
      { name: 'shopflow.example.com', type: 'AAAA', dnsName: CDN.domainName },
      { name: 'www.shopflow.example.com', type: 'A', dnsName: CDN.domainName },
    ],
  }, 'global');
  edge('alias-to', zoneArn, CDN.arn);

  // --- AWS's default VPC: untagged, not ShopFlow's --------------------------------------------------
  node('ec2.vpc', arn.vpc(DEFAULT.vpc), DEFAULT.vpc, {}, { vpcId: DEFAULT.vpc, cidrBlock: DEFAULT.cidr, isDefault: true, state: 'available' });
  internetGateway(DEFAULT.igw, DEFAULT.vpc, {});
  network({
    vpc: DEFAULT.vpc,
    cidr: DEFAULT.cidr,
    tags: () => ({}),
    tables: [{ id: DEFAULT.mainRouteTable, main: true, routes: [{ destination: '0.0.0.0/0', targetType: 'internet-gateway', targetId: DEFAULT.igw, state: 'active' }], subnets: [] }],
    subnets: DEFAULT.subnets.map((s) => ({ ...s, public: true })),
  });

  // --- Another application: billing ---------------------------------------------------------------
  const bsub = BILLING.subnets;
  node('ec2.vpc', arn.vpc(BILLING.vpc), 'billing-vpc', billing('billing-vpc'), { vpcId: BILLING.vpc, cidrBlock: BILLING.cidr, isDefault: false, state: 'available' });
  internetGateway(BILLING.igw, BILLING.vpc, billing('billing-igw'));
  // One NAT gateway for both private subnets: fine for billing, a C14/C15 failure were it ShopFlow's.
  natGateway(BILLING.nat, BILLING.vpc, bsub.publicA);
  network({
    vpc: BILLING.vpc,
    cidr: BILLING.cidr,
    tags: billing,
    tables: [
      { id: BILLING.routeTables.main, main: true, routes: [], subnets: [] },
      { id: BILLING.routeTables.public, main: false, routes: [{ destination: '0.0.0.0/0', targetType: 'internet-gateway', targetId: BILLING.igw, state: 'active' }], subnets: [bsub.publicA.id] },
      { id: BILLING.routeTables.private, main: false, routes: [{ destination: '0.0.0.0/0', targetType: 'nat-gateway', targetId: BILLING.nat, state: 'active' }], subnets: [bsub.privateA.id, bsub.privateB.id] },
    ],
    subnets: [
      { ...bsub.publicA, public: true },
      { ...bsub.privateA, public: false },
      { ...bsub.privateB, public: false },
    ],
  });
  node('rds.db-subnet-group', arn.dbSubnetGroup('billing-db-subnets'), 'billing-db-subnets', billing(), { name: 'billing-db-subnets', vpcId: BILLING.vpc, subnetIds: [bsub.privateA.id, bsub.privateB.id] });
  edge('in-vpc', arn.dbSubnetGroup('billing-db-subnets'), arn.vpc(BILLING.vpc));
  edge('in-subnet', arn.dbSubnetGroup('billing-db-subnets'), arn.subnet(bsub.privateA.id));
  edge('in-subnet', arn.dbSubnetGroup('billing-db-subnets'), arn.subnet(bsub.privateB.id));
  dbInstance({
    id: 'billing-db',
    writer: true,
    az: AZ_A,
    multiAz: false,
    secondaryAz: null,
    retention: 1,
    replicas: [],
    source: null,
    tags: billing(),
    engineVersion: '15.7',
    instanceClass: 'db.t4g.medium',
    storageType: 'gp2',
    storageGb: 100,
    encrypted: false,
    parameterGroup: 'default.postgres15',
    subnetGroup: 'billing-db-subnets',
    latestRestorableTime: '2026-11-20T01:56:00.000Z',
  });
  s3Bucket(BUCKETS.billing, billing(), 'Suspended', []);
  node('ecs.cluster', arn.ecsCluster('billing'), 'billing', billing(), { clusterName: 'billing', status: 'ACTIVE', capacityProviders: ['FARGATE'] });
  const billingTask = taskDefinition({
    family: 'billing-api',
    revision: 8,
    cpu: 256,
    memory: 512,
    tags: billing(),
    containers: [
      {
        name: 'app',
        image: `${ECR}/billing/api:latest`,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [
          { name: 'NODE_ENV', value: 'production' },
          { name: 'INVOICE_BUCKET', value: BUCKETS.billing },
        ],
        secrets: [],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/billing-api', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'app' } },
      },
    ],
  });
  ecsService({
    cluster: 'billing',
    name: 'billing-api',
    tags: billing(),
    taskDefinitionArn: billingTask,
    desired: 1,
    controller: 'ECS',
    subnets: [bsub.publicA.id],
    securityGroup: BILLING.securityGroup,
    publicIp: true,
    loadBalancers: [],
  });

  nodes.sort((a, b) => compare(a.type, b.type) || compare(a.id, b.id));
  edges.sort((a, b) => compare(a.type, b.type) || compare(a.from, b.from) || compare(a.to, b.to));
  return {
    schemaVersion: 1,
    meta: { tool: { ...TOOL }, account: ACCOUNT, regions: [REGION], startedAt: STARTED_AT, finishedAt: FINISHED_AT },
    nodes,
    edges,
    gaps: [],
  };
}

/**
 * The account as a collection sees it when ElastiCache cannot be read: no ElastiCache resources, one gap.
 * @param {Snapshot} snapshot
 * @returns {Snapshot}
 */
function withoutElastiCache(snapshot) {
  const gone = new Set(snapshot.nodes.filter((n) => n.type.startsWith('elasticache.')).map((n) => n.id));
  return {
    ...snapshot,
    nodes: snapshot.nodes.filter((n) => !gone.has(n.id)),
    edges: snapshot.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
    gaps: [
      {
        service: 'elasticache',
        operation: 'DescribeReplicationGroups',
        region: REGION,
        code: 'AccessDeniedException',
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/infra-audit/nightly is not authorized to perform: elasticache:DescribeReplicationGroups on resource: arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:* because no identity-based policy allows the elasticache:DescribeReplicationGroups action`,
        resourceTypes: ['elasticache.replication-group', 'elasticache.cache-subnet-group'],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));

/** Writes every example to examples/ (or `dir`). */
export function writeExamples(dir = resolve(here, '..', 'examples')) {
  mkdirSync(dir, { recursive: true });
  for (const [file, snapshot] of Object.entries(buildExamples())) {
    writeFileSync(resolve(dir, file), serialize(snapshot));
    process.stdout.write(`wrote ${resolve(dir, file)} (${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges, ${snapshot.gaps.length} gaps)\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeExamples();
