// The words for engine paths and values: every shape the engine reports, and the odd ones.
import { describe, expect, it } from 'vitest';
import { describePath, propLabel, typeLabel } from '../../src/engine/labels.js';
import { describeFinding, plainExpected, plainValue } from '../../src/engine/message.js';

describe('describePath', () => {
  it.each([
    ['multiAz', 'rds.db-instance', 'Multi-AZ'],
    ['secondaryAvailabilityZone', undefined, 'secondary availability zone'],
    ['kmsKeyId', undefined, 'KMS key'],
    ['(count)', 'ec2.nat-gateway', 'number of NAT gateways'],
    ['(resources)', 'rds.db-instance', 'number of database instances'],
    ['availabilityZone (distinct)', 'ec2.nat-gateway', 'number of distinct availability zones'],
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
    ['rules', 'composite', 'failing rules'],
    ['->no-such-edge(x.y)', undefined, 'number of no-such-edges'],
    ['', undefined, ''],
  ])('%j -> %j', (path, type, words) => {
    expect(describePath(path, type)).toBe(words);
  });

  it('labels every resource type in words, never its id', () => {
    expect(typeLabel('application-autoscaling.scaling-policy')).toBe('scaling policies');
    expect(typeLabel('rds.db-instance', false)).toBe('database instance');
    expect(typeLabel('made.up')).toBe('made.up');
    expect(propLabel('usesFargate')).toBe('runs on Fargate');
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
    ['not in', ['DATABASE_URL', 'API_KEY'], 'none of DATABASE_URL or API_KEY'],
    ['not eq', 'x', 'anything but x'],
    ['matches', '^shopflow', 'a value matching ^shopflow'],
    ['exists', true, 'a value'],
    ['exists', false, 'no value'],
    [undefined, 2, '2'],
  ])('plainExpected(%j, %j) = %j', (op, expected, words) => expect(plainExpected(op, expected)).toBe(words));

  it("'the architecture requires' only a value the spec holds; a rule's own literal is 'expected'", () => {
    expect(describeFinding({ path: 'multiAz', op: 'eq', expected: true, actual: false, specPointer: '/database/multiAz' })).toBe('Multi-AZ is false, the architecture requires true');
    expect(describeFinding({ path: 'backupRetentionPeriod', op: 'gte', expected: 1, actual: 0 })).toBe('backup retention (days) is 0, expected at least 1');
    expect(describeFinding({ path: 'webAclId', op: 'exists', expected: true, actual: null })).toBe('web ACL is not set, expected a value');
  });
});
