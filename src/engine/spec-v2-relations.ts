// Relations between a v2 spec's values that JSON Schema cannot state (docs/spec-v2.md), checked per
// item and reported at the pointer of the value to fix: an item's zones are zones of its region (a
// service's also within its own list's size for minAvailabilityZones),
// desiredTasks within minTasks..maxTasks, a service's target port its container's port, one read
// replica per listed zone, a variable never both secret and plain. Zones an item must share with "the
// network" are checked only when the spec has exactly one network that lists its zones: with several,
// which network an item lives in is not written down.
import type { SpecProblem } from './spec-relations.js';

type Obj = Record<string, any>;
type Check = [pointer: string, broken: boolean, message: () => string];

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const entries = (section: unknown): [string, Obj][] => (section && typeof section === 'object' ? Object.entries(section as Obj) : []);
// us-east-1a, or a Local Zone such as us-east-1-bos-1a.
const isZoneOf = (az: string, region: string) => az.startsWith(region) && /^([a-z]|-[a-z]+-[0-9]+[a-z])$/.test(az.slice(region.length));

/** The first relation the (merged, schema-valid) v2 spec breaks, or undefined. */
export function specV2RelationProblem(spec: Obj): SpecProblem | undefined {
  const checks: Check[] = [];
  const networks = entries(spec.networks);
  const zoned = networks.filter(([, n]) => Array.isArray(n.availabilityZones));
  const only = networks.length === 1 && zoned.length === 1 ? { at: `/networks/${esc(zoned[0]![0])}/availabilityZones`, azs: zoned[0]![1].availabilityZones as string[] } : undefined;
  const inNetwork = (at: string, az: unknown): Check[] =>
    only && typeof az === 'string' ? [[at, !only.azs.includes(az), () => `${az} is not one of the network's availability zones (${only.azs.join(', ')}, ${only.at})`]] : [];
  const notMoreZones = (at: string, n: unknown): Check[] =>
    only && typeof n === 'number' ? [[at, n > only.azs.length, () => `minAvailabilityZones ${n} is more than the ${only.azs.length} availability zones the network spans (${only.azs.join(', ')})`]] : [];

  for (const [name, net] of networks) {
    const at = `/networks/${esc(name)}`;
    const region: string = net.region ?? spec.region;
    const azs: string[] = net.availabilityZones ?? [];
    azs.forEach((az, i) => checks.push([`${at}/availabilityZones/${i}`, !isZoneOf(az, region), () => `${az} is not an availability zone of the network's region ${region}`]));
    const nat = net.natGateways ?? {};
    if (nat.onePerAvailabilityZone === true && typeof nat.count === 'number' && net.availabilityZones) {
      checks.push([`${at}/natGateways/count`, nat.count !== azs.length, () => `count ${nat.count} does not give one NAT gateway to each of the ${azs.length} availability zones (onePerAvailabilityZone is true)`]);
    }
  }
  for (const [name, lb] of entries(spec.loadBalancers)) checks.push(...notMoreZones(`/loadBalancers/${esc(name)}/minAvailabilityZones`, lb.minAvailabilityZones));
  for (const [name, svc] of entries(spec.services)) {
    const at = `/services/${esc(name)}`;
    checks.push(...notMoreZones(`${at}/minAvailabilityZones`, svc.minAvailabilityZones));
    const zones: string[] = svc.availabilityZones ?? [];
    const region: string = svc.region ?? spec.region;
    zones.forEach((az, i) => checks.push(
      [`${at}/availabilityZones/${i}`, !isZoneOf(az, region), () => `${az} is not an availability zone of the service's region ${region}`],
      ...inNetwork(`${at}/availabilityZones/${i}`, az),
    ));
    if (svc.availabilityZones && typeof svc.minAvailabilityZones === 'number') {
      checks.push([`${at}/minAvailabilityZones`, svc.minAvailabilityZones > zones.length, () => `minAvailabilityZones ${svc.minAvailabilityZones} is more than the zones the service may run in (${zones.join(', ')}, ${at}/availabilityZones)`]);
    }
    const { minTasks, maxTasks, desiredTasks } = (svc.scaling ?? {}) as Obj;
    if (typeof minTasks === 'number' && typeof maxTasks === 'number') checks.push([`${at}/scaling/minTasks`, minTasks > maxTasks, () => `minTasks ${minTasks} is above maxTasks ${maxTasks}`]);
    if (typeof desiredTasks === 'number') {
      const low = typeof minTasks === 'number' ? minTasks : 0;
      const high = typeof maxTasks === 'number' ? maxTasks : Infinity;
      checks.push([`${at}/scaling/desiredTasks`, desiredTasks < low || desiredTasks > high, () => `desiredTasks ${desiredTasks} is outside minTasks..maxTasks (${minTasks ?? 'not set'}..${maxTasks ?? 'not set'})`]);
    }
    const container: Obj = svc.taskDefinition?.container ?? {};
    const targetPort = svc.loadBalancer?.targetPort;
    if (typeof targetPort === 'number' && typeof container.containerPort === 'number') {
      checks.push([`${at}/loadBalancer/targetPort`, targetPort !== container.containerPort, () => `targetPort ${targetPort} differs from the container port ${container.containerPort} (${at}/taskDefinition/container/containerPort)`]);
    }
    const env: Obj = container.environment ?? {};
    ((container.secrets ?? []) as string[]).forEach((variable, i) =>
      checks.push([`${at}/taskDefinition/container/secrets/${i}`, Object.hasOwn(env, variable), () => `${variable} is declared both a secret and a plain environment variable (${at}/taskDefinition/container/environment)`]),
    );
  }
  for (const [name, db] of entries(spec.databases)) {
    const at = `/databases/${esc(name)}`;
    checks.push(...inNetwork(`${at}/primaryAvailabilityZone`, db.primaryAvailabilityZone), ...inNetwork(`${at}/standbyAvailabilityZone`, db.standbyAvailabilityZone));
    const replicas: Obj = db.readReplicas ?? {};
    if (typeof replicas.count === 'number' && Array.isArray(replicas.availabilityZones)) {
      checks.push([`${at}/readReplicas/availabilityZones`, replicas.availabilityZones.length !== replicas.count, () => `lists ${replicas.availabilityZones.length} availability zones for ${replicas.count} read replicas (one replica in each)`]);
    }
    ((replicas.availabilityZones ?? []) as string[]).forEach((az, i) => checks.push(...inNetwork(`${at}/readReplicas/availabilityZones/${i}`, az)));
  }
  const broken = checks.find(([, isBroken]) => isBroken);
  return broken && { pointer: broken[0], message: broken[2]() };
}
