// ECS: clusters, services, the task definitions those services run, and their containers.
// Calls: ListClusters (paged) + DescribeClusters (100 per call); per cluster ListServices (paged) +
// DescribeServices (10 per call); DescribeTaskDefinition once per distinct task definition (no batch API).
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
  type CapacityProviderStrategyItem,
  type Cluster,
  type ContainerDefinition,
  type Failure,
  type Service,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { ResourceType } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { toGap } from './gap.js';
import { looksLikeCredential } from './secrets.js';
import type { CollectContext, CollectResult, Collector } from './types.js';
import { allPages, chunk } from './paginate.js';

const SERVICE = 'ecs';
const CLUSTER_TYPES: ResourceType[] = ['ecs.cluster'];
// Task definitions and containers are found through services: a gap in services is a gap in them too.
const SERVICE_TYPES: ResourceType[] = ['ecs.service', 'ecs.task-definition', 'ecs.container'];
const TASK_DEFINITION_TYPES: ResourceType[] = ['ecs.task-definition', 'ecs.container'];
const CLUSTERS_PER_DESCRIBE = 100;
const SERVICES_PER_DESCRIBE = 10;
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

export const ecsCollector: Collector = {
  service: SERVICE,
  resourceTypes: ['ecs.cluster', 'ecs.service', 'ecs.task-definition', 'ecs.container'],
  actions: ['ecs:ListClusters', 'ecs:DescribeClusters', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  collect,
};

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const ecs = ctx.client(ECSClient);
  const gap = (err: unknown, operation: string, resourceTypes: ResourceType[]) =>
    result.gaps.push(toGap(err, { service: SERVICE, operation, region: ctx.region, resourceTypes }));

  let clusterArns: string[];
  try {
    const pages = await allPages(ctx, paginateListClusters({ client: ecs, pageSize: 100 }, {}));
    clusterArns = pages.flatMap((page) => page.clusterArns ?? []);
  } catch (err) {
    gap(err, 'ListClusters', [...CLUSTER_TYPES, ...SERVICE_TYPES]);
    return result;
  }

  const clusters = await describeClusters(ctx, ecs, clusterArns, gap);
  for (const cluster of clusters.values()) result.nodes.push(clusterNode(ctx, cluster));

  const servicesPerCluster = await Promise.all(clusterArns.map((clusterArn) => listAndDescribeServices(ctx, ecs, clusterArn, gap)));
  const services = servicesPerCluster.flat();
  for (const service of services) {
    const defaultStrategy = clusters.get(service.clusterArn ?? '')?.defaultCapacityProviderStrategy;
    result.nodes.push(serviceNode(ctx, service, defaultStrategy));
    result.edges.push(...serviceEdges(ctx, service));
  }

  const taskDefinitionArns = [...new Set(services.map(taskDefinitionOf).filter((a): a is string => !!a))];
  const described = await Promise.all(
    taskDefinitionArns.map(async (taskDefinitionArn) => {
      try {
        const out = await ctx.limit(() =>
          ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn, include: ['TAGS'] })),
        );
        return out.taskDefinition?.taskDefinitionArn ? taskDefinitionGraph(ctx, out.taskDefinition, out.tags) : undefined;
      } catch (err) {
        gap(err, 'DescribeTaskDefinition', TASK_DEFINITION_TYPES);
        return undefined;
      }
    }),
  );
  for (const graph of described) {
    result.nodes.push(...(graph?.nodes ?? []));
    result.edges.push(...(graph?.edges ?? []));
  }
  return result;
}

type GapFn = (err: unknown, operation: string, resourceTypes: ResourceType[]) => void;

async function describeClusters(ctx: CollectContext, ecs: ECSClient, clusterArns: string[], gap: GapFn): Promise<Map<string, Cluster>> {
  const clusters = new Map<string, Cluster>();
  await Promise.all(
    chunk(clusterArns, CLUSTERS_PER_DESCRIBE).map(async (batch) => {
      try {
        const out = await ctx.limit(() => ecs.send(new DescribeClustersCommand({ clusters: batch, include: ['TAGS'] })));
        for (const cluster of out.clusters ?? []) if (cluster.clusterArn) clusters.set(cluster.clusterArn, cluster);
        reportFailures(out.failures, 'DescribeClusters', [...CLUSTER_TYPES, ...SERVICE_TYPES], gap);
      } catch (err) {
        // Services without a launch type run on their cluster's default strategy: unknown without it.
        gap(err, 'DescribeClusters', [...CLUSTER_TYPES, ...SERVICE_TYPES]);
      }
    }),
  );
  // Keep ListClusters' order so snapshots of an unchanged account are identical.
  return new Map(clusterArns.filter((a) => clusters.has(a)).map((a) => [a, clusters.get(a)!]));
}

async function listAndDescribeServices(ctx: CollectContext, ecs: ECSClient, clusterArn: string, gap: GapFn): Promise<Service[]> {
  let serviceArns: string[];
  try {
    const pages = await allPages(ctx, paginateListServices({ client: ecs, pageSize: 100 }, { cluster: clusterArn }));
    serviceArns = pages.flatMap((page) => page.serviceArns ?? []);
  } catch (err) {
    gap(err, 'ListServices', SERVICE_TYPES);
    return [];
  }
  const batches = await Promise.all(
    chunk(serviceArns, SERVICES_PER_DESCRIBE).map(async (batch) => {
      try {
        const out = await ctx.limit(() =>
          ecs.send(new DescribeServicesCommand({ cluster: clusterArn, services: batch, include: ['TAGS'] })),
        );
        reportFailures(out.failures, 'DescribeServices', SERVICE_TYPES, gap);
        return out.services ?? [];
      } catch (err) {
        gap(err, 'DescribeServices', SERVICE_TYPES);
        return [];
      }
    }),
  );
  return batches.flat();
}

// MISSING means deleted between the list and the describe: a real answer. Anything else is a failed read.
function reportFailures(failures: Failure[] | undefined, operation: string, resourceTypes: ResourceType[], gap: GapFn): void {
  for (const failure of failures ?? []) {
    if (failure.reason === 'MISSING') continue;
    gap({ name: failure.reason ?? 'Failure', message: `${failure.arn ?? ''}: ${failure.detail ?? failure.reason ?? ''}` }, operation, resourceTypes);
  }
}

/** The task definition node, one node per container, and the containers' edges to it. */
function taskDefinitionGraph(ctx: CollectContext, taskDefinition: TaskDefinition, tags: Tag[] | undefined): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const id = taskDefinition.taskDefinitionArn!;
  const containers = taskDefinition.containerDefinitions ?? [];
  const node: GraphNode<'ecs.task-definition'> = {
    id,
    type: 'ecs.task-definition',
    region: ctx.region,
    account: ctx.account,
    name: `${taskDefinition.family}:${taskDefinition.revision}`,
    tags: tagsOf(tags),
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
    tags: tagsOf(cluster.tags),
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
    tags: tagsOf(service.tags),
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

function tagsOf(tags: Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((t) => t.key).map((t) => [t.key!, t.value ?? '']));
}

function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
