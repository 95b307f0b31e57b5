// A failed tagging-API read (tag:GetResources) never loses a resource and never passes for "untagged":
// for each way the read fails, the S3 and SQS collectors keep every resource their own list call found,
// the gap names the read, and in the engine (a) rules reading the tags error, (b) with a spec scope that
// chooses by tags every rule on the type errors, as does an item recognised by tags, and (c) the rules
// needing neither still judge. The same on the wire: test/loopback/tagging-fault.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetBucketEncryptionCommand, GetBucketReplicationCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { s3Collector } from '../../src/collect/s3.js';
import { sqsCollector } from '../../src/collect/sqs.js';
import type { Collector, CollectResult } from '../../src/collect/types.js';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/engine/load-rules.js';
import type { Rule } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/graph/types.js';
import { patchSpec } from '../rules/rule-tester.js';
import { ACCOUNT, awsError, fakeContext } from './ctx-ecs-web.js';

const s3 = mockClient(S3Client);
const sqs = mockClient(SQSClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);

/** Each way the read fails, as the SDK hands it to the collector, and the gap code it must leave. */
const FAILURES: { kind: string; error: () => Error; code: string; secondPage?: boolean }[] = [
  { kind: 'AccessDenied', error: () => awsError('AccessDeniedException', 'User is not authorized to perform: tag:GetResources'), code: 'AccessDeniedException' },
  // The SDK's retries are spent: the last attempt's error is what the collector sees.
  { kind: 'throttled to exhaustion', error: () => Object.assign(awsError('ThrottlingException', 'Rate exceeded'), { $metadata: { httpStatusCode: 400, attempts: 3 } }), code: 'ThrottlingException' },
  { kind: 'a 500', error: () => Object.assign(awsError('InternalServiceException', 'Internal failure'), { $metadata: { httpStatusCode: 500 } }), code: 'InternalServiceException' },
  // What the SDK throws on a proxy's HTML page with status 200 (its JSON deserializer fails).
  { kind: 'an HTML body', error: () => Object.assign(new SyntaxError("Unexpected token '<', \"<html><bod\"... is not valid JSON\n  Deserialization error"), { $metadata: { httpStatusCode: 200 } }), code: 'SyntaxError' },
  // An empty 200: answer.ts turns the answer without ResourceTagMappingList into IncompleteAnswer.
  { kind: 'an empty 200', error: () => awsError('IncompleteAnswer', 'GetResources: answer without ResourceTagMappingList'), code: 'IncompleteAnswer' },
  { kind: 'a failed second page', error: () => awsError('ThrottlingException', 'Rate exceeded'), code: 'ThrottlingException', secondPage: true },
];

const bucketArn = (name: string) => `arn:aws:s3:::${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

/** Two buckets and two queues, all tagged app=shopflow; names outside ShopFlow's name prefix for one of each. */
const SERVICES: { type: 's3.bucket' | 'sqs.queue'; collector: Collector; names: string[]; arn: (name: string) => string; mock: () => void }[] = [
  {
    type: 's3.bucket',
    collector: s3Collector,
    names: ['shopflow-static', 'assets-eu'],
    arn: bucketArn,
    mock: () => {
      s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'shopflow-static', BucketRegion: 'us-east-1' }, { Name: 'assets-eu', BucketRegion: 'us-east-1' }] });
      s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
      s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
      s3.on(GetBucketReplicationCommand).rejects(awsError('ReplicationConfigurationNotFoundError'));
      s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    },
  },
  {
    type: 'sqs.queue',
    collector: sqsCollector,
    names: ['shopflow-orders', 'jobs'],
    arn: queueArn,
    mock: () => {
      sqs.on(ListQueuesCommand).resolves({ QueueUrls: ['shopflow-orders', 'jobs'].map((n) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${n}`) });
      sqs.on(GetQueueAttributesCommand).callsFake((input: { QueueUrl: string }) => ({ Attributes: { QueueArn: queueArn(input.QueueUrl.split('/').pop()!), SqsManagedSseEnabled: 'true' } }));
    },
  },
];

const base = { title: 'T', severity: 'high' as const, claims: ['C38'], rationale: 'r', remediation: 'f', message: '{resource.name}: {finding}' };
/** (a) reads the tags; the other two read neither tags nor anything the tagging read feeds. */
const handMade = (type: string): Rule[] => [
  { ...base, id: 'reads-tags', select: { type, min: 0 }, expect: { path: '@tags.app', op: 'eq', value: 'shopflow' } },
  { ...base, id: 'reads-name', select: { type, min: 0 }, expect: { path: '@name', op: 'matches', value: '^[a-z]' } },
  { ...base, id: 'other-type', select: { type: 'ec2.vpc', min: 0 }, expect: { path: '@name', op: 'exists' } },
] as Rule[];
const RULES = (await loadRules(new URL('../../rules', import.meta.url).pathname)).map((r) => r.rule);
const queueItemRule = RULES.find((r) => r.id === 'sqs-queue')!;

function snapshotOf(result: CollectResult): Snapshot {
  return {
    schemaVersion: 1,
    meta: { tool: { name: 'infra-audit', version: 'test' }, account: ACCOUNT, regions: ['us-east-1'], startedAt: '2026-11-20T02:00:00Z', finishedAt: '2026-11-20T02:00:30Z' },
    ...result,
  };
}

/** Each rule's distinct statuses. */
function statuses(snapshot: Snapshot, rules: Rule[], spec: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of evaluateRules({ snapshot, spec: patchSpec(spec) as never, rules })) out[r.ruleId] = [...new Set([...(out[r.ruleId] ?? []), r.status])].sort();
  return out;
}

const BY_TAGS = { '/scope': { tags: { app: 'shopflow' } } };
const BY_NAME = { '/scope': { namePrefix: 'shopflow' } };

beforeEach(() => {
  s3.reset();
  sqs.reset();
  tagging.reset();
});

describe.each(SERVICES)('$type: a failed tag:GetResources', ({ type, collector, names, arn, mock }) => {
  const tagged = { ResourceTagMappingList: names.map((n) => ({ ResourceARN: arn(n), Tags: [{ Key: 'app', Value: 'shopflow' }] })), PaginationToken: '' };

  it('read in full, every rule judges (the baseline the failures are compared with)', async () => {
    mock();
    tagging.on(GetResourcesCommand).resolves(tagged);
    const result = await collector.collect(fakeContext());
    expect(result.gaps).toEqual([]);
    expect(result.nodes.map((n) => [n.name, n.tags])).toEqual(names.map((n) => [n, { app: 'shopflow' }]));
    const snapshot = snapshotOf(result);
    expect(statuses(snapshot, handMade(type), BY_TAGS)).toEqual({ 'reads-tags': ['pass'], 'reads-name': ['pass'], 'other-type': ['pass'] });
  });

  describe.each(FAILURES)('under $kind', ({ error, code, secondPage }) => {
    const failedScan = () => scanFailing(collector, mock, tagged, error, secondPage);

    it('keeps every listed resource, and the gap names the read and the type', async () => {
      const snapshot = await failedScan();
      expect(snapshot.nodes.map((n) => n.name)).toEqual(names);
      expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: 'GetResources', code, region: 'us-east-1', resourceTypes: [type] })]);
    });

    it('a scope by name: rules reading tags error, the others judge', async () => {
      expect(statuses(await failedScan(), handMade(type), BY_NAME)).toEqual({ 'reads-tags': ['error'], 'reads-name': ['pass'], 'other-type': ['pass'] });
    });

    it('a scope by tags: every rule on the type errors (its scope is unknown), other types judge', async () => {
      const snapshot = await failedScan();
      expect(statuses(snapshot, handMade(type), BY_TAGS)).toEqual({ 'reads-tags': ['error'], 'reads-name': ['error'], 'other-type': ['pass'] });
      // A name prefix beside the tags does not decide either: a resource with another app tag is foreign.
      expect(statuses(snapshot, handMade(type), { '/scope': { tags: { app: 'shopflow' }, namePrefix: 'shopflow' } })['reads-name']).toEqual(['error']);
    });

  });
});

describe.each(FAILURES)('sqs.queue: a spec item recognised by tags, under $kind', ({ error, secondPage }) => {
  const queues = SERVICES.find((s) => s.type === 'sqs.queue')!;
  const tagged = { ResourceTagMappingList: [], PaginationToken: '' };

  it('errors; an item recognised by name judges', async () => {
    const snapshot = await scanFailing(queues.collector, queues.mock, tagged, error, secondPage);
    expect(statuses(snapshot, [queueItemRule], { ...BY_NAME, '/queues/work/match': { tags: { team: 'orders' } } })).toEqual({ 'sqs-queue': ['error'] });
    expect(statuses(snapshot, [queueItemRule], { ...BY_NAME, '/queues/work/match': { namePattern: '^shopflow' } })).toEqual({ 'sqs-queue': ['pass'] });
  });
});

/** A collector run whose tagging read fails (on its first page, or on the second after `tagged`). */
async function scanFailing(collector: Collector, mock: () => void, tagged: object, error: () => Error, secondPage?: boolean): Promise<Snapshot> {
  mock();
  if (secondPage) tagging.on(GetResourcesCommand).resolvesOnce({ ...tagged, PaginationToken: 'p2' }).rejectsOnce(error());
  else tagging.on(GetResourcesCommand).rejects(error());
  return snapshotOf(await collector.collect(fakeContext()));
}
