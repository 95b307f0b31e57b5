// Secrets Manager secrets. Calls: ListSecrets (paged, 100 per page), whose entries carry the rotation
// settings, so no DescribeSecret. Values are NEVER read: no GetSecretValue/BatchGetSecretValue, and the
// IAM policy (derived from these reads) does not allow them. Secrets pending deletion are not listed:
// a task cannot read them, so a reference to one resolves to nothing.
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader } from './read.js';
import { tagMap } from './tags.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-secrets-manager');

export const secretsmanagerCollector = defineCollector({
  service: 'secretsmanager',
  iamPrefix: 'secretsmanager',
  sdkClient: 'SecretsManager',
  sdkPackage: '@aws-sdk/client-secrets-manager',
  reads: [{ operation: 'ListSecrets', pageSize: 100, per: 'region', paged: true, answer: 'SecretList', feeds: { 'secretsmanager.secret': '*' } }],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { SecretsManagerClient, paginateListSecrets } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(SecretsManagerClient);
  const read = reader(ctx, secretsmanagerCollector, result.gaps);
  const secrets = await read.list('ListSecrets', paginateListSecrets({ client, pageSize: read.pageSize('ListSecrets') }, {}), (p) => p.SecretList);
  for (const secret of secrets ?? []) {
    const node = secretNode(ctx, secret);
    if (node) result.nodes.push(node);
  }
  return result;
}

function secretNode(ctx: CollectContext, s: SecretListEntry): GraphNode<'secretsmanager.secret'> | undefined {
  // Without its ARN a secret cannot be matched with what references it (nor named in a finding).
  if (!s.ARN || !s.Name) return undefined;
  const rules = s.RotationRules;
  return {
    id: s.ARN,
    type: 'secretsmanager.secret',
    region: ctx.region,
    account: ctx.account,
    name: s.Name,
    tags: tagMap(s.Tags),
    // Named field by field: nothing value-like (SecretString, SecretBinary, version ids) can slip in.
    props: {
      name: s.Name,
      rotationEnabled: s.RotationEnabled === true,
      rotationDays: rules?.AutomaticallyAfterDays ?? daysOfRate(rules?.ScheduleExpression),
      rotationSchedule: rules?.ScheduleExpression ?? null,
      lastRotatedDate: s.LastRotatedDate?.toISOString() ?? null,
      kmsKeyId: s.KmsKeyId ?? null,
    },
  };
}

/** "rate(10 days)" -> 10; "rate(4 hours)" -> 1 (rotated at least daily); cron or nothing -> null. */
function daysOfRate(expression: string | undefined): number | null {
  const m = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/.exec(expression?.trim() ?? '');
  if (!m) return null;
  return m[2]!.startsWith('day') ? Number(m[1]) : Math.max(1, Math.ceil(Number(m[1]) / 24));
}
