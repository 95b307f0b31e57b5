// The API container's awslogs log group (claim C58): it exists, with the spec's retention.
import { expect } from 'vitest';
import { testRule, fromExample, type Case, type Fixture, expectFail } from './rule-tester.js';

const GROUP = '/ecs/shopflow-api';
const taskDefinition = fromExample('ecs.task-definition', 'shopflow-api:42');
const api = fromExample('ecs.container', 'api');
const group = (retentionInDays: number | null, name = GROUP): Fixture<'logs.log-group'> =>
  fromExample('logs.log-group', GROUP, { logGroupName: name, retentionInDays }, { name, tags: {} });

/** The API task definition, its api container and the log groups; logs-to edges as linkGraph makes them (by name). */
const c = (name: string, groups: Fixture<'logs.log-group'>[], extra: Partial<Case> = {}): Case => ({
  name,
  nodes: [taskDefinition, api, ...groups],
  edges: [['api', 'in-task-definition', 'shopflow-api:42'], ...groups.filter((g) => g.name === GROUP).map((g): [string, string, string] => ['api', 'logs-to', g.name])],
  ...extra,
});
const logsGap: Case['gaps'] = [{ service: 'logs', operation: 'DescribeLogGroups', resourceTypes: ['logs.log-group'] }];

testRule('logs-api-log-group', {
  valid: [
    c('the group exists with 30 days of retention', [group(30)]),
    c('another group with other retention is not judged', [group(30), group(null, '/ecs/billing')]),
    c('the spec asks for 90 days and the group keeps 90', [group(90)], { spec: { '/services/api/taskDefinition/container/logging/retentionDays': 90 } }),
  ],
  invalid: [
    c('the group keeps events for ever', [group(null)], {
      check: (rs) => {
        expectFail(`->logs-to(logs.log-group)[${GROUP}].retentionInDays`, 30, null, 'api')(rs);
        expect(rs[0]!.specPointer).toBe('/services/api/taskDefinition/container/logging/retentionDays');
      },
    }),
    c('the group keeps 7 days', [group(7)], { check: expectFail(`->logs-to(logs.log-group)[${GROUP}].retentionInDays`, 30, 7) }),
    c('the group does not exist (expected but missing)', [group(30, '/ecs/billing')], { check: expectFail('->logs-to(logs.log-group)', 1, 0) }),
    c('the spec asks for 90 days', [group(30)], { spec: { '/services/api/taskDefinition/container/logging/retentionDays': 90 } }),
  ],
  error: [
    // Never read is a gap, not "missing": the rule cannot say whether the group exists.
    c('the log groups could not be read', [], { gaps: logsGap }),
    c('the task definitions could not be read', [group(30)], { gaps: [{ service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition', 'ecs.container'] }] }),
  ],
});
