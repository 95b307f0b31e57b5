// The loopback AWS server for scripts/bench-scan.mjs, in a process of its own so its CPU is not the
// client's. It is TypeScript under test/: vite (installed with vitest) compiles it on the fly.
// Env: BENCH_ACCOUNT=shopflow|synthetic, BENCH_LATENCY_MS (default 0), BENCH_BUCKETS=aws|none;
// BENCH_ACCOUNTS=N serves N member accounts (test/loopback/accounts.ts: STS AssumeRole, each account
// read as itself), each the ShopFlow account, for scripts/bench-accounts.mjs.
// Prints one JSON line {endpoint, resources}; then answers each "use" line on stdin with the model's
// per-bucket use, and "latency N aws|none" by answering after N ms from then on (one JSON line each);
// exits when stdin closes.
import { createInterface } from 'node:readline';
import { createServer } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const vite = await createServer({
  root, configFile: false, logLevel: 'error', appType: 'custom',
  server: { middlewareMode: true, hmr: false, watch: null }, optimizeDeps: { noDiscovery: true, include: [] },
});
const load = (path) => vite.ssrLoadModule(path);
const { AwsLoopbackServer } = await load('/test/loopback/aws-server.ts');
const { shopflowAccount, emptyRegion, hex, ACCOUNT } = await load('/test/e2e/aws-fixtures.ts');
const { bucketFor } = await load('/src/collect/token-buckets.ts');

const REGION = 'us-east-1';

/**
 * About 3,000 resources in one region, shaped like a mid-size account: 100 VPCs (each with its main
 * route table and an internet gateway), 1,500 subnets, 600 S3 buckets (4 reads each) and 600 SQS
 * queues (1 read each), all tagged (the tagging API's GetResources, 100 a page); every other listing
 * in one page, as AWS pages them at the sizes the collectors ask.
 */
function syntheticAccount() {
  const r = emptyRegion(REGION);
  const one = (operation, input, output) => (r[operation] = [{ input, output }]);
  const vpcIds = Array.from({ length: 100 }, (_, i) => `vpc-0${hex(`vpc${i}`)}`);
  one('EC2:DescribeVpcs', { MaxResults: 1000 }, {
    Vpcs: vpcIds.map((VpcId, i) => ({ VpcId, CidrBlock: `10.${i}.0.0/16`, State: 'available', IsDefault: false, OwnerId: ACCOUNT, Tags: [{ Key: 'Name', Value: `vpc-${i}` }] })),
  });
  one('EC2:DescribeRouteTables', { MaxResults: 100 }, {
    RouteTables: vpcIds.map((VpcId, i) => ({
      RouteTableId: `rtb-0${hex(`rtb${i}`)}`, VpcId, OwnerId: ACCOUNT, PropagatingVgws: [], Tags: [],
      Associations: [{ Main: true, RouteTableAssociationId: `rtbassoc-0${hex(`rtba${i}`)}`, RouteTableId: `rtb-0${hex(`rtb${i}`)}`, AssociationState: { State: 'associated' } }],
      Routes: [{ DestinationCidrBlock: `10.${i}.0.0/16`, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' }],
    })),
  });
  one('EC2:DescribeInternetGateways', { MaxResults: 1000 }, {
    InternetGateways: vpcIds.map((VpcId, i) => ({ InternetGatewayId: `igw-0${hex(`igw${i}`)}`, OwnerId: ACCOUNT, Attachments: [{ State: 'available', VpcId }], Tags: [] })),
  });
  const subnets = Array.from({ length: 1500 }, (_, i) => ({
    SubnetId: `subnet-0${hex(`subnet${i}`)}`, VpcId: vpcIds[i % 100], CidrBlock: `10.${i % 100}.${Math.floor(i / 100)}.0/24`,
    AvailabilityZone: `${REGION}${'abc'[i % 3]}`, State: 'available', MapPublicIpOnLaunch: false, OwnerId: ACCOUNT, DefaultForAz: false,
    AvailableIpAddressCount: 251, Tags: [{ Key: 'Name', Value: `subnet-${i}` }],
  }));
  // DescribeSubnets pages at 1000: two pages.
  const next = 'c3VibmV0cy1wYWdlLTI=';
  r['EC2:DescribeSubnets'] = [
    { input: { MaxResults: 1000 }, output: { Subnets: subnets.slice(0, 1000), NextToken: next } },
    { input: { MaxResults: 1000, NextToken: next }, output: { Subnets: subnets.slice(1000) } },
  ];

  const buckets = Array.from({ length: 600 }, (_, i) => `bench-bucket-${i}-${ACCOUNT}`);
  one('S3:ListBuckets', { BucketRegion: REGION, MaxBuckets: 1000 }, {
    Buckets: buckets.map((Name) => ({ Name, CreationDate: new Date('2025-01-01T00:00:00Z'), BucketRegion: REGION, BucketArn: `arn:aws:s3:::${Name}` })),
    Owner: { ID: hex('owner', 64) },
  });
  const each = (operation, exchange) => (r[operation] = buckets.map((Bucket) => exchange(Bucket)));
  each('S3:GetBucketEncryption', (Bucket) => ({ input: { Bucket }, output: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } } }));
  each('S3:GetBucketVersioning', (Bucket) => ({ input: { Bucket }, output: { Status: 'Enabled' } }));
  each('S3:GetBucketReplication', (Bucket) => ({ input: { Bucket }, error: { code: 'ReplicationConfigurationNotFoundError', message: 'The replication configuration was not found', httpStatusCode: 404 } }));
  each('S3:GetPublicAccessBlock', (Bucket) => ({ input: { Bucket }, output: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } }));

  one('CloudFront:ListDistributions', { MaxItems: 100 }, { DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0, Items: [] } });
  one('WAFV2:ListWebACLs', { Scope: 'CLOUDFRONT', Limit: 100 }, { WebACLs: [] });
  one('Route53:ListHostedZones', { MaxItems: 100 }, { HostedZones: [], IsTruncated: false, MaxItems: 100 });

  const queues = Array.from({ length: 600 }, (_, i) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/bench-queue-${i}`);
  one('SQS:ListQueues', { MaxResults: 1000 }, { QueueUrls: queues });
  r['SQS:GetQueueAttributes'] = queues.map((QueueUrl) => ({
    input: { QueueUrl, AttributeNames: ['All'] },
    output: { Attributes: { QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${QueueUrl.split('/').pop()}`, VisibilityTimeout: '30', MessageRetentionPeriod: '345600', SqsManagedSseEnabled: 'true' } },
  }));
  r['ResourceGroupsTaggingAPI:GetResources'] = [
    ...tagPages('s3', buckets.map((Name) => `arn:aws:s3:::${Name}`)),
    ...tagPages('sqs', queues.map((url) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${url.split('/').pop()}`)),
  ];
  return { regions: { [REGION]: r }, resources: 100 * 3 + subnets.length + buckets.length + queues.length };
}

/** GetResources' pages for one type filter, 100 resources a page (the last with an empty token, as AWS's). */
function tagPages(filter, arns) {
  const pages = [];
  for (let i = 0; i < arns.length; i += 100) {
    const token = (n) => Buffer.from(`${filter}-page-${n}`).toString('base64');
    const next = i + 100 < arns.length ? token(i + 100) : '';
    pages.push({
      input: { ResourceTypeFilters: [filter], ResourcesPerPage: 100, ...(i > 0 && { PaginationToken: token(i) }) },
      output: { ResourceTagMappingList: arns.slice(i, i + 100).map((ResourceARN) => ({ ResourceARN, Tags: [{ Key: 'team', Value: 'bench' }] })), PaginationToken: next },
    });
  }
  return pages;
}

const account = process.env.BENCH_ACCOUNT === 'synthetic' ? syntheticAccount() : { ...shopflowAccount(), resources: undefined };
const server = await AwsLoopbackServer.start(account.regions);
if (process.env.BENCH_ACCOUNTS) {
  const { serveAccounts, accountIds } = await load('/test/loopback/accounts.ts');
  serveAccounts(server, { managementAccount: '111111111111', root: 'r-ab12', accounts: accountIds(Number(process.env.BENCH_ACCOUNTS)).map((id) => ({ id })) });
}
let latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
server.model({ latencyMs, keepAliveMs: 60_000, ...(process.env.BENCH_BUCKETS === 'aws' && { buckets: bucketFor }) });
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, resources: account.resources ?? null })}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'use') process.stdout.write(`${JSON.stringify({ use: server.bucketUse(), requests: server.requests.length, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 })}\n`);
  if (line === 'trace') process.stdout.write(`${JSON.stringify(server.requests.map((q) => [q.at, `${q.client}:${q.operation}`]))}\n`);
  // "latency N aws|none": answer after N ms from now on, with or without AWS's buckets modelled (fresh
  // ones), so one server serves every ShopFlow figure: one start-up.
  if (line.startsWith('latency ')) {
    const [, ms, buckets] = line.split(' ');
    latencyMs = Number(ms);
    server.model({ latencyMs, keepAliveMs: 60_000, ...(buckets === 'aws' && { buckets: bucketFor }) });
    process.stdout.write('{}\n');
  }
  if (line === 'reset') {
    server.requests.length = 0;
    server.model({ latencyMs, keepAliveMs: 60_000, ...(process.env.BENCH_BUCKETS === 'aws' && { buckets: bucketFor }) });
    process.stdout.write('{}\n');
  }
});
lines.on('close', async () => {
  await server.close();
  await vite.close();
  process.exit(0);
});
