// ELBv2: ShopFlow's ALB, its target group and two listeners (HTTPS forward, HTTP redirect).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as ELB from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineService, CREATED } from '../recording.js';

export interface Elbv2Answers {
  loadBalancers: ELB.LoadBalancer[];
  targetGroups: ELB.TargetGroup[];
  /** In the API's order per load balancer (by port, highest first). */
  listeners: ELB.Listener[];
  /** By ARN (load balancer, target group or listener); untagged resources answer []. */
  tags: Record<string, ELB.Tag[]>;
}

const answers: Elbv2Answers = {
  loadBalancers: [
    {
      LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shopflow-alb/50dc6c495c0c9188',
      DNSName: 'shopflow-alb-1588470632.us-east-1.elb.amazonaws.com',
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      CreatedTime: CREATED,
      LoadBalancerName: 'shopflow-alb',
      Scheme: 'internet-facing',
      VpcId: 'vpc-0c4f1e2a3b5d6e7f8',
      State: { Code: 'active' },
      Type: 'application',
      AvailabilityZones: [
        { ZoneName: 'us-east-1a', SubnetId: 'subnet-0a3c5e7f9b1d2c4e6', LoadBalancerAddresses: [] },
        { ZoneName: 'us-east-1b', SubnetId: 'subnet-0b4d6f8a1c3e5a7b9', LoadBalancerAddresses: [] },
      ],
      SecurityGroups: ['sg-0c3d4e5f6a7b8c9d0'],
      IpAddressType: 'ipv4',
      EnablePrefixForIpv6SourceNat: 'off',
    },
  ],
  targetGroups: [
    {
      TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shopflow-api-tg/6d0ecf831eec9f09',
      TargetGroupName: 'shopflow-api-tg',
      Protocol: 'HTTP',
      Port: 3000,
      VpcId: 'vpc-0c4f1e2a3b5d6e7f8',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shopflow-alb/50dc6c495c0c9188'],
      TargetType: 'ip',
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
    },
  ],
  listeners: [
    {
      ListenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shopflow-alb/50dc6c495c0c9188/f2f7dc8efc522ab2',
      LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shopflow-alb/50dc6c495c0c9188',
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/5e2c7a1d-8b3f-4c6e-9a0d-2f4b6c8e1a3d' }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      DefaultActions: [
        {
          Type: 'forward',
          TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shopflow-api-tg/6d0ecf831eec9f09',
          Order: 1,
          ForwardConfig: {
            TargetGroups: [{ TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shopflow-api-tg/6d0ecf831eec9f09', Weight: 1 }],
            TargetGroupStickinessConfig: { Enabled: false },
          },
        },
      ],
    },
    {
      ListenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shopflow-alb/50dc6c495c0c9188/7a3e1c5b9d2f4e60',
      LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shopflow-alb/50dc6c495c0c9188',
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        {
          Type: 'redirect',
          Order: 1,
          RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' },
        },
      ],
    },
  ],
  tags: {
    'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shopflow-alb/50dc6c495c0c9188': [{ Key: 'app', Value: 'shopflow' }],
    'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shopflow-api-tg/6d0ecf831eec9f09': [{ Key: 'app', Value: 'shopflow' }],
    'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shopflow-alb/50dc6c495c0c9188/f2f7dc8efc522ab2': [],
    'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shopflow-alb/50dc6c495c0c9188/7a3e1c5b9d2f4e60': [],
  },
};

export const elbv2 = defineService({
  name: 'elbv2', global: false,
  empty: { loadBalancers: [], targetGroups: [], listeners: [], tags: {} },
  record(a, r) {
    // The collector passes pageSize 400, but the SDK's ELBv2 paginators have no page-size parameter:
    // requests go out without PageSize (the service's default applies).
    r.paged('ElasticLoadBalancingV2:DescribeLoadBalancers', {}, a.loadBalancers, 'Marker', (LoadBalancers, NextMarker) => ({ LoadBalancers, NextMarker }));
    r.paged('ElasticLoadBalancingV2:DescribeTargetGroups', {}, a.targetGroups, 'Marker', (TargetGroups, NextMarker) => ({ TargetGroups, NextMarker }));
    const listenerArns: string[] = [];
    for (const lb of a.loadBalancers) {
      const own = a.listeners.filter((l) => l.LoadBalancerArn === lb.LoadBalancerArn);
      listenerArns.push(...own.map((l) => l.ListenerArn!));
      r.paged('ElasticLoadBalancingV2:DescribeListeners', { LoadBalancerArn: lb.LoadBalancerArn }, own, 'Marker', (Listeners, NextMarker) => ({ Listeners, NextMarker }));
    }
    // DescribeTags: up to 20 ARNs per call, any mix of types, in the collector's order.
    const arns = [...a.loadBalancers.map((lb) => lb.LoadBalancerArn!), ...a.targetGroups.map((tg) => tg.TargetGroupArn!), ...listenerArns];
    for (let i = 0; i < arns.length; i += 20) {
      const batch = arns.slice(i, i + 20);
      r.record('ElasticLoadBalancingV2:DescribeTags', {
        input: { ResourceArns: batch },
        output: { TagDescriptions: batch.map((ResourceArn) => ({ ResourceArn, Tags: a.tags[ResourceArn] ?? [] })) },
      });
    }
  },
  answers,
});
