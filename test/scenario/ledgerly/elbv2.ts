// ELBv2: Ledgerly's one internet-facing ALB over the three public subnets, a target group per service
// (the HTTPS listener's path rules send /api/* and /reports/* to theirs, everything else to web's),
// and the HTTP listener that redirects to HTTPS.
import type { Elbv2Answers } from '../shopflow/elbv2.js';
import { CREATED, hex } from '../recording.js';
import { tagList } from '../build.js';
import { ACCOUNT, ALB_ARN, REGION, SERVICES, TAGS, type ServiceName } from './names.js';

export { ALB_ARN };
import { VPC_ID, ZONES, subnetId } from './ec2.js';
import { ALB_CERTIFICATE } from './acm.js';

const ELB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;
export const ALB_DNS = `ledgerly-alb-${parseInt(hex('ledgerly-alb dns', 8), 16)}.${REGION}.elb.amazonaws.com`;
export const targetGroupArn = (service: ServiceName) => `${ELB}:targetgroup/ledgerly-${service}-tg/${hex(`ledgerly-${service}-tg`, 16)}`;
const listenerArn = (port: number) => `${ALB_ARN.replace(':loadbalancer/', ':listener/')}/${hex(`listener ${port}`, 16)}`;

const forward = (arn: string) => ({ Type: 'forward' as const, TargetGroupArn: arn, Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: arn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } } });

export const elbv2Answers: Elbv2Answers = {
  loadBalancers: [
    {
      LoadBalancerArn: ALB_ARN, DNSName: ALB_DNS, CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K', CreatedTime: CREATED, LoadBalancerName: 'ledgerly-alb',
      Scheme: 'internet-facing', VpcId: VPC_ID, State: { Code: 'active' }, Type: 'application',
      AvailabilityZones: ZONES.map((z) => ({ ZoneName: z.az, SubnetId: subnetId('public', z.az), LoadBalancerAddresses: [] })),
      SecurityGroups: ['sg-0e1f2a3b4c5d6e7f8'], IpAddressType: 'ipv4', EnablePrefixForIpv6SourceNat: 'off',
    },
  ],
  targetGroups: SERVICES.map((s) => ({
    TargetGroupArn: targetGroupArn(s.name), TargetGroupName: `ledgerly-${s.name}-tg`, Protocol: 'HTTP', Port: s.port, VpcId: VPC_ID,
    HealthCheckProtocol: 'HTTP', HealthCheckPort: 'traffic-port', HealthCheckEnabled: true, HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5, UnhealthyThresholdCount: 2, HealthCheckPath: '/healthz', Matcher: { HttpCode: '200' },
    LoadBalancerArns: [ALB_ARN], TargetType: 'ip', ProtocolVersion: 'HTTP1', IpAddressType: 'ipv4',
  })),
  listeners: [
    {
      ListenerArn: listenerArn(443), LoadBalancerArn: ALB_ARN, Port: 443, Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: ALB_CERTIFICATE }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      DefaultActions: [forward(targetGroupArn('web'))],
    },
    {
      ListenerArn: listenerArn(80), LoadBalancerArn: ALB_ARN, Port: 80, Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }],
    },
  ],
  tags: {
    [ALB_ARN]: tagList(TAGS),
    ...Object.fromEntries(SERVICES.map((s) => [targetGroupArn(s.name), tagList(TAGS)])),
    [listenerArn(443)]: [],
    [listenerArn(80)]: [],
  },
};
