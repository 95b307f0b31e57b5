// Test helpers for the EC2, ELBv2, RDS and ElastiCache collectors: a fake CollectContext (real SDK
// clients whose `send` aws-sdk-client-mock replaces, a fixed clock, a limit that counts what runs
// inside it), SDK-style errors, and a check of collector output against the snapshot schema.
import { expect } from 'vitest';
import type { AwsStub } from 'aws-sdk-client-mock';
import { schemaValidator } from '../../src/input/schemas.js';
import type { CollectContext, CollectResult } from '../../src/collect/types.js';
import type { GraphNode } from '../../src/graph/types.js';
import type { PropsOf, ResourceType } from '../../src/graph/resource-types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const STARTED_AT = new Date('2025-06-01T12:00:00Z');

export interface TestContext extends CollectContext {
  /** How many calls are running inside ctx.limit right now. */
  insideLimit(): number;
}

export function fakeContext(region = REGION): TestContext {
  let inside = 0;
  return {
    region,
    account: ACCOUNT,
    partition: 'aws',
    startedAt: STARTED_AT,
    client: (ctor) => new ctor({ region, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    limit: async (fn) => {
      inside++;
      try {
        return await fn();
      } finally {
        inside--;
      }
    },
    options: { keepEnvironmentValues: [] },
    insideLimit: () => inside,
  };
}

/** An SDK-style error: toGap reads its `name`. */
export function awsError(name: string, message = `${name} (test)`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

export const nodesOf = <T extends ResourceType>(result: CollectResult, type: T) => result.nodes.filter((n): n is GraphNode<T> => n.type === type);

export function nodeById<T extends ResourceType>(result: CollectResult, type: T, id: string): GraphNode<T> {
  const node = nodesOf(result, type).find((n) => n.id === id);
  if (!node) throw new Error(`no ${type} node ${id}; have ${nodesOf(result, type).map((n) => n.id).join(', ')}`);
  return node;
}

export const propsOf = <T extends ResourceType>(result: CollectResult, type: T, id: string): PropsOf<T> => nodeById(result, type, id).props;

/** Every call the collector made ran inside ctx.limit, and only the operations its `actions` name. */
export function expectCallsLimitedAndDeclared(stub: AwsStub<any, any, any>, insideAtCall: number[], prefix: string, actions: string[]): void {
  expect(insideAtCall.length).toBeGreaterThan(0);
  expect(insideAtCall.every((n) => n > 0)).toBe(true);
  const called = new Set(stub.calls().map((c) => `${prefix}:${(c.args[0] as object).constructor.name.replace(/Command$/, '')}`));
  expect([...called].sort()).toEqual([...actions].sort());
}

/** The collector's output is a valid snapshot body (props exactly as the schema types them). */
export function expectValidSnapshot(result: CollectResult): void {
  const validate = schemaValidator('snapshot');
  const snapshot = {
    schemaVersion: 1,
    meta: { tool: { name: 'infra-audit', version: 'test' }, account: ACCOUNT, regions: [REGION], startedAt: STARTED_AT.toISOString(), finishedAt: STARTED_AT.toISOString() },
    ...result,
  };
  const ok = validate(snapshot);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
  expect(ok).toBe(true);
}

/**
 * A mock handler that serves `pages` by token: the first call gets page 0 with `outToken` "page-1",
 * a call with `inToken` "page-N" gets page N (an Error page is thrown). A collector that does not
 * follow tokens sees one page.
 */
export function paged<P extends object>(pages: (P | Error)[], inToken: string, outToken = inToken, onCall?: (token: unknown) => void) {
  return (input: Record<string, unknown>): P => {
    // Read the token now: the SDK's paginator reuses (and so later rewrites) one input object.
    const token = input[inToken];
    onCall?.(token);
    const index = token === undefined ? 0 : Number(String(token).replace('page-', ''));
    const page = pages[index];
    if (!page) throw new Error(`no page for token ${String(token)}`);
    if (page instanceof Error) throw page;
    return index + 1 < pages.length ? { ...page, [outToken]: `page-${index + 1}` } : page;
  };
}
