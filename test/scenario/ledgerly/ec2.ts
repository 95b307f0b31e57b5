// EC2: Ledgerly's network: one VPC over three zones, each zone with a public, a private and a data
// subnet, a NAT gateway per zone (each private subnet routes through its own zone's), and AWS's
// default VPC, which is never the application's.
import type { Ec2Answers } from '../shopflow/ec2.js';
import { awsId, internetGateway, natGateway, routeTable, subnet, vpc } from '../build.js';
import { REGION, TAGS } from './names.js';

export const VPC_ID = awsId('vpc', 'ledgerly');
const CIDR = '10.60.0.0/16';
const IGW = awsId('igw', 'ledgerly');

export const ZONES = [
  { az: 'us-east-1a', azId: 'use1-az1', n: 0 },
  { az: 'us-east-1b', azId: 'use1-az2', n: 1 },
  { az: 'us-east-1c', azId: 'use1-az4', n: 2 },
] as const;
type Tier = 'public' | 'private' | 'data';
const TIER_BASE: Record<Tier, number> = { public: 0, private: 10, data: 20 };

const suffix = (az: string) => az.slice(-1);
/** The subnet of a tier in a zone: ledgerly-<tier>-<a|b|c>. */
export const subnetId = (tier: Tier, az: string) => awsId('subnet', `ledgerly-${tier}-${suffix(az)}`);
export const subnetsOf = (tier: Tier) => ZONES.map((z) => subnetId(tier, z.az));
export const natId = (az: string) => awsId('nat', `ledgerly-${suffix(az)}`);

const DEFAULT_VPC = 'vpc-0de1a2b3c4d5e6f70';

export const ec2Answers: Ec2Answers = {
  vpcs: [vpc(REGION, VPC_ID, CIDR, { ...TAGS, Name: 'ledgerly-vpc' }), vpc(REGION, DEFAULT_VPC, '172.31.0.0/16', {}, true)],
  subnets: (['public', 'private', 'data'] as const).flatMap((tier) =>
    ZONES.map((z) =>
      subnet(REGION, {
        id: subnetId(tier, z.az), vpcId: VPC_ID, az: z.az, azId: z.azId, cidr: `10.60.${TIER_BASE[tier] + z.n}.0/24`, public: tier === 'public',
        tags: { ...TAGS, Name: `ledgerly-${tier}-${suffix(z.az)}` },
      }),
    ),
  ),
  routeTables: [
    routeTable(awsId('rtb', 'ledgerly-main'), VPC_ID, CIDR, { main: true }),
    routeTable(awsId('rtb', 'ledgerly-public'), VPC_ID, CIDR, { subnets: subnetsOf('public'), internetGateway: IGW }),
    ...ZONES.map((z) => routeTable(awsId('rtb', `ledgerly-private-${suffix(z.az)}`), VPC_ID, CIDR, { subnets: [subnetId('private', z.az)], natGateway: natId(z.az) })),
    routeTable(awsId('rtb', 'ledgerly-data'), VPC_ID, CIDR, { subnets: subnetsOf('data') }),
  ],
  internetGateways: [internetGateway(IGW, VPC_ID, { ...TAGS, Name: 'ledgerly-igw' }), internetGateway(awsId('igw', 'default'), DEFAULT_VPC, {})],
  natGateways: ZONES.map((z) => natGateway(natId(z.az), VPC_ID, subnetId('public', z.az), `10.60.${z.n}.${40 + z.n}`)),
};
