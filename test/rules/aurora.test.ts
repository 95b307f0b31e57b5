// Aurora (a database item of kind aurora-cluster): the cluster is Multi-AZ through instances in two
// zones. Fixtures are Ledgerly's compliant example (examples/ledgerly-compliant.snapshot.json).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Snapshot } from '../../src/graph/types.js';
import type { ResourceType } from '../../src/graph/resource-types.js';
import { testRule, expectFail, type Case, type Fixture } from './rule-tester.js';

const LEDGERLY = JSON.parse(readFileSync(new URL('../../examples/ledgerly-compliant.snapshot.json', import.meta.url), 'utf8')) as Snapshot;

function ledgerly<T extends ResourceType>(type: T, name: string, props: object = {}): Fixture<T> {
  const found = LEDGERLY.nodes.find((n) => n.type === type && n.name === name);
  if (!found) throw new Error(`no ${type} ${name} in the Ledgerly example`);
  return { type, name, props: { ...structuredClone(found.props), ...props } } as unknown as Fixture<T>;
}

const AURORA = { '/databases': { main: { kind: 'aurora-cluster', multiAz: true } } };
const cluster = (props: object = {}) => ledgerly('rds.db-cluster', 'ledgerly-db', props);
const instance = (name: string, az: string) => ledgerly('rds.db-instance', name, { availabilityZone: az });
const members = (...names: string[]): [string, string, string][] => names.map((n) => [n, 'member-of', 'ledgerly-db']);
const aurora = (name: string, readerAz: string, more: Partial<Case> = {}): Case => ({
  name,
  nodes: [cluster(), instance('ledgerly-db-1', 'us-east-1a'), instance('ledgerly-db-2', readerAz)],
  edges: members('ledgerly-db-1', 'ledgerly-db-2'),
  spec: AURORA,
  ...more,
});

testRule('rds-cluster-multi-az', {
  valid: [
    aurora('a writer in us-east-1a and a reader in us-east-1b', 'us-east-1b'),
    aurora('the database item names the cluster', 'us-east-1c', { spec: { '/databases': { main: { kind: 'aurora-cluster', multiAz: true, match: { name: 'ledgerly-db' } } } } }),
  ],
  invalid: [
    { ...aurora('the reader in the writer\'s zone (AWS says MultiAZ false)', 'us-east-1a'), nodes: [cluster({ multiAz: false }), instance('ledgerly-db-1', 'us-east-1a'), instance('ledgerly-db-2', 'us-east-1a')], check: expectFail('multiAz', true, false, 'ledgerly-db') },
    {
      ...aurora('AWS says MultiAZ but every instance is in one zone', 'us-east-1a'),
      check: (rs) => {
        expect(rs).toHaveLength(1);
        expect(rs[0]).toMatchObject({ status: 'fail', resource: { name: 'ledgerly-db' }, item: { section: 'databases', name: 'main' } });
      },
    },
    { name: 'a writer alone', nodes: [cluster(), instance('ledgerly-db-1', 'us-east-1a')], edges: members('ledgerly-db-1'), spec: AURORA },
    { name: 'no cluster at all: the item has no resource', nodes: [instance('ledgerly-db-1', 'us-east-1a')], spec: AURORA, check: (rs) => expect(rs[0]).toMatchObject({ status: 'fail', actual: 0 }) },
  ],
  skip: [
    {
      name: 'an RDS instance database (ShopFlow): not an Aurora cluster',
      nodes: [cluster()],
      spec: { '/databases': { main: { kind: 'rds-instance', multiAz: true } } },
      check: (rs) => expect(rs[0]!.reason).toMatch(/not required by the spec/),
    },
    { name: 'a single-AZ cluster by design (staging)', nodes: [cluster({ multiAz: false })], spec: { '/databases': { main: { kind: 'aurora-cluster', multiAz: false } } } },
    { name: 'no databases section', nodes: [cluster()], spec: { '/databases': undefined }, check: (rs) => expect(rs[0]!.reason).toBe('not in this architecture') },
  ],
  error: [aurora('DescribeDBInstances was denied: the members\' zones are unknown', 'us-east-1b', { gaps: [{ service: 'rds', operation: 'DescribeDBInstances', resourceTypes: ['rds.db-instance'] }] })],
});
