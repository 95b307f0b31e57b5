// The API task definition's Secrets Manager secrets (claim C57): every one it references exists, and
// rotates as the spec says. The uses-secret edges are the ones linkGraph derives from valueFrom.
import { expect } from 'vitest';
import { linkGraph } from '../../src/graph/link.js';
import { buildSnapshot, testRule, fromExample, type Case, type Fixture, expectFail } from './rule-tester.js';

const DB = 'shopflow/prod/database-url';
const KEYS = 'shopflow/prod/app-keys';
const arn = (name: string, suffix: string, region = 'us-east-1') => `arn:aws:secretsmanager:${region}:123456789012:secret:${name}-${suffix}`;
const DB_ARN = arn(DB, 'Xk3p9Q');
const KEYS_ARN = arn(KEYS, 'Pq7RsT');
const SSM = 'arn:aws:ssm:us-east-1:123456789012:parameter/shopflow/prod/feature-flags';

const taskDefinition = fromExample('ecs.task-definition', 'shopflow-api:42');
const api = (valueFroms: string[]) =>
  fromExample('ecs.container', 'api', { secretNames: valueFroms.map((_, i) => `S${i}`), secrets: valueFroms.map((valueFrom, i) => ({ name: `S${i}`, valueFrom })) });
const secret = (name: string, id: string, props: Partial<Fixture<'secretsmanager.secret'>['props']> = {}): Fixture<'secretsmanager.secret'> =>
  fromExample('secretsmanager.secret', DB, { name, ...props }, { name, id, tags: {} });
const dbSecret = (props: Partial<Fixture<'secretsmanager.secret'>['props']> = {}) => secret(DB, DB_ARN, props);
const keysSecret = (props: Partial<Fixture<'secretsmanager.secret'>['props']> = {}) => secret(KEYS, KEYS_ARN, props);

/** The API task definition, its api container referencing `refs`, the secrets; uses-secret edges as linkGraph finds them. */
const c = (name: string, refs: string[], secrets: Fixture<'secretsmanager.secret'>[], extra: Partial<Case> = {}): Case => {
  const nodes = [taskDefinition, api(refs), ...secrets];
  const byId = new Map(buildSnapshot({ nodes, regions: extra.regions }).nodes.map((n) => [n.id, n.name]));
  const linked = linkGraph(buildSnapshot({ nodes, regions: extra.regions }).nodes, []).edges.filter((e) => e.type === 'uses-secret');
  return { name, nodes, edges: [['api', 'in-task-definition', 'shopflow-api:42'], ...linked.map((e): [string, string, string] => [byId.get(e.from)!, e.type, byId.get(e.to)!])], ...extra };
};
const smGap: Case['gaps'] = [{ service: 'secretsmanager', operation: 'ListSecrets', resourceTypes: ['secretsmanager.secret'] }];
const DANGLING = '->uses-secret(secretsmanager.secret) (unresolved)';

testRule('secretsmanager-api-secrets', {
  valid: [
    c('both secrets exist and rotate every 30 days', [DB_ARN, `arn:aws:secretsmanager:us-east-1:123456789012:secret:${KEYS}:session::`], [dbSecret(), keysSecret()]),
    c('a full ARN with key, stage and version id', [`${DB_ARN}:password:AWSCURRENT:b1f0c2d4`], [dbSecret()]),
    c('the bare name', [DB], [dbSecret()]),
    c('an SSM parameter is not a missing secret', [DB_ARN, SSM, '/shopflow/prod/feature-flags'], [dbSecret()]),
    c('rotating more often than required', [DB_ARN], [dbSecret({ rotationDays: 7 })]),
    c('the spec says no rotation and the secret does not rotate', [DB_ARN], [dbSecret({ rotationEnabled: false, rotationDays: null })], { spec: { '/services/api/taskDefinition/container/secretRotation/enabled': false } }),
    c('an unreferenced secret without rotation is not judged', [DB_ARN], [dbSecret(), secret('billing/prod/stripe-key', arn('billing/prod/stripe-key', 'Lm4NoP'), { rotationEnabled: false, rotationDays: null })]),
  ],
  invalid: [
    c('the referenced secret does not exist', [DB_ARN, KEYS_ARN], [keysSecret()], {
      check: (rs) => {
        expectFail(DANGLING, [], [DB_ARN], 'api')(rs);
        expect(rs[0]!.message).toContain(`unresolved reference to a Secrets Manager secret is ${DB_ARN}, expected none`);
      },
    }),
    c('a partial ARN naming no secret', [`arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod/database`, KEYS_ARN], [dbSecret(), keysSecret()], {
      check: expectFail(DANGLING, [], ['arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/prod/database']),
    }),
    c('the only secret is missing (and so none is read)', [DB_ARN], [], { check: expectFail(DANGLING, [], [DB_ARN]) }),
    c('rotation is off', [DB_ARN, KEYS_ARN], [dbSecret(), keysSecret({ rotationEnabled: false, rotationDays: null })], {
      check: (rs) => {
        expectFail(`->uses-secret(secretsmanager.secret)[${KEYS}].rotationEnabled`, true, false, 'api')(rs);
        expect(rs[0]!.specPointer).toBe('/services/api/taskDefinition/container/secretRotation/enabled');
      },
    }),
    c('rotation every 90 days', [DB_ARN], [dbSecret({ rotationDays: 90 })], { check: expectFail(`->uses-secret(secretsmanager.secret)[${DB}].rotationDays`, 30, 90) }),
    c('a cron schedule (no day count) when at most 30 days are required', [DB_ARN], [dbSecret({ rotationDays: null, rotationSchedule: 'cron(0 4 1 * ? *)' })]),
    c('the spec says no rotation but the secret rotates', [DB_ARN], [dbSecret()], { spec: { '/services/api/taskDefinition/container/secretRotation/enabled': false } }),
    c('the container references no Secrets Manager secret at all', [SSM], [dbSecret()], { check: expectFail('->uses-secret(secretsmanager.secret)', 1, 0) }),
  ],
  error: [
    // Never read is a gap, not "missing": the rule cannot say whether the secret exists.
    c('the secrets could not be listed', [DB_ARN], [], { gaps: smGap }),
    c('the task definitions could not be read', [DB_ARN], [dbSecret()], { gaps: [{ service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition', 'ecs.container'] }] }),
    c('a secret in a region the snapshot did not collect', [arn(DB, 'Xk3p9Q', 'eu-west-1')], [dbSecret()], {
      check: (rs) => expect(rs[0]!.reason).toMatch(/region eu-west-1 was not collected/),
    }),
    c('a secret in a collected region whose listing failed', [arn(DB, 'Xk3p9Q', 'eu-west-1')], [dbSecret()], {
      regions: ['us-east-1', 'eu-west-1'],
      gaps: [{ ...smGap[0], region: 'eu-west-1' }],
      check: (rs) => expect(rs[0]!.reason).toMatch(/secretsmanager:ListSecrets in eu-west-1/),
    }),
    c('a secret in another account', ['arn:aws:secretsmanager:us-east-1:999999999999:secret:shared/db-AbCdEf'], [dbSecret()], {
      check: (rs) => expect(rs[0]!.reason).toMatch(/account 999999999999 was not read/),
    }),
  ],
});
