// Secrets Manager secrets, and the edge from the containers whose task definitions reference them
// (claim C57). Only the secret's metadata: its value is never read (no GetSecretValue anywhere).
import { Bool, Name, NullableDateTime, NullableInt, NullableStr, Obj } from './shapes.js';
import { defineService } from './define.js';

export const secretsmanager = defineService({
  service: 'secretsmanager',
  iamPrefix: 'secretsmanager',
  global: false,
  types: {
    'secretsmanager.secret': {
      doc: 'Secrets Manager secret',
      label: { one: 'Secrets Manager secret' },
      props: Obj(
        {
          name: Name(),
          rotationEnabled: Bool('Automatic rotation is turned on (Secrets Manager leaves the flag out for a secret that never rotated).'),
          rotationDays: NullableInt('Days between rotations: RotationRules.AutomaticallyAfterDays, or a rate(N days) schedule; null with no rotation or a cron schedule.'),
          rotationSchedule: NullableStr('RotationRules.ScheduleExpression (rate(...) or cron(...)); null when rotation is by day count or off.'),
          lastRotatedDate: NullableDateTime('When the secret last rotated; null when it never did.'),
          kmsKeyId: NullableStr("The KMS key encrypting the secret; null for Secrets Manager's own key (aws/secretsmanager)."),
        },
        "A secret's metadata only. Its value (SecretString, SecretBinary) is never read, stored or printed.",
      ),
    },
  },
  edges: {
    'uses-secret': {
      scope: 'from-to',
      from: ['ecs.container'],
      to: ['secretsmanager.secret'],
      doc: 'container -> a Secrets Manager secret its task definition injects (secrets[].valueFrom)',
      label: { forward: { one: 'secret it reads', many: 'secrets it reads' }, reverse: { one: 'container reading it', many: 'containers reading it' } },
      // valueFrom is a full or partial ARN (or a bare name), perhaps with a JSON key and version after it:
      // arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[-<6 random chars>][:json-key[:stage[:version]]]
      // (a secret's name has no ':', so the name is the seventh field whatever follows it).
      link: {
        from: { 'ecs.container': 'secrets.valueFrom' },
        to: { 'secretsmanager.secret': '@id' },
        match: {
          target: [
            { regex: 'arn:[^:]+:secretsmanager:([^:]*):([^:]*):secret:([^:]+)(?::.*)?', key: '$1:$2:$3' },
            // A partial ARN (the name without the suffix AWS appended) names it too.
            { regex: 'arn:[^:]+:secretsmanager:([^:]*):([^:]*):secret:([^:]+)-[A-Za-z0-9]{6}(?::.*)?', key: '$1:$2:$3' },
          ],
          reference: [
            { regex: 'arn:[^:]+:secretsmanager:([^:]*):([^:]*):secret:([^:]+)(?::.*)?', key: '$1:$2:$3', region: '$1', account: '$2' },
            { regex: 'arn:.*' }, // an SSM parameter's ARN names no secret
            // A bare name: a secret in the container's account and region, or an SSM parameter.
            { regex: '(.+)', key: '{region}:{account}:$1', optional: true },
          ],
        },
      },
    },
  },
});
