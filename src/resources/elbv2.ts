// Elastic Load Balancing v2: load balancers, target groups and listeners.
import { ArnList, Name, NullableStr, Obj, OrNull, Port, Arn, Str, SubnetIdList, VpcId, AzList } from './shapes.js';
import { defineService } from './define.js';

export const elbv2 = defineService({
  service: 'elbv2',
  iamPrefix: 'elasticloadbalancing',
  global: false,
  types: {
    'elbv2.load-balancer': {
      doc: 'load balancer',
      props: Obj({
        loadBalancerName: Name(),
        type: Str('application, network or gateway.'),
        scheme: Str('internet-facing or internal.'),
        state: Str(),
        dnsName: Str(),
        vpcId: VpcId(),
        availabilityZones: AzList(),
        subnetIds: SubnetIdList(),
      }),
    },
    'elbv2.target-group': {
      doc: 'target group',
      props: Obj({
        targetGroupName: Name(),
        targetType: Str('instance, ip, lambda or alb.'),
        protocol: NullableStr('Null for a lambda target group.'),
        port: OrNull(Port(), 'Null for a lambda target group.'),
        vpcId: OrNull(VpcId()),
        loadBalancerArns: ArnList(),
      }),
    },
    'elbv2.listener': {
      doc: 'listener',
      props: Obj({
        loadBalancerArn: Arn(),
        port: Port(),
        protocol: Str(),
        forwardTargetGroupArns: ArnList("Target groups of the default action's forward (empty for redirect or fixed-response)."),
      }),
    },
  },
  edges: {
    'listener-of': { scope: 'to-from', from: ['elbv2.listener'], to: ['elbv2.load-balancer'], doc: 'listener -> its load balancer' },
    'forwards-to': { scope: 'none', from: ['elbv2.listener'], to: ['elbv2.target-group'], doc: 'listener -> a target group it forwards to' },
    serves: { scope: 'to-from', from: ['elbv2.target-group'], to: ['elbv2.load-balancer'], doc: 'target group -> a load balancer that sends it traffic' },
  },
});
