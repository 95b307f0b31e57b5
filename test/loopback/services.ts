// The AWS services the collectors call, as the loopback server meets them on the wire: the SDK
// client module (for its commands' output schemas), the protocol, and how a request names it.
import * as AAS from '@aws-sdk/client-application-auto-scaling';
import * as CF from '@aws-sdk/client-cloudfront';
import * as CW from '@aws-sdk/client-cloudwatch';
import * as LOGS from '@aws-sdk/client-cloudwatch-logs';
import * as EC2 from '@aws-sdk/client-ec2';
import * as ECS from '@aws-sdk/client-ecs';
import * as ELB from '@aws-sdk/client-elastic-load-balancing-v2';
import * as EC from '@aws-sdk/client-elasticache';
import * as RDS from '@aws-sdk/client-rds';
import * as R53 from '@aws-sdk/client-route-53';
import * as S3 from '@aws-sdk/client-s3';
import * as SQS from '@aws-sdk/client-sqs';
import * as STS from '@aws-sdk/client-sts';
import * as WAF from '@aws-sdk/client-wafv2';

export type Protocol = 'ec2' | 'query' | 'json1.0' | 'json1.1' | 'rest-xml';

export interface WireService {
  /** The client class name without "Client", as in "EC2:DescribeVpcs" (aws-fixtures' recording keys). */
  client: string;
  /** The IAM / signing prefix ("ec2", "elasticloadbalancing"): old-style script keys use it. */
  iam: string;
  protocol: Protocol;
  module: Record<string, unknown>;
  /** awsJson: the X-Amz-Target prefix. Query: the API version. REST-XML: the XML namespace. */
  id: string;
  /** Query protocols: the XML namespace of answers. */
  xmlns?: string;
}

export const WIRE_SERVICES: readonly WireService[] = [
  { client: 'EC2', iam: 'ec2', protocol: 'ec2', module: EC2, id: '2016-11-15', xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  { client: 'STS', iam: 'sts', protocol: 'query', module: STS, id: '2011-06-15', xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  { client: 'ElasticLoadBalancingV2', iam: 'elasticloadbalancing', protocol: 'query', module: ELB, id: '2015-12-01', xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/' },
  { client: 'ElastiCache', iam: 'elasticache', protocol: 'query', module: EC, id: '2015-02-02', xmlns: 'http://elasticache.amazonaws.com/doc/2015-02-02/' },
  { client: 'RDS', iam: 'rds', protocol: 'query', module: RDS, id: '2014-10-31', xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/' },
  { client: 'ECS', iam: 'ecs', protocol: 'json1.1', module: ECS, id: 'AmazonEC2ContainerServiceV20141113' },
  { client: 'ApplicationAutoScaling', iam: 'application-autoscaling', protocol: 'json1.1', module: AAS, id: 'AnyScaleFrontendService' },
  { client: 'WAFV2', iam: 'wafv2', protocol: 'json1.1', module: WAF, id: 'AWSWAF_20190729' },
  { client: 'CloudWatch', iam: 'cloudwatch', protocol: 'json1.0', module: CW, id: 'GraniteServiceVersion20100801' },
  { client: 'SQS', iam: 'sqs', protocol: 'json1.0', module: SQS, id: 'AmazonSQS' },
  { client: 'CloudWatchLogs', iam: 'logs', protocol: 'json1.1', module: LOGS, id: 'Logs_20140328' },
  { client: 'S3', iam: 's3', protocol: 'rest-xml', module: S3, id: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  { client: 'Route53', iam: 'route53', protocol: 'rest-xml', module: R53, id: 'https://route53.amazonaws.com/doc/2013-04-01/' },
  { client: 'CloudFront', iam: 'cloudfront', protocol: 'rest-xml', module: CF, id: 'http://cloudfront.amazonaws.com/doc/2020-05-31/' },
];

export const byClient = (client: string): WireService | undefined => WIRE_SERVICES.find((s) => s.client === client);

/** The operation's output schema (the SDK's own model), for rendering answers the SDK will parse. */
export function outputSchema(service: WireService, operation: string): unknown {
  const Command = service.module[`${operation}Command`] as (new (input: object) => { schema: unknown[] }) | undefined;
  if (!Command) throw new Error(`loopback: no ${operation}Command in the ${service.client} client`);
  const output = new Command({}).schema[5];
  return typeof output === 'function' ? (output as () => unknown)() : output;
}
