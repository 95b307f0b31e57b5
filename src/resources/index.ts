// Every service infra-audit knows: the ONLY registry. Adding a service is one line here, its
// declaration (src/resources/<service>.ts) and its collector (src/collect/<service>.ts); everything
// else is derived (npm run schemas regenerates the snapshot schema and the runtime catalog).
// Loaded at build time and by tests: the running tool reads the generated catalog, which needs no
// TypeBox (catalog.generated.ts).
import { ec2 } from './ec2.js';
import { rds } from './rds.js';
import { elasticache } from './elasticache.js';
import { ecs } from './ecs.js';
import { cloudfront } from './cloudfront.js';
import { wafv2 } from './wafv2.js';
import { elbv2 } from './elbv2.js';
import { applicationAutoScaling } from './application-autoscaling.js';
import { cloudwatch } from './cloudwatch.js';
import { s3 } from './s3.js';
import { sqs } from './sqs.js';
import { route53 } from './route53.js';
import { logs } from './logs.js';
import { secretsmanager } from './secretsmanager.js';
import { acm } from './acm.js';
import { kms } from './kms.js';

export const SERVICES = [ec2, rds, elasticache, ecs, cloudfront, wafv2, elbv2, applicationAutoScaling, cloudwatch, s3, sqs, route53, logs, secretsmanager, acm, kms] as const;
