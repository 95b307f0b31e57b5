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
      // valueFrom is a full or partial ARN (or a bare name), perhaps with a JSON key and version after it.
      link: { from: { 'ecs.container': 'secrets.valueFrom' }, to: { 'secretsmanager.secret': '@id' }, match: 'secret-ref' },
    },
  },
});
