// Relations between spec values that the schema's descriptions state but JSON Schema cannot check
// (schemas/spec.schema.json): desiredTasks within minTasks..maxTasks, one read replica per listed AZ,
// the target port being the container port, and the like. Each names the value to fix.

interface SpecShape {
  region: string;
  network: { availabilityZones: string[]; natGateways: { count: number; onePerAvailabilityZone: boolean } };
  loadBalancer: { minAvailabilityZones: number; targetPort: number };
  compute: {
    service: { minAvailabilityZones: number };
    taskDefinition: { container: { containerPort: number; environment: Record<string, string>; secrets: string[] } };
  };
  scaling: { minTasks: number; maxTasks: number; desiredTasks: number };
  database: { primaryAvailabilityZone: string; standbyAvailabilityZone: string; readReplicas: { count: number; availabilityZones: string[] } };
}

export interface SpecProblem { pointer: string; message: string }

/** The first relation the spec breaks, or undefined. The spec has already passed its schema. */
export function specRelationProblem(value: unknown): SpecProblem | undefined {
  const spec = value as SpecShape;
  const azs = spec.network.availabilityZones;
  const azList = azs.join(', ');
  const { minTasks, maxTasks, desiredTasks } = spec.scaling;
  const container = spec.compute.taskDefinition.container;
  const replicas = spec.database.readReplicas;

  const checks: [pointer: string, broken: boolean, message: () => string][] = [
    // "The AZs every tier spans" in "the region the workload runs in".
    ...azs.map((az, i): [string, boolean, () => string] => [
      `/network/availabilityZones/${i}`, !isZoneOf(az, spec.region), () => `${az} is not an availability zone of the spec's region ${spec.region}`,
    ]),
    ['/scaling/minTasks', minTasks > maxTasks, () => `minTasks ${minTasks} is above maxTasks ${maxTasks}`],
    ['/scaling/desiredTasks', desiredTasks < minTasks || desiredTasks > maxTasks, () => `desiredTasks ${desiredTasks} is outside minTasks..maxTasks (${minTasks}..${maxTasks})`],
    ['/loadBalancer/targetPort', spec.loadBalancer.targetPort !== container.containerPort, () => `targetPort ${spec.loadBalancer.targetPort} differs from the container port ${container.containerPort} (/compute/taskDefinition/container/containerPort)`],
    ['/loadBalancer/minAvailabilityZones', spec.loadBalancer.minAvailabilityZones > azs.length, () => `minAvailabilityZones ${spec.loadBalancer.minAvailabilityZones} is more than the ${azs.length} availability zones the network spans (${azList})`],
    ['/compute/service/minAvailabilityZones', spec.compute.service.minAvailabilityZones > azs.length, () => `minAvailabilityZones ${spec.compute.service.minAvailabilityZones} is more than the ${azs.length} availability zones the network spans (${azList})`],
    [
      '/network/natGateways/count', spec.network.natGateways.onePerAvailabilityZone && spec.network.natGateways.count !== azs.length,
      () => `count ${spec.network.natGateways.count} does not give one NAT gateway to each of the ${azs.length} availability zones (onePerAvailabilityZone is true)`,
    ],
    ['/database/primaryAvailabilityZone', !azs.includes(spec.database.primaryAvailabilityZone), () => `${spec.database.primaryAvailabilityZone} is not one of the network's availability zones (${azList})`],
    ['/database/standbyAvailabilityZone', !azs.includes(spec.database.standbyAvailabilityZone), () => `${spec.database.standbyAvailabilityZone} is not one of the network's availability zones (${azList})`],
    ['/database/readReplicas/availabilityZones', replicas.availabilityZones.length !== replicas.count, () => `lists ${replicas.availabilityZones.length} availability zones for ${replicas.count} read replicas (one replica in each)`],
    ...replicas.availabilityZones.map((az, i): [string, boolean, () => string] => [
      `/database/readReplicas/availabilityZones/${i}`, !azs.includes(az), () => `${az} is not one of the network's availability zones (${azList})`,
    ]),
    // A variable is either plain and declared non-secret, or a secret; never both.
    ...container.secrets.map((name, i): [string, boolean, () => string] => [
      `/compute/taskDefinition/container/secrets/${i}`, Object.hasOwn(container.environment, name), () => `${name} is declared both a secret and a plain environment variable (/compute/taskDefinition/container/environment)`,
    ]),
  ];
  const broken = checks.find(([, isBroken]) => isBroken);
  return broken && { pointer: broken[0], message: broken[2]() };
}

// us-east-1a, or a Local Zone such as us-east-1-bos-1a.
const isZoneOf = (az: string, region: string) => az.startsWith(region) && /^([a-z]|-[a-z]+-[0-9]+[a-z])$/.test(az.slice(region.length));
