// Edges declared with a `link` are found from props after collection (src/graph/link.ts): a CloudFront
// origin and a load balancer by DNS name, a Route 53 alias and a distribution by domain name.
import { describe, expect, it } from 'vitest';
import { linkEdges, linkGraph, matchModeOf } from '../../src/graph/link.js';
import { EDGE_TYPES, type EdgeType } from '../../src/graph/edge-types.js';
import type { LinkDecl } from '../../src/resources/define.js';
import type { GraphEdge, GraphNode } from '../../src/graph/types.js';

const node = (type: string, id: string, props: Record<string, unknown>) =>
  ({ id, type, region: 'us-east-1', account: '123456789012', name: id, tags: {}, props }) as unknown as GraphNode;
const lb = (id: string, dnsName: unknown) => node('elbv2.load-balancer', id, { dnsName });
const distribution = (id: string, domainName: string, origins: unknown[]) => node('cloudfront.distribution', id, { domainName, origins });
const zone = (id: string, dnsNames: string[]) => node('route53.hosted-zone', id, { cloudFrontAliases: dnsNames.map((dnsName) => ({ name: 'shop.example.com', type: 'A', dnsName })) });
const origin = (domainName: unknown) => ({ id: 'o', domainName, kind: 'custom' });
const keys = (edges: GraphEdge[]) => edges.map((e) => `${e.type} ${e.from} -> ${e.to}`);

describe('declared links', () => {
  it('origin, alias-to, logs-to, served-with, uses-secret and encrypted-by are declared as links (no hand-written matching)', () => {
    expect(Object.entries(EDGE_TYPES).filter(([, e]) => 'link' in e).map(([t]) => t).sort()).toEqual(['alias-to', 'encrypted-by', 'logs-to', 'origin', 'served-with', 'uses-secret']);
  });

  const LB_DNS = 'shopflow-alb-123.us-east-1.elb.amazonaws.com';
  const cases: [string, unknown, boolean][] = [
    ['the plain DNS name', LB_DNS, true],
    ['the dualstack name', `dualstack.${LB_DNS}`, true],
    ['upper case with a root dot', `${LB_DNS.toUpperCase()}.`, true],
    ['another balancer', 'other-alb-9.us-east-1.elb.amazonaws.com', false],
    ['a name that only contains it', `x${LB_DNS}`, false],
    ['an empty name', '', false],
    ['a number', 42, false],
    ['null', null, false],
  ];
  it.each(cases)('an origin naming %s links: %s', (_name, domainName, links) => {
    const { edges } = linkGraph([distribution('d', 'd1.cloudfront.net', [origin(domainName)]), lb('lb', LB_DNS)], []);
    expect(keys(edges)).toEqual(links ? ['origin d -> lb'] : []);
  });

  it('every origin of a distribution, and every balancer answering to the name', () => {
    const nodes = [distribution('d', 'd1.cloudfront.net', [origin(LB_DNS), origin('b.s3.amazonaws.com'), origin('second.elb.amazonaws.com')]), lb('lb1', LB_DNS), lb('lb2', LB_DNS), lb('lb3', 'second.elb.amazonaws.com')];
    expect(keys(linkGraph(nodes, []).edges)).toEqual(['origin d -> lb1', 'origin d -> lb2', 'origin d -> lb3']);
  });

  it('an alias record links its zone to the distribution of that domain name', () => {
    const nodes = [zone('z', ['D1.cloudfront.net.', 'nowhere.cloudfront.net']), distribution('d1', 'd1.cloudfront.net', []), distribution('d2', 'd2.cloudfront.net', [])];
    expect(keys(linkGraph(nodes, []).edges)).toEqual(['alias-to z -> d1']);
  });

  it('a link the collector also emitted appears once; edges to resources not collected are dropped', () => {
    const nodes = [distribution('d', 'd1.cloudfront.net', [origin(LB_DNS)]), lb('lb', LB_DNS)];
    const collected: GraphEdge[] = [{ type: 'origin', from: 'd', to: 'lb' }, { type: 'origin', from: 'd', to: 'bucket-not-read' }];
    expect(keys(linkGraph(nodes, collected).edges)).toEqual(['origin d -> lb']);
  });

  it('a resource of a type the link does not name is never matched', () => {
    const nodes = [distribution('d', 'd1.cloudfront.net', [origin('b.s3.amazonaws.com')]), node('s3.bucket', 'b', { dnsName: 'b.s3.amazonaws.com' })];
    expect(linkGraph(nodes, []).edges).toEqual([]);
  });
});

describe('encrypted-by\'s key patterns: the four ways AWS names a KMS key', () => {
  const KEY_ID = '1f7c3a2b-9d4e-4b6a-8c5f-0e2d1a3b4c5d';
  const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;
  // The declaration's own patterns (src/resources/kms.ts), on stand-in types.
  const link: LinkDecl = { from: { 'x.store': 'kmsKeyId' }, to: { 'x.key': ['@id', 'aliasArns'] }, match: (EDGE_TYPES['encrypted-by'].link as LinkDecl).match };
  const at = (type: string, id: string, props: Record<string, unknown>, region = 'us-east-1', account = '123456789012') =>
    ({ ...node(type, id, props), region, account }) as GraphNode;
  const key = at('x.key', KEY_ARN, { aliasArns: ['arn:aws:kms:us-east-1:123456789012:alias/shopflow-data'] });
  const found = (kmsKeyId: unknown, region?: string, account?: string) =>
    keys(linkEdges('uses' as EdgeType, link, [at('x.store', 'store', { kmsKeyId }, region, account), key]));

  const cases: [string, unknown, string | undefined, string | undefined, boolean][] = [
    ['the key ARN', KEY_ARN, undefined, undefined, true],
    ['the key id, in the key\'s account and region', KEY_ID, undefined, undefined, true],
    ['the alias name, in the key\'s account and region', 'alias/shopflow-data', undefined, undefined, true],
    ['the alias ARN', 'arn:aws:kms:us-east-1:123456789012:alias/shopflow-data', undefined, undefined, true],
    ['the key ARN, named from another region', KEY_ARN, 'eu-west-1', undefined, true],
    ['the key id, named from another region', KEY_ID, 'eu-west-1', undefined, false],
    ['the alias name, named from another account', 'alias/shopflow-data', undefined, '210987654321', false],
    ['the same key id in another account\'s ARN', `arn:aws:kms:us-east-1:210987654321:key/${KEY_ID}`, undefined, undefined, false],
    ['the alias ARN of another region', 'arn:aws:kms:eu-west-1:123456789012:alias/shopflow-data', undefined, undefined, false],
    ['another alias', 'alias/shopflow', undefined, undefined, false],
    ['an alias name differing in case (alias names are case-sensitive)', 'alias/ShopFlow-Data', undefined, undefined, false],
    ['a key id that only starts like it', KEY_ID.slice(0, 8), undefined, undefined, false],
    ['another service\'s ARN', 'arn:aws:s3:::shopflow-data', undefined, undefined, false],
    ['an empty string', '', undefined, undefined, false],
    ['null (no key)', null, undefined, undefined, false],
  ];
  it.each(cases)('a resource naming %s links: %s', (_name, kmsKeyId, region, account, links) => {
    expect(found(kmsKeyId, region, account)).toEqual(links ? [`uses store -> ${KEY_ARN}`] : []);
  });

  it('an ARN names the key\'s own account and region; another service\'s ARN names no key at all', () => {
    const mode = matchModeOf(link);
    const store = at('x.store', 'store', {});
    expect(mode.reference(`arn:aws:kms:eu-west-1:210987654321:key/${KEY_ID}`, store)).toMatchObject({ required: true, account: '210987654321', region: 'eu-west-1' });
    expect(mode.reference(KEY_ID, store)).toEqual({ value: KEY_ID, key: `us-east-1:123456789012:key/${KEY_ID}`, required: true });
    expect(mode.reference('arn:aws:s3:::shopflow-data', store)).toBeUndefined();
  });

  it('a key named by its ARN and by an alias from two resources links each once', () => {
    const nodes = [at('x.store', 'a', { kmsKeyId: KEY_ARN }), at('x.store', 'b', { kmsKeyId: 'alias/shopflow-data' }), key];
    expect(keys(linkEdges('uses' as EdgeType, link, nodes))).toEqual([`uses a -> ${KEY_ARN}`, `uses b -> ${KEY_ARN}`]);
  });
});

describe('uses-secret\'s key patterns (an ECS secret valueFrom against a Secrets Manager secret ARN)', () => {
  const mode = matchModeOf(EDGE_TYPES['uses-secret'].link as LinkDecl);
  const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod/database-url-Xk3p9Q';
  const container = node('ecs.container', 'c', {});
  const resolves = (value: string) => {
    const ref = mode.reference(value, container);
    return ref ? mode.targetKeys(SECRET, container).includes(ref.key) : undefined;
  };

  it.each<[string, string, boolean | undefined]>([
    ['the full ARN', SECRET, true],
    ['the full ARN with a JSON key', `${SECRET}:password::`, true],
    ['the full ARN with key, version stage and id', `${SECRET}:password:AWSCURRENT:6f2c`, true],
    ['a partial ARN (no random suffix)', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod/database-url', true],
    ['a partial ARN with a JSON key', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod/database-url:password::', true],
    ['the bare name (same account and region)', 'shopflow/prod/database-url', true],
    ['another secret', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod/database-Xk3p9Q', false],
    ['a prefix of the name', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod', false],
    ['the same name in another account', 'arn:aws:secretsmanager:us-east-1:999999999999:secret:shopflow/prod/database-url-Xk3p9Q', false],
    ['the same name in another region', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shopflow/prod/database-url-Xk3p9Q', false],
    ['an SSM parameter ARN (no secret reference at all)', 'arn:aws:ssm:us-east-1:123456789012:parameter/shopflow/prod/database-url', undefined],
  ])('%s', (_name, value, expected) => {
    expect(resolves(value)).toBe(expected);
  });

  it('only an ARN must resolve: a bare name may be an SSM parameter', () => {
    expect(mode.reference(SECRET, container)).toMatchObject({ required: true, account: '123456789012', region: 'us-east-1' });
    expect(mode.reference('/shopflow/prod/api-key', container)).toMatchObject({ required: false });
  });

  it('a secret whose own name ends like a suffix is found by its full name too', () => {
    const odd = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:svc-abcdef-Q1w2E3';
    const key = (v: string) => mode.reference(v, container)!.key;
    expect(mode.targetKeys(odd, container)).toEqual(expect.arrayContaining([key('svc-abcdef'), key(odd)]));
    expect(mode.targetKeys('not an arn', container)).toEqual([]);
  });
});
