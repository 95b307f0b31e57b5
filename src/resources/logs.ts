// CloudWatch Logs log groups, and the edge from the containers that write to them (claim C58).
import { Name, NullableInt, NullableStr, Obj } from './shapes.js';
import { defineService } from './define.js';

export const logs = defineService({
  service: 'logs',
  iamPrefix: 'logs',
  global: false,
  types: {
    'logs.log-group': {
      doc: 'CloudWatch Logs log group',
      label: { one: 'log group' },
      props: Obj({
        logGroupName: Name(),
        retentionInDays: NullableInt('Days events are kept; null: never expire.'),
        kmsKeyId: NullableStr('The KMS key encrypting the group; null for CloudWatch Logs\' own encryption.'),
      }),
    },
  },
  edges: {
    'logs-to': {
      scope: 'from-to',
      from: ['ecs.container'],
      to: ['logs.log-group'],
      doc: 'container -> the awslogs log group it writes to',
      label: { forward: { one: 'log group it writes to', many: 'log groups it writes to' }, reverse: { one: 'container logging to it', many: 'containers logging to it' } },
      // The container names its group in a log option: only the props can join them.
      link: { from: { 'ecs.container': 'logOptions.awslogs-group' }, to: { 'logs.log-group': 'logGroupName' }, match: 'exact' },
    },
  },
});
