// Every collector infra-audit runs. Adding a service is adding its collector here.
import type { Collector } from './types.js';
import { ec2Collector } from './ec2.js';
import { elbv2Collector } from './elbv2.js';
import { rdsCollector } from './rds.js';
import { elasticacheCollector } from './elasticache.js';
import { ecsCollector } from './ecs.js';
import { applicationAutoScalingCollector } from './application-autoscaling.js';
import { cloudwatchCollector } from './cloudwatch.js';
import { cloudfrontCollector } from './cloudfront.js';
import { wafv2Collector } from './wafv2.js';
import { s3Collector } from './s3.js';
import { sqsCollector } from './sqs.js';
import { route53Collector } from './route53.js';

export const ALL_COLLECTORS: readonly Collector[] = [
  ec2Collector,
  elbv2Collector,
  rdsCollector,
  elasticacheCollector,
  ecsCollector,
  applicationAutoScalingCollector,
  cloudwatchCollector,
  cloudfrontCollector,
  wafv2Collector,
  s3Collector,
  sqsCollector,
  route53Collector,
];
