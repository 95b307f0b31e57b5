// EC2 networking: VPCs, subnets, route tables, internet and NAT gateways, and the edges that place
// other services' resources in a VPC or subnet.
import { Bool, Cidr, Enum, InternetGatewayId, List, Name, NatGatewayId, NullableAz, Obj, OrNull, RouteTableId, Str, SubnetId, SubnetIdList, VpcId, Az, AzList } from './shapes.js';
import { defineService } from './define.js';

export const ec2 = defineService({
  service: 'ec2',
  iamPrefix: 'ec2',
  global: false,
  types: {
    'ec2.vpc': {
      doc: 'VPC',
      props: Obj({
        vpcId: VpcId(),
        cidrBlock: Cidr(),
        isDefault: Bool("The region's default VPC, created by AWS."),
        state: Str(),
      }),
    },
    'ec2.subnet': {
      doc: 'VPC subnet',
      props: Obj({
        subnetId: SubnetId(),
        vpcId: VpcId(),
        availabilityZone: Az(),
        cidrBlock: Cidr(),
        mapPublicIpOnLaunch: Bool(),
        routeTableId: OrNull(RouteTableId(), "The route table that applies: the explicitly associated one, else the VPC's main table."),
        defaultRoute: OrNull(
          Obj({
            targetType: Enum(['internet-gateway', 'nat-gateway', 'transit-gateway', 'instance', 'other']),
            targetId: Name("The target's AWS id (igw-..., nat-..., tgw-..., i-...)."),
            natGatewayAvailabilityZone: NullableAz('For a zonal NAT gateway target, its AZ; else null.'),
          }),
          'Derived: the effective 0.0.0.0/0 route of that table; null when there is none.',
        ),
        routesToInternetGateway: Bool('Derived: 0.0.0.0/0 (or ::/0) goes to an internet gateway, i.e. the subnet is public.'),
      }),
    },
    'ec2.route-table': {
      doc: 'VPC route table',
      props: Obj({
        routeTableId: RouteTableId(),
        vpcId: VpcId(),
        main: Bool("The VPC's main table: it applies to every subnet without an explicit association."),
        subnetIds: SubnetIdList('Explicitly associated subnets.'),
        routes: List(
          Obj({
            destination: Name('IPv4 or IPv6 CIDR, or a prefix list id.'),
            targetType: Str('local, internet-gateway, nat-gateway, transit-gateway, instance, ...'),
            targetId: Str(),
            state: Str('active or blackhole.'),
          }),
        ),
      }),
    },
    'ec2.internet-gateway': {
      doc: 'internet gateway',
      props: Obj({ internetGatewayId: InternetGatewayId(), attachedVpcIds: List(VpcId()) }),
    },
    'ec2.nat-gateway': {
      doc: 'NAT gateway',
      props: Obj({
        natGatewayId: NatGatewayId(),
        state: Str(),
        connectivityType: Enum(['public', 'private']),
        availabilityMode: Enum(['zonal', 'regional'], 'zonal (one AZ, from its subnet) or regional (one gateway that spans AZs).'),
        vpcId: VpcId(),
        subnetId: OrNull(SubnetId(), 'Null for a regional NAT gateway.'),
        availabilityZone: NullableAz('Null for a regional NAT gateway.'),
        availabilityZones: AzList('For a regional NAT gateway, the AZs it serves; for a zonal one, its own AZ.'),
      }),
    },
  },
  edges: {
    'in-vpc': {
      scope: 'to-from',
      from: ['ec2.subnet', 'ec2.route-table', 'ec2.nat-gateway', 'elbv2.load-balancer', 'elbv2.target-group', 'rds.db-subnet-group', 'elasticache.cache-subnet-group'],
      to: ['ec2.vpc'],
      doc: 'subnet, route table, NAT gateway, load balancer, subnet group -> its VPC',
    },
    'attached-to': { scope: 'to-from', from: ['ec2.internet-gateway'], to: ['ec2.vpc'], doc: 'internet gateway -> the VPC it is attached to' },
    'in-subnet': {
      scope: 'none',
      from: ['ec2.nat-gateway', 'elbv2.load-balancer', 'ecs.service', 'rds.db-subnet-group', 'elasticache.cache-subnet-group'],
      to: ['ec2.subnet'],
      doc: 'NAT gateway, load balancer, ECS service, subnet group -> a subnet it uses',
    },
    'routes-via': { scope: 'none', from: ['ec2.subnet'], to: ['ec2.internet-gateway', 'ec2.nat-gateway'], doc: 'subnet -> the internet or NAT gateway its default route goes to' },
  },
});
