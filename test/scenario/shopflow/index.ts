// The ShopFlow account: every service's AWS answers, one file each. The one list of them is
// SCENARIO_SERVICES: a new resource type's service is a new file here plus one line in that list.
import type { Recording, RecordedError, ScenarioService } from '../recording.js';
import { Recorder } from '../recording.js';
import { acm } from './acm.js';
import { autoscaling } from './application-autoscaling.js';
import { cloudfront } from './cloudfront.js';
import { cloudwatch } from './cloudwatch.js';
import { ec2 } from './ec2.js';
import { ecs } from './ecs.js';
import { elasticache } from './elasticache.js';
import { elbv2 } from './elbv2.js';
import { kms } from './kms.js';
import { logs } from './logs.js';
import { rds } from './rds.js';
import { route53 } from './route53.js';
import { secretsmanager } from './secretsmanager.js';
import { s3 } from './s3.js';
import { sqs } from './sqs.js';
import { sts } from './sts.js';
import { wafv2 } from './wafv2.js';

export const ACCOUNT = '123456789012';
/** ShopFlow's region; global services are read (and recorded) here too. */
export const REGION = 'us-east-1';

export const SCENARIO_SERVICES = [sts, ec2, elbv2, rds, elasticache, ecs, autoscaling, cloudwatch, cloudfront, wafv2, s3, sqs, route53, logs, secretsmanager, acm, kms] as const;

type AnyService = (typeof SCENARIO_SERVICES)[number];

/** The account's answers by service, plus the operations it refuses (by "Service:Operation") and with what. */
export type Scenario = { [S in AnyService as S['name']]: S['answers'] } & { refused: Record<string, RecordedError> };

/** A fresh copy of the ShopFlow account (patches change their copy only). */
export function shopflowScenario(): Scenario {
  const answers = Object.fromEntries(SCENARIO_SERVICES.map((s) => [s.name, s.answers]));
  return structuredClone({ ...answers, refused: {} }) as Scenario;
}

/** What the scenario answers in a region (ShopFlow's by default); global services only in us-east-1, where they are read. */
export function recordScenario(scenario: Scenario, region = REGION): Recording {
  const r = new Recorder(region, scenario.refused);
  for (const service of SCENARIO_SERVICES as readonly ScenarioService<string, unknown>[]) {
    if (!service.global || region === 'us-east-1') service.record(scenario[service.name as AnyService['name']], r);
  }
  return r.recording;
}

/** An account region with nothing in it: every service's empty answers (another architecture starts from this). */
export function emptyScenario(): Scenario {
  const answers = Object.fromEntries(SCENARIO_SERVICES.map((s) => [s.name, s.empty]));
  return structuredClone({ ...answers, refused: {} }) as Scenario;
}

/** A region where the account has nothing: every regional listing answers with an empty first page. */
export function recordEmptyRegion(region: string): Recording {
  const r = new Recorder(region);
  for (const service of SCENARIO_SERVICES as readonly ScenarioService<string, unknown>[]) if (!service.global) service.record(service.empty, r);
  return r.recording;
}
