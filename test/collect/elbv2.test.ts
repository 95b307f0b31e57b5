import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
  type Tag,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { elbv2Collector } from '../../src/collect/elbv2.js';
import { awsError, expectCallsLimitedAndDeclared, expectValidSnapshot, fakeContext, nodeById, nodesOf, paged, propsOf } from './ctx-ec2-rds.js';

const elb = mockClient(ElasticLoadBalancingV2Client);
const ELB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const EC2 = 'arn:aws:ec2:us-east-1:123456789012';

const VPC = 'vpc-0a00000000000a001';
const OTHER_VPC = 'vpc-0b00000000000b001';
const SUBNET_A = 'subnet-0a0000000000000a1';
const SUBNET_B = 'subnet-0a0000000000000b1';
const ALB = `${ELB}:loadbalancer/app/shopflow-alb/50dc6c495c0c9188`;
const OTHER_ALB = `${ELB}:loadbalancer/app/billing-alb/6d0ecf831eec9f09`;
const TG_API = `${ELB}:targetgroup/shopflow-api/73e2d6bc24d8a067`;
const TG_CANARY = `${ELB}:targetgroup/shopflow-api-canary/83e2d6bc24d8a068`;
const TG_LAMBDA = `${ELB}:targetgroup/shopflow-thumbs/93e2d6bc24d8a069`;
const TG_OTHER = `${ELB}:targetgroup/billing-api/a3e2d6bc24d8a06a`;
const HTTPS = `${ELB}:listener/app/shopflow-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const HTTP = `${ELB}:listener/app/shopflow-alb/50dc6c495c0c9188/f2f7dc8efc522ab3`;
const OTHER_HTTPS = `${ELB}:listener/app/billing-alb/6d0ecf831eec9f09/a2f7dc8efc522ab4`;

const alb: LoadBalancer = {
  LoadBalancerArn: ALB, LoadBalancerName: 'shopflow-alb', Type: 'application', Scheme: 'internet-facing', State: { Code: 'active' },
  DNSName: 'shopflow-alb-1234567890.us-east-1.elb.amazonaws.com', VpcId: VPC,
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: SUBNET_A }, { ZoneName: 'us-east-1b', SubnetId: SUBNET_B }],
};
const otherAlb: LoadBalancer = {
  LoadBalancerArn: OTHER_ALB, LoadBalancerName: 'billing-alb', Type: 'application', Scheme: 'internal', State: { Code: 'active' },
  DNSName: 'internal-billing-alb-1.us-east-1.elb.amazonaws.com', VpcId: OTHER_VPC, AvailabilityZones: [{ ZoneName: 'us-east-1c', SubnetId: 'subnet-0b0000000000000c1' }],
};
const targetGroups: TargetGroup[] = [
  { TargetGroupArn: TG_API, TargetGroupName: 'shopflow-api', TargetType: 'ip', Protocol: 'HTTP', Port: 8080, VpcId: VPC, LoadBalancerArns: [ALB] },
  { TargetGroupArn: TG_CANARY, TargetGroupName: 'shopflow-api-canary', TargetType: 'ip', Protocol: 'HTTP', Port: 8080, VpcId: VPC, LoadBalancerArns: [ALB] },
  // Lambda target groups have no protocol, port or VPC.
  { TargetGroupArn: TG_LAMBDA, TargetGroupName: 'shopflow-thumbs', TargetType: 'lambda', LoadBalancerArns: [] },
  { TargetGroupArn: TG_OTHER, TargetGroupName: 'billing-api', TargetType: 'instance', Protocol: 'HTTP', Port: 80, VpcId: OTHER_VPC, LoadBalancerArns: [OTHER_ALB] },
];
const albListeners: Listener[] = [
  {
    ListenerArn: HTTPS, LoadBalancerArn: ALB, Port: 443, Protocol: 'HTTPS',
    DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG_API, Weight: 90 }, { TargetGroupArn: TG_CANARY, Weight: 10 }] } }],
  },
  { ListenerArn: HTTP, LoadBalancerArn: ALB, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] },
];
// The single-target form also repeats the target in ForwardConfig: one target, listed once.
const otherListener: Listener = {
  ListenerArn: OTHER_HTTPS, LoadBalancerArn: OTHER_ALB, Port: 443, Protocol: 'HTTPS',
  DefaultActions: [{ Type: 'forward', TargetGroupArn: TG_OTHER, ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG_OTHER, Weight: 1 }] } }],
};
const tags: Record<string, Tag[]> = {
  [ALB]: [{ Key: 'app', Value: 'shopflow' }, { Key: 'env', Value: 'prod' }],
  [OTHER_ALB]: [{ Key: 'app', Value: 'billing' }],
  [TG_API]: [{ Key: 'app', Value: 'shopflow' }],
  [HTTPS]: [{ Key: 'Name', Value: 'shopflow-https' }],
};

/** A tag read answering for every ARN it is asked about (whether or not it has tags). */
const describeTags = (input: { ResourceArns?: string[] }) => ({ TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({ ResourceArn: arn, Tags: tags[arn] ?? [] })) });

function mockAccount(extraTargetGroups: TargetGroup[] = [], onCall?: () => void) {
  const track = <I, O>(fn: (input: I) => O) => (input: I) => {
    onCall?.();
    return fn(input);
  };
  elb.on(DescribeLoadBalancersCommand).callsFake(paged([{ LoadBalancers: [alb] }, { LoadBalancers: [otherAlb] }], 'Marker', 'NextMarker', onCall));
  const allTargetGroups = [...targetGroups, ...extraTargetGroups];
  elb.on(DescribeTargetGroupsCommand).callsFake(paged([{ TargetGroups: allTargetGroups.slice(0, 2) }, { TargetGroups: allTargetGroups.slice(2) }], 'Marker', 'NextMarker', onCall));
  elb.on(DescribeListenersCommand, { LoadBalancerArn: ALB }).callsFake(paged([{ Listeners: [albListeners[0]!] }, { Listeners: [albListeners[1]!] }], 'Marker', 'NextMarker', onCall));
  elb.on(DescribeListenersCommand, { LoadBalancerArn: OTHER_ALB }).callsFake(track(() => ({ Listeners: [otherListener] })));
  elb.on(DescribeTagsCommand).callsFake(track(describeTags));
}

describe('elbv2Collector', () => {
  beforeEach(() => elb.reset());

  it('follows every page, lists listeners per load balancer and reads tags 20 ARNs per call, all under ctx.limit', async () => {
    const ctx = fakeContext();
    const insideAtCall: number[] = [];
    const extra: TargetGroup[] = Array.from({ length: 21 }, (_, i) => ({
      TargetGroupArn: `${ELB}:targetgroup/shopflow-batch-${i}/${String(i).padStart(16, '0')}`, TargetGroupName: `shopflow-batch-${i}`, TargetType: 'ip', Protocol: 'HTTP', Port: 80, VpcId: VPC, LoadBalancerArns: [],
    }));
    mockAccount(extra, () => insideAtCall.push(ctx.insideLimit()));
    const result = await elbv2Collector.collect(ctx);

    expect(elb.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(2);
    expect(elb.commandCalls(DescribeTargetGroupsCommand)).toHaveLength(2);
    expect(elb.commandCalls(DescribeListenersCommand)).toHaveLength(3); // two pages for the ALB, one for the other
    // 2 load balancers + 25 target groups + 3 listeners = 30 ARNs: 20 + 10, whatever their types.
    expect(elb.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length).sort((a, b) => a! - b!)).toEqual([10, 20]);
    expect(nodesOf(result, 'elbv2.load-balancer')).toHaveLength(2);
    expect(nodesOf(result, 'elbv2.target-group')).toHaveLength(25);
    expect(nodesOf(result, 'elbv2.listener').map((n) => n.id).sort()).toEqual([HTTPS, HTTP, OTHER_HTTPS].sort());
    expect(result.gaps).toEqual([]);
    expectCallsLimitedAndDeclared(elb, insideAtCall, 'elasticloadbalancing', elbv2Collector.actions);
    expectValidSnapshot(result);
  });

  it('normalizes load balancers, target groups and listeners', async () => {
    mockAccount();
    const result = await elbv2Collector.collect(fakeContext());

    expect(nodeById(result, 'elbv2.load-balancer', ALB)).toEqual({
      id: ALB, type: 'elbv2.load-balancer', region: 'us-east-1', account: '123456789012', name: 'shopflow-alb', tags: { app: 'shopflow', env: 'prod' },
      props: {
        loadBalancerName: 'shopflow-alb', type: 'application', scheme: 'internet-facing', state: 'active',
        dnsName: 'shopflow-alb-1234567890.us-east-1.elb.amazonaws.com', vpcId: VPC, availabilityZones: ['us-east-1a', 'us-east-1b'], subnetIds: [SUBNET_A, SUBNET_B],
      },
    });
    expect(nodeById(result, 'elbv2.target-group', TG_API)).toMatchObject({
      name: 'shopflow-api', tags: { app: 'shopflow' },
      props: { targetGroupName: 'shopflow-api', targetType: 'ip', protocol: 'HTTP', port: 8080, vpcId: VPC, loadBalancerArns: [ALB] },
    });
    expect(propsOf(result, 'elbv2.target-group', TG_LAMBDA)).toEqual({ targetGroupName: 'shopflow-thumbs', targetType: 'lambda', protocol: null, port: null, vpcId: null, loadBalancerArns: [] });
    expect(nodeById(result, 'elbv2.listener', HTTPS)).toMatchObject({
      name: 'shopflow-https', tags: { Name: 'shopflow-https' },
      props: { loadBalancerArn: ALB, port: 443, protocol: 'HTTPS', forwardTargetGroupArns: [TG_API, TG_CANARY] },
    });
    // No Name tag: named after its load balancer and port.
    expect(nodeById(result, 'elbv2.listener', HTTP)).toMatchObject({ name: 'shopflow-alb:80', tags: {}, props: { port: 80, protocol: 'HTTP', forwardTargetGroupArns: [] } });
    expect(propsOf(result, 'elbv2.listener', OTHER_HTTPS).forwardTargetGroupArns).toEqual([TG_OTHER]);
  });

  it('links load balancers to VPC and subnets, target groups to what they serve, listeners to both ends', async () => {
    mockAccount();
    const { edges } = await elbv2Collector.collect(fakeContext());
    const from = (id: string) => edges.filter((e) => e.from === id).map((e) => `${e.type} ${e.to}`).sort();

    expect(from(ALB)).toEqual([`in-subnet ${EC2}:subnet/${SUBNET_A}`, `in-subnet ${EC2}:subnet/${SUBNET_B}`, `in-vpc ${EC2}:vpc/${VPC}`]);
    expect(from(TG_API)).toEqual([`in-vpc ${EC2}:vpc/${VPC}`, `serves ${ALB}`]);
    expect(from(TG_LAMBDA)).toEqual([]);
    expect(from(HTTPS)).toEqual([`forwards-to ${TG_CANARY}`, `forwards-to ${TG_API}`, `listener-of ${ALB}`]);
    expect(from(HTTP)).toEqual([`listener-of ${ALB}`]);
    expect(from(OTHER_HTTPS)).toEqual([`forwards-to ${TG_OTHER}`, `listener-of ${OTHER_ALB}`]);
  });

  it('keeps another application\'s load balancer and target group with their own tags', async () => {
    mockAccount();
    const result = await elbv2Collector.collect(fakeContext());

    expect(nodeById(result, 'elbv2.load-balancer', OTHER_ALB)).toMatchObject({ name: 'billing-alb', tags: { app: 'billing' }, props: { scheme: 'internal', vpcId: OTHER_VPC } });
    expect(nodeById(result, 'elbv2.target-group', TG_OTHER)).toMatchObject({ name: 'billing-api', tags: {} });
  });

  it('turns a denied DescribeLoadBalancers into a gap for load balancers and listeners, keeping target groups', async () => {
    mockAccount();
    elb.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers'));
    const result = await elbv2Collector.collect(fakeContext());

    expect(result.gaps).toEqual([{
      service: 'elbv2', operation: 'DescribeLoadBalancers', region: 'us-east-1', code: 'AccessDenied',
      message: 'User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers', resourceTypes: ['elbv2.load-balancer', 'elbv2.listener'],
    }]);
    expect(nodesOf(result, 'elbv2.load-balancer')).toEqual([]);
    expect(nodesOf(result, 'elbv2.listener')).toEqual([]);
    expect(elb.commandCalls(DescribeListenersCommand)).toHaveLength(0);
    expect(nodesOf(result, 'elbv2.target-group')).toHaveLength(4);
  });

  it('records one gap when DescribeListeners is denied for every load balancer, and emits no listeners', async () => {
    mockAccount();
    elb.on(DescribeListenersCommand).rejects(awsError('AccessDenied'));
    const result = await elbv2Collector.collect(fakeContext());

    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'DescribeListeners', code: 'AccessDenied', resourceTypes: ['elbv2.listener'] })]);
    expect(nodesOf(result, 'elbv2.listener')).toEqual([]);
    expect(nodesOf(result, 'elbv2.load-balancer')).toHaveLength(2);
  });

  it('treats a load balancer deleted before its listeners were read as having none, without a gap', async () => {
    mockAccount();
    elb.on(DescribeListenersCommand, { LoadBalancerArn: OTHER_ALB }).rejects(awsError('LoadBalancerNotFoundException'));
    const result = await elbv2Collector.collect(fakeContext());

    expect(result.gaps).toEqual([]);
    expect(nodesOf(result, 'elbv2.listener').map((n) => n.id).sort()).toEqual([HTTPS, HTTP].sort());
  });

  it('leaves out the resources whose tags could not be read, with a gap for every type DescribeTags feeds', async () => {
    mockAccount();
    elb.on(DescribeTagsCommand).callsFake((input: { ResourceArns?: string[] }) => {
      if (input.ResourceArns?.includes(TG_API)) throw awsError('Throttling', 'Rate exceeded');
      return describeTags(input);
    });
    const result = await elbv2Collector.collect(fakeContext());

    // One batch held every ARN: none of them can be placed in or out of scope.
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'elbv2', operation: 'DescribeTags', code: 'Throttling', resourceTypes: ['elbv2.load-balancer', 'elbv2.target-group', 'elbv2.listener'] }),
    ]);
    expect(nodesOf(result, 'elbv2.target-group')).toEqual([]);
    expect(nodesOf(result, 'elbv2.load-balancer')).toEqual([]);
    expect(nodesOf(result, 'elbv2.listener')).toEqual([]);
  });
});
