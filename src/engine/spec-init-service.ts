// `infra-audit init`: an ECS service's values (its task definition, application container and scaling)
// as the live account has them. Environment VALUES are never copied into a spec: a spec is a file
// people commit and print, and the values a snapshot holds were kept only for the spec that asked.
import type { GraphNode } from '../graph/types.js';
import { agreed, bool, compact, int, list, num, oneOf, props, record, sortedUnique, str, type Props, type Scoped } from './spec-init-read.js';

const SECRETS_MANAGER = /^arn:aws[a-z-]*:secretsmanager:/;
const XRAY = /xray/i;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The container the service exists for: the one its load balancer names, else its only essential non-sidecar one. */
function appContainer(service: GraphNode, containers: GraphNode[]): GraphNode | undefined {
  const named = agreed(list(props(service).loadBalancers).map((lb) => str(record(lb).containerName)));
  if (named !== undefined) return containers.find((c) => props(c).name === named);
  const candidates = containers.filter((c) => props(c).essential !== false && !XRAY.test(String(props(c).image ?? '')));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The service's one task definition and its application container, when the snapshot tells them. */
function taskDefinitionOf(s: Scoped, service: GraphNode): { td: GraphNode; containers: GraphNode[]; app: GraphNode | undefined } | undefined {
  const [td, ...more] = s.related(service, 'runs', 'ecs.task-definition');
  if (!td || more.length || !str(props(td).family)) return undefined;
  const containers = s.related(td, 'in-task-definition', 'ecs.container', true);
  return { td, containers, app: appContainer(service, containers) };
}

/** The container the spec's taskDefinition/container is about (the schema's annotated keys read from it). */
export const applicationContainer = (s: Scoped, service: GraphNode): GraphNode | undefined => taskDefinitionOf(s, service)?.app;

/** The task definition the spec's taskDefinition is about, when the snapshot tells it. */
export const serviceTaskDefinition = (s: Scoped, service: GraphNode): GraphNode | undefined => taskDefinitionOf(s, service)?.td;

function containerValues(service: GraphNode, container: GraphNode): Props {
  const p = props(container);
  const lbPort = agreed(list(props(service).loadBalancers).map((lb) => int(record(lb).containerPort, 1, 65535)));
  const mappings = list(p.portMappings).map(record);
  const mapping = lbPort !== undefined ? mappings.find((m) => m.containerPort === lbPort) : mappings[0];
  const envNames = list(p.environmentNames);
  const secrets = sortedUnique(
    list(p.secrets).map(record).filter((x) => SECRETS_MANAGER.test(String(x.valueFrom ?? '')) && !envNames.includes(x.name)).map((x) => str(x.name)),
  );
  const options = record(p.logOptions);
  return {
    name: str(p.name),
    imageRepository: str(p.imageRepository),
    containerPort: int(mapping?.containerPort, 1, 65535),
    protocol: oneOf(mapping?.protocol, ['tcp', 'udp'] as const),
    secrets: secrets.length ? secrets : undefined,
    logging: compact({
      driver: str(p.logDriver),
      group: str(options['awslogs-group']),
      region: str(options['awslogs-region']),
      streamPrefix: str(options['awslogs-stream-prefix']),
    }),
  };
}

function taskDefinitionValues(s: Scoped, service: GraphNode): Props | undefined {
  const found = taskDefinitionOf(s, service);
  if (!found) return undefined;
  const { td, containers, app } = found;
  const p = props(td);
  const family = str(p.family);
  const sidecar = containers.map((c) => str(props(c).imageRepository)?.split('/').pop()).find((repo) => repo !== undefined && XRAY.test(repo));
  const compat = list(p.requiresCompatibilities).map((c) => oneOf(c, ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'] as const));
  const container = app && containerValues(service, app);
  return {
    family,
    networkMode: oneOf(p.networkMode, ['awsvpc', 'bridge', 'host', 'none'] as const),
    // In the task definition's order: the rule compares the list as AWS returns it.
    requiresCompatibilities: compat.length && compat.every((c) => c !== undefined) ? compat : undefined,
    cpu: int(p.cpu, 128),
    memory: int(p.memory, 128),
    container: container?.name !== undefined ? compact(container) : undefined,
    tracing: containers.length ? compact({ xraySidecar: sidecar !== undefined, imagePattern: sidecar && escapeRegex(sidecar) }) : undefined,
  };
}

const SCALE_OUT = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold'];

/** A scale-out trigger: a step policy's alarm on the metric, or target tracking on it; undefined when none or two disagree. */
function trigger(s: Scoped, policies: GraphNode[], alarm: (a: Props) => boolean, tracked: string): number | undefined {
  const values: (number | undefined)[] = [];
  for (const policy of policies) {
    const p = props(policy);
    if (p.policyType === 'StepScaling' && p.direction === 'out') {
      for (const a of s.related(policy, 'triggered-by', 'cloudwatch.alarm')) {
        if (alarm(props(a)) && SCALE_OUT.includes(String(props(a).comparisonOperator))) values.push(num(props(a).threshold));
      }
    }
    if (p.policyType === 'TargetTrackingScaling' && p.predefinedMetricType === tracked) values.push(num(p.targetValue));
  }
  const value = agreed(values);
  return value !== undefined && value > 0 ? value : undefined;
}

function scalingValues(s: Scoped, service: GraphNode): Props | undefined {
  const desired = int(props(service).desiredCount);
  const targets = s.related(service, 'scales', 'application-autoscaling.scalable-target', true).filter((t) => props(t).scalableDimension === 'ecs:service:DesiredCount');
  if (targets.length !== 1) return compact({ desiredTasks: desired });
  const target = targets[0]!;
  const min = int(props(target).minCapacity);
  const max = int(props(target).maxCapacity, 1);
  const within = desired !== undefined && (min === undefined || desired >= min) && (max === undefined || desired <= max);
  const policies = s.related(target, 'applies-to', 'application-autoscaling.scaling-policy', true);
  const steps = (direction: string) => policies.filter((p) => props(p).policyType === 'StepScaling' && props(p).direction === direction && props(p).adjustmentType === 'ChangeInCapacity');
  const stepBy = (direction: string) => agreed(steps(direction).map((p) => int(props(p).scalingAdjustment, -Number.MAX_SAFE_INTEGER)));
  const out = stepBy('out');
  const inBy = stepBy('in');
  const cooldowns = policies.flatMap((p) => {
    const q = props(p);
    return q.policyType === 'TargetTrackingScaling' ? [q.scaleOutCooldown, q.scaleInCooldown] : q.policyType === 'StepScaling' ? [q.cooldown] : [];
  });
  const percent = (v: number | undefined) => (v !== undefined && v <= 100 ? v : undefined);
  return compact({
    minTasks: min,
    maxTasks: max,
    // Outside min..max the spec would be refused when loaded; the limits are the live values, so the count goes.
    desiredTasks: within ? desired : undefined,
    triggers: compact({
      cpuPercent: percent(trigger(s, policies, (a) => a.namespace === 'AWS/ECS' && a.metricName === 'CPUUtilization', 'ECSServiceAverageCPUUtilization')),
      memoryPercent: percent(trigger(s, policies, (a) => a.namespace === 'AWS/ECS' && a.metricName === 'MemoryUtilization', 'ECSServiceAverageMemoryUtilization')),
      requestsPerMinute: trigger(
        s, policies,
        (a) => a.namespace === 'AWS/ApplicationELB' && a.metricName === 'RequestCountPerTarget' && a.statistic === 'Sum' && a.periodSeconds === 60,
        'ALBRequestCountPerTarget',
      ),
    }),
    scaleOutBy: out !== undefined && out >= 1 ? out : undefined,
    scaleInBy: inBy !== undefined && inBy <= -1 ? inBy : undefined,
    cooldownSeconds: cooldowns.length ? agreed(cooldowns.map((c) => int(c))) : undefined,
  });
}

export function serviceValues(s: Scoped, service: GraphNode): Props {
  const p = props(service);
  const zones = sortedUnique(s.related(service, 'in-subnet', 'ec2.subnet').map((n) => str(props(n).availabilityZone)));
  const groups = s.related(service, 'registered-with', 'elbv2.target-group');
  const taskDefinition = taskDefinitionValues(s, service);
  const containerPort = record(record(taskDefinition).container).containerPort;
  const targetPort = agreed(groups.map((g) => int(props(g).port, 1, 65535)));
  const running = p.status === 'ACTIVE' && (int(p.desiredCount) ?? 0) >= 1 && (int(p.runningCount) ?? 0) >= 1;
  return {
    running: int(p.desiredCount) === undefined || int(p.runningCount) === undefined || str(p.status) === undefined ? undefined : running,
    fargate: bool(p.usesFargate),
    assignPublicIp: bool(p.assignPublicIp),
    minAvailabilityZones: zones.length ? zones.length : undefined,
    deploymentController: oneOf(p.deploymentController, ['ECS', 'CODE_DEPLOY', 'EXTERNAL'] as const),
    loadBalancer: groups.length
      ? compact({
          targetType: agreed(groups.map((g) => oneOf(props(g).targetType, ['instance', 'ip', 'lambda', 'alb'] as const))),
          // The spec requires the target port to be the container's: when the account disagrees, the port is not stated.
          targetPort: containerPort === undefined || containerPort === targetPort ? targetPort : undefined,
        })
      : undefined,
    taskDefinition: taskDefinition && compact(taskDefinition),
    scaling: scalingValues(s, service),
  };
}
