// The Ledgerly account (docs/examples/ledgerly.md): a second architecture in the same shapes as
// ShopFlow's scenario, so the same collectors and rules read it. Two regions: us-east-1 runs everything;
// us-west-2 holds the documents' replica. No cache, no CloudFront, no WAF.
import { regionScenario, type Account } from '../account.js';
import { acmAnswers } from './acm.js';
import { autoscalingAnswers } from './application-autoscaling.js';
import { ec2Answers } from './ec2.js';
import { ecsAnswers } from './ecs.js';
import { elbv2Answers } from './elbv2.js';
import { DR_REGION, REGION } from './names.js';
import { rdsAnswers } from './rds.js';
import { route53Answers } from './route53.js';
import { s3Answers } from './s3.js';
import { kmsAnswers, logsAnswers, secretsAnswers, sqsAnswers } from './small.js';

export { DR_REGION, REGION };

/** A fresh copy of the Ledgerly account (patches change their copy only). */
export function ledgerlyAccount(): Account {
  return {
    [REGION]: regionScenario({
      ec2: ec2Answers, elbv2: elbv2Answers, rds: rdsAnswers, ecs: ecsAnswers, autoscaling: autoscalingAnswers, s3: s3Answers, sqs: sqsAnswers,
      route53: route53Answers, logs: logsAnswers, secretsmanager: secretsAnswers, acm: acmAnswers, kms: kmsAnswers,
    }),
    [DR_REGION]: regionScenario({ s3: s3Answers }),
  };
}
