// ECS: clusters, services, the task definitions those services run, and their containers.
// Calls: ListClusters (paged) + DescribeClusters (100 per call); per cluster ListServices (paged) +
// DescribeServices (10 per call); DescribeTaskDefinition once per distinct task definition (no batch API).
import type { CapacityProviderStrategyItem, Cluster, ContainerDefinition, ECSClient, Failure, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import { arn } from './arn.js';
import { defineCollector, reader, type Reader } from './read.js';
import { looksLikeCredential } from './secrets.js';
import type { CollectContext, CollectResult } from './types.js';
import { chunk } from './paginate.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-ecs');
type Sdk = Awaited<ReturnType<typeof sdk>>;
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

// Task definitions and containers are found through services: a failed service read is a gap in them too.
const THROUGH_SERVICES = { 'ecs.service': '*', 'ecs.task-definition': '*', 'ecs.container': '*' } as const;
// ECS answers a resource deleted since the list with failures[].reason MISSING (or, for a cluster, an error).
const GONE = ['MISSING', 'ClusterNotFoundException'];

export const ecsCollector = defineCollector({
  service: 'ecs',
  iamPrefix: 'ecs',
  sdkClient: 'ECS',
  sdkPackage: '@aws-sdk/client-ecs',
  reads: [
    { operation: 'ListClusters', pageSize: 100, per: 'region', paged: true, answer: 'clusterArns', feeds: { 'ecs.cluster': '*', ...THROUGH_SERVICES } },
    // Services without a launch type run on their cluster's default strategy: unknown without it.
    { operation: 'DescribeClusters', batch: 100, per: 'item', paged: false, answer: 'clusters', feeds: { 'ecs.cluster': '*', 'ecs.service': ['capacityProviders', 'usesFargate'] }, gone: GONE },
    { operation: 'ListServices', pageSize: 100, budget: { items: ['ecs.service'], per: { type: 'ecs.cluster', via: 'clusterArn' } }, per: 'item', paged: true, answer: 'serviceArns', feeds: THROUGH_SERVICES, gone: GONE },
    { operation: 'DescribeServices', batch: 10, budget: { items: ['ecs.service'], per: { type: 'ecs.cluster', via: 'clusterArn' } }, per: 'item', paged: false, answer: 'services', feeds: THROUGH_SERVICES, gone: GONE },
    { operation: 'DescribeTaskDefinition', per: 'item', paged: false, answer: 'taskDefinition', feeds: { 'ecs.task-definition': '*', 'ecs.container': '*' } },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const sdkModule = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const ecs = ctx.client(sdkModule.ECSClient);
  const read = reader(ctx, ecsCollector, result.gaps);
  const { DescribeTaskDefinitionCommand, paginateListClusters } = sdkModule;

  const clusterArns = await read.list('ListClusters', paginateListClusters({ client: ecs, pageSize: read.pageSize('ListClusters') }, {}), (p) => p.clusterArns);
  if (!clusterArns) return result;

  // Listing services needs only the cluster ARNs: it runs alongside DescribeClusters, not after it.
  // Each batch of described services sends its task definitions' reads at once (once per distinct
  // ARN): they wait on that batch only, not on every cluster's services.
  const taskDefinitions = new Map<string, Promise<{ nodes: GraphNode[]; edges: GraphEdge[] } | undefined>>();
  const describeTaskDefinitions = (batch: Service[]) => {
    for (const taskDefinitionArn of batch.map(taskDefinitionOf)) {
      if (!taskDefinitionArn || taskDefinitions.has(taskDefinitionArn)) continue;
      taskDefinitions.set(taskDefinitionArn, read.call('DescribeTaskDefinition', () => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn, include: ['TAGS'] })))
        .then((out) => (out?.taskDefinition?.taskDefinitionArn ? taskDefinitionGraph(ctx, out.taskDefinition, tagMap(out.tags)) : undefined)));
    }
  };
  const [clusters, servicesPerCluster] = await Promise.all([
    describeClusters(sdkModule, ecs, read, clusterArns),
    Promise.all(clusterArns.map((clusterArn) => listAndDescribeServices(sdkModule, ecs, read, clusterArn, describeTaskDefinitions))),
  ]);
  for (const cluster of clusters.values()) result.nodes.push(clusterNode(ctx, cluster));

  const services = servicesPerCluster.flat();
  for (const service of services) {
    const defaultStrategy = clusters.get(service.clusterArn ?? '')?.defaultCapacityProviderStrategy;
    result.nodes.push(serviceNode(ctx, service, defaultStrategy));
    result.edges.push(...serviceEdges(ctx, service));
  }

  for (const graph of await Promise.all(taskDefinitions.values())) {
    result.nodes.push(...(graph?.nodes ?? []));
    result.edges.push(...(graph?.edges ?? []));
  }
  return result;
}

async function describeClusters({ DescribeClustersCommand }: Sdk, ecs: ECSClient, read: Reader, clusterArns: string[]): Promise<Map<string, Cluster>> {
  const clusters = new Map<string, Cluster>();
  await Promise.all(
    chunk(clusterArns, read.batchSize('DescribeClusters')).map(async (batch) => {
      const out = await read.call('DescribeClusters', () => ecs.send(new DescribeClustersCommand({ clusters: batch, include: ['TAGS'] })));
      for (const cluster of out?.clusters ?? []) if (cluster.clusterArn) clusters.set(cluster.clusterArn, cluster);
      reportFailures(read, 'DescribeClusters', out?.failures);
    }),
  );
  // Keep ListClusters' order so snapshots of an unchanged account are identical.
  return new Map(clusterArns.filter((a) => clusters.has(a)).map((a) => [a, clusters.get(a)!]));
}

async function listAndDescribeServices(
  { DescribeServicesCommand, paginateListServices }: Sdk, ecs: ECSClient, read: Reader, clusterArn: string, described: (services: Service[]) => void,
): Promise<Service[]> {
  const serviceArns = await read.list('ListServices', paginateListServices({ client: ecs, pageSize: read.pageSize('ListServices') }, { cluster: clusterArn }), (p) => p.serviceArns);
  const batches = await Promise.all(
    chunk(serviceArns ?? [], read.batchSize('DescribeServices')).map(async (batch) => {
      const out = await read.call('DescribeServices', () => ecs.send(new DescribeServicesCommand({ cluster: clusterArn, services: batch, include: ['TAGS'] })));
      reportFailures(read, 'DescribeServices', out?.failures);
      described(out?.services ?? []);
      return out?.services ?? [];
    }),
  );
  return batches.flat();
}

// A failure whose reason the read declares gone (MISSING) is a real answer; anything else is a failed read.
function reportFailures(read: Reader, operation: string, failures: Failure[] | undefined): void {
  for (const failure of failures ?? []) {
    if (read.isGone(operation, failure.reason)) continue;
    read.fail(operation, { name: failure.reason ?? 'Failure', message: `${failure.arn ?? ''}: ${failure.detail ?? failure.reason ?? ''}` });
  }
}

/** The task definition node, one node per container, and the containers' edges to it. */
function taskDefinitionGraph(ctx: CollectContext, taskDefinition: TaskDefinition, tags: Record<string, string>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const id = taskDefinition.taskDefinitionArn!;
  const containers = taskDefinition.containerDefinitions ?? [];
  const node: GraphNode<'ecs.task-definition'> = {
    id,
    type: 'ecs.task-definition',
    region: ctx.region,
    account: ctx.account,
    name: `${taskDefinition.family}:${taskDefinition.revision}`,
    tags,
    props: {
      family: taskDefinition.family ?? '',
      revision: taskDefinition.revision ?? 0,
      networkMode: taskDefinition.networkMode ?? 'bridge', // ECS's default when none is given
      requiresCompatibilities: taskDefinition.requiresCompatibilities ?? [],
      cpu: toNumber(taskDefinition.cpu),
      memory: toNumber(taskDefinition.memory),
      containerNames: containers.map((c) => c.name ?? ''),
    },
  };
  const containerNodes = containers.map((container) => containerNode(ctx, id, container));
  return {
    nodes: [node, ...containerNodes],
    edges: containerNodes.map((c) => ({ type: 'in-task-definition' as const, from: c.id, to: id })),
  };
}

function clusterNode(ctx: CollectContext, cluster: Cluster): GraphNode<'ecs.cluster'> {
  return {
    id: cluster.clusterArn!,
    type: 'ecs.cluster',
    region: ctx.region,
    account: ctx.account,
    name: cluster.clusterName ?? '',
    tags: tagMap(cluster.tags),
    props: { clusterName: cluster.clusterName ?? '', status: cluster.status ?? '', capacityProviders: cluster.capacityProviders ?? [] },
  };
}

function serviceNode(ctx: CollectContext, service: Service, clusterDefaultStrategy: CapacityProviderStrategyItem[] | undefined): GraphNode<'ecs.service'> {
  const vpc = service.networkConfiguration?.awsvpcConfiguration;
  // Without a launch type or strategy of its own, a service runs on its cluster's default strategy.
  const strategy = service.launchType ? [] : service.capacityProviderStrategy?.length ? service.capacityProviderStrategy : (clusterDefaultStrategy ?? []);
  const capacityProviders = strategy.map((item) => item.capacityProvider ?? '');
  const usesFargate = service.launchType === 'FARGATE' || (capacityProviders.length > 0 && capacityProviders.every((p) => FARGATE_PROVIDERS.has(p)));
  return {
    id: service.serviceArn!,
    type: 'ecs.service',
    region: ctx.region,
    account: ctx.account,
    name: service.serviceName ?? '',
    tags: tagMap(service.tags),
    props: {
      serviceName: service.serviceName ?? '',
      clusterArn: service.clusterArn ?? '',
      status: service.status ?? '',
      launchType: service.launchType ?? null,
      capacityProviders,
      usesFargate,
      desiredCount: service.desiredCount ?? 0,
      runningCount: service.runningCount ?? 0,
      taskDefinitionArn: taskDefinitionOf(service) ?? '',
      deploymentController: service.deploymentController?.type ?? 'ECS',
      subnetIds: vpc?.subnets ?? [],
      securityGroupIds: vpc?.securityGroups ?? [],
      assignPublicIp: vpc?.assignPublicIp === 'ENABLED',
      loadBalancers: (service.loadBalancers ?? []).map((lb) => ({
        targetGroupArn: lb.targetGroupArn ?? null,
        containerName: lb.containerName ?? '',
        containerPort: lb.containerPort ?? 0,
      })),
    },
  };
}

function serviceEdges(ctx: CollectContext, service: Service): GraphEdge[] {
  const from = service.serviceArn!;
  const edges: GraphEdge[] = [];
  if (service.clusterArn) edges.push({ type: 'in-cluster', from, to: service.clusterArn });
  const taskDefinition = taskDefinitionOf(service);
  if (taskDefinition) edges.push({ type: 'runs', from, to: taskDefinition });
  for (const subnetId of service.networkConfiguration?.awsvpcConfiguration?.subnets ?? []) {
    edges.push({ type: 'in-subnet', from, to: arn.subnet(ctx, subnetId) });
  }
  for (const lb of service.loadBalancers ?? []) {
    if (lb.targetGroupArn) edges.push({ type: 'registered-with', from, to: lb.targetGroupArn });
  }
  return edges;
}

// EXTERNAL-controller services name no task definition themselves; their primary task set does.
function taskDefinitionOf(service: Service): string | undefined {
  return service.taskDefinition ?? service.taskSets?.find((set) => set.status === 'PRIMARY')?.taskDefinition;
}

/** A container. Environment values are read here and dropped: only names and yes/no flags leave. */
function containerNode(ctx: CollectContext, taskDefinitionArn: string, container: ContainerDefinition): GraphNode<'ecs.container'> {
  const keep = new Set(ctx.options.keepEnvironmentValues);
  const environmentNames: string[] = [];
  const credentialLikeEnvironmentNames: string[] = [];
  const environmentValues: Record<string, string> = {};
  for (const { name, value } of container.environment ?? []) {
    if (!name) continue;
    environmentNames.push(name);
    const credentialLike = value !== undefined && looksLikeCredential(value, name);
    if (credentialLike) credentialLikeEnvironmentNames.push(name);
    else if (keep.has(name) && value !== undefined) environmentValues[name] = value;
  }
  const secrets = (container.secrets ?? []).map((s) => ({ name: s.name ?? '', valueFrom: s.valueFrom ?? '' }));
  const image = container.image ?? '';
  const name = container.name ?? '';
  return {
    id: `${taskDefinitionArn}/container/${name}`,
    type: 'ecs.container',
    region: ctx.region,
    account: ctx.account,
    name,
    tags: {},
    props: {
      name,
      image,
      ...splitImage(image),
      essential: container.essential ?? true, // ECS's default
      portMappings: (container.portMappings ?? []).map((p) => ({ containerPort: p.containerPort ?? 0, protocol: p.protocol ?? 'tcp' })),
      environmentNames,
      credentialLikeEnvironmentNames,
      environmentValues,
      secretNames: secrets.map((s) => s.name),
      secrets,
      logDriver: container.logConfiguration?.logDriver ?? null,
      logOptions: redactLogOptions(container.logConfiguration?.options ?? {}),
    },
  };
}

// Some log drivers take tokens as plain options (splunk-token); those values must not be stored either.
function redactLogOptions(options: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, looksLikeCredential(v, k) ? '<redacted>' : v]));
}

/** "123.dkr.ecr.us-east-1.amazonaws.com/shop/api:1.2" -> { imageRepository: "shop/api", imageTag: "1.2" }. */
export function splitImage(image: string): { imageRepository: string; imageTag: string | null } {
  const digestAt = image.indexOf('@');
  const withoutDigest = digestAt >= 0 ? image.slice(0, digestAt) : image;
  const parts = withoutDigest.split('/');
  // The first part is a registry host when it looks like one (a dot, a port, or localhost).
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) parts.shift();
  const path = parts.join('/');
  const colon = path.lastIndexOf(':');
  const repository = colon >= 0 ? path.slice(0, colon) : path;
  const tag = colon >= 0 ? path.slice(colon + 1) : 'latest';
  // A digest pins the image whatever tag is written next to it.
  return { imageRepository: repository, imageTag: digestAt >= 0 ? null : tag };
}

function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
