// The words for engine paths and values: every shape the engine reports, and the odd ones.
import { describe, expect, it } from 'vitest';
import { EDGE_LABELS, RESOURCE_LABELS, describeCheck, describePath, propLabel, subjectLabel, typeLabel } from '../../src/engine/labels.js';
import { EDGE_TYPES } from '../../src/graph/edge-types.js';
import { RESOURCE_TYPES } from '../../src/graph/resource-types.js';
import type { Check, ResourceRef, Subject } from '../../src/engine/types.js';
import { describeFinding, plainExpected, plainValue } from '../../src/engine/message.js';

describe('describePath', () => {
  it.each([
    ['multiAz', 'rds.db-instance', 'Multi-AZ'],
    ['secondaryAvailabilityZone', undefined, 'secondary availability zone'],
    ['kmsKeyId', undefined, 'KMS key'],
    ['<-replica-of(rds.db-instance) (count)', 'rds.db-instance', 'number of read replicas'],
    ['<-replica-of(rds.db-instance).availabilityZone (distinct)', undefined, 'number of distinct availability zones of read replicas'],
    ['->protected-by(wafv2.web-acl)', undefined, 'number of WAF web ACLs protecting it'],
    ['->in-subnet(ec2.subnet)[shopflow-public-a].routesToInternetGateway', undefined, 'routes to an internet gateway of subnet shopflow-public-a'],
    ['->alias-to(cloudfront.distribution)[www.example.com.].enabled', undefined, 'enabled of CloudFront distribution aliased in the zone www.example.com.'],
    ['->origin(elbv2.load-balancer)[*].type', undefined, 'type of each load balancer origin'],
    ['cacheBehaviors[1].viewerProtocolPolicy', undefined, 'viewer protocol policy of cache behaviour 2'],
    ['origins[*].kind', undefined, 'kind of each origin'],
    ['environmentValues.NODE_ENV', undefined, 'environment variable NODE_ENV'],
    ['logOptions.awslogs-group', undefined, 'log option awslogs-group'],
    ['@tags.app', undefined, 'tag app'],
    ['@name', undefined, 'name'],
    ['defaultRoute.natGatewayAvailabilityZone', undefined, "availability zone of the default route's NAT gateway"],
    ['->no-such-edge(x.y)', undefined, 'number of no-such-edges'],
    ['', undefined, ''],
  ])('%j -> %j', (path, type, words) => {
    expect(describePath(path), `${path} from ${type}`).toBe(words);
  });

  it.each<[Check | undefined, string | undefined, string]>([
    [{ kind: 'count', op: 'eq' }, 'ec2.nat-gateway', 'number of NAT gateways'],
    [{ kind: 'selected', op: 'gte' }, 'rds.db-instance', 'number of database instances'],
    [{ kind: 'count', op: 'gte', distinct: 'availabilityZone' }, 'ec2.nat-gateway', 'number of distinct availability zones of NAT gateways'],
    [{ kind: 'set', op: 'eq', distinct: 'availabilityZone' }, 'ec2.subnet', 'distinct availability zones of subnets'],
    [{ kind: 'rules' }, undefined, 'failing rules'],
    [{ kind: 'value', path: 'multiAz', op: 'eq', negated: true }, 'rds.db-instance', 'Multi-AZ'],
    [{ kind: 'selected', op: 'gte' }, undefined, 'number of resources'],
    [undefined, 'rds.db-instance', ''],
  ])('describeCheck(%j, %j) = %j', (check, type, words) => expect(describeCheck(check, type)).toBe(words));

  it('labels every resource type in words, never its id', () => {
    expect(typeLabel('application-autoscaling.scaling-policy')).toBe('scaling policies');
    expect(typeLabel('rds.db-instance', false)).toBe('database instance');
    expect(typeLabel('made.up')).toBe('made.up');
    expect(propLabel('usesFargate')).toBe('runs on Fargate');
  });

  it('every declared type and edge has words (from the table or its declaration\'s label)', () => {
    expect(Object.keys(RESOURCE_TYPES).filter((t) => !Object.hasOwn(RESOURCE_LABELS, t))).toEqual([]);
    expect(Object.keys(EDGE_TYPES).filter((e) => !Object.hasOwn(EDGE_LABELS, e))).toEqual([]);
  });

  it("a type's and an edge's declared label is used, the plural defaulting to one + s (logs.log-group, logs-to)", () => {
    expect(typeLabel('logs.log-group')).toBe('log groups');
    expect(typeLabel('logs.log-group', false)).toBe('log group');
    expect(describePath('->logs-to(logs.log-group) (count)')).toBe('number of log groups it writes to');
    expect(describePath('<-logs-to(ecs.container) (count)')).toBe('number of containers logging to it');
  });
});

describe('values and expectations', () => {
  it.each([
    [undefined, 'not set'],
    [null, 'not set'],
    ['', '(empty)'],
    [[], 'none'],
    [['a'], 'a'],
    [['a', 'b', 'c'], 'a, b and c'],
    [false, 'false'],
    [0, '0'],
    [{ a: 1 }, '{"a":1}'],
  ])('plainValue(%j) = %j', (value, words) => expect(plainValue(value)).toBe(words));

  it.each([
    ['gte', 7, 'at least 7'],
    ['lte', 3600, 'at most 3600'],
    ['gt', 1, 'more than 1'],
    ['lt', 1, 'less than 1'],
    ['ne', 'x', 'anything but x'],
    ['in', ['TLSv1.2_2021', 'TLSv1.2_2019'], 'one of TLSv1.2_2021 or TLSv1.2_2019'],
    ['in', ['https-only'], 'https-only'],
    ['matches', '^shopflow', 'a value matching ^shopflow'],
    ['exists', true, 'a value'],
    ['exists', false, 'no value'],
    [undefined, 2, '2'],
  ])('plainExpected(%j, %j) = %j', (op, expected, words) => expect(plainExpected(op, expected)).toBe(words));

  // A `not` reaches the words as a flag, never as an op string to parse back.
  it.each([
    ['in', ['DATABASE_URL', 'API_KEY'], 'none of DATABASE_URL or API_KEY'],
    ['eq', 'x', 'anything but x'],
    [undefined, 'x', 'anything but x'],
    ['gte', 2, 'not at least 2'],
    ['matches', '^a', 'not a value matching ^a'],
    ['exists', true, 'not a value'],
  ])('plainExpected(%j, %j, negated) = %j', (op, expected, words) => expect(plainExpected(op, expected, true)).toBe(words));

  it("'the architecture requires' only a value the spec holds; a rule's own literal is 'expected'", () => {
    expect(describeFinding({ check: { kind: 'value', path: 'multiAz', op: 'eq', negated: false }, expected: true, actual: false, specPointer: '/databases/main/multiAz' })).toBe('Multi-AZ is false, the architecture requires true');
    expect(describeFinding({ check: { kind: 'value', path: 'backupRetentionPeriod', op: 'gte', negated: false }, expected: 1, actual: 0 })).toBe('backup retention (days) is 0, expected at least 1');
    expect(describeFinding({ check: { kind: 'value', path: 'webAclId', op: 'exists', negated: false }, expected: true, actual: null })).toBe('web ACL is not set, expected a value');
  });
});

describe('subjectLabel: the one label every report gives what a result is about', () => {
  const ref: ResourceRef = { id: '123456789012:eu-west-1:rds.db-instance', type: 'rds.db-instance', region: 'eu-west-1' };
  it.each<[ResourceRef, Subject, string]>([
    [{ ...ref, id: 'arn:aws:rds:eu-west-1:123456789012:db:shop', name: 'shop' }, { kind: 'resource' }, 'shop'],
    [{ ...ref, id: 'arn:aws:rds:eu-west-1:123456789012:db:shop' }, { kind: 'resource' }, 'arn:aws:rds:eu-west-1:123456789012:db:shop'],
    [ref, { kind: 'set', type: 'rds.db-instance', region: 'eu-west-1' }, 'database instances in eu-west-1'],
    [ref, { kind: 'set', type: 'cloudfront.distribution', region: 'global' }, 'CloudFront distributions'],
    [ref, { kind: 'set', type: 'ec2.vpc', region: null }, 'VPCs in every region'],
    [ref, { kind: 'rules', rules: ['a', 'b'] }, '2 combined rules'],
    [ref, { kind: 'rules', rules: ['a'] }, '1 combined rule'],
  ])('%j %j -> %j', (resource, subject, words) => expect(subjectLabel({ resource, subject })).toBe(words));
});
