// The one way a collector reads AWS. Every read a collector makes is declared (operation, the types and
// props it feeds, the answer field AWS always sends, the codes that mean "deleted since the list"); this
// helper runs it under the service's concurrency limit, pages through the SDK paginator, and turns a
// failure into ONE gap per (operation, code, region) naming every type the declaration says it feeds.
// The IAM policy (iam-policy.ts), answer checks (answer.ts) and the engine's needs (engine/needs.ts) are
// derived from the same declarations, so a read can never be made, allowed or relied on undeclared.
import type { Gap } from '../graph/types.js';
import type { ResourceType } from '../graph/resource-types.js';
import { toGap } from './gap.js';
import { allPages } from './paginate.js';
import type { CollectContext, Collector, CollectorDecl, ReadDecl } from './types.js';

/** A collector whose resource types and IAM actions are those its reads declare. */
export function defineCollector(decl: CollectorDecl): Collector {
  const resourceTypes = [...new Set(decl.reads.flatMap((r) => Object.keys(r.feeds) as ResourceType[]))];
  const actions = [...new Set(decl.reads.map((r) => readAction(decl, r)))];
  return { ...decl, resourceTypes, actions };
}

/** The SDK client a read is made with: its own when it declares one, else its collector's. */
export const readClient = (collector: Pick<CollectorDecl, 'sdkClient'>, read: Pick<ReadDecl, 'sdk'>): string => read.sdk?.client ?? collector.sdkClient;

/** The IAM action a read needs: as declared, else `<iamPrefix>:<operation>` of the read's client. */
export const readAction = (collector: Pick<CollectorDecl, 'iamPrefix'>, read: Pick<ReadDecl, 'sdk' | 'operation' | 'action'>): string =>
  read.action ?? `${read.sdk?.iamPrefix ?? collector.iamPrefix}:${read.operation}`;

/** "<Client>:<Operation>", the name answers, call counts and test doubles know a read by. */
export const readKey = (collector: Pick<CollectorDecl, 'sdkClient'>, read: Pick<ReadDecl, 'sdk' | 'operation'>): string => `${readClient(collector, read)}:${read.operation}`;

export type Outcome<T> = { ok: true; value: T } | { ok: false; gone: boolean; operation: string; error: unknown };

/** The code an SDK error carries (its class name; Query-protocol errors also keep the XML Code). */
export function errorCode(err: unknown): string | undefined {
  const e = err as { name?: string; Code?: string; code?: string } | undefined;
  return e?.Code ?? e?.code ?? e?.name;
}

const isGone = (read: ReadDecl, err: unknown) => {
  const e = err as { name?: string; Code?: string; code?: string } | undefined;
  return (read.gone ?? []).some((code) => code === e?.name || code === e?.Code || code === e?.code);
};

export type Reader = ReturnType<typeof reader>;

function declaredNumber(read: ReadDecl, key: 'pageSize' | 'batch'): number {
  const value = read[key];
  if (value === undefined) throw new Error(`read ${read.operation} declares no ${key}`);
  return value;
}

/** The read helper of one collector run (one service in one region); gaps go to `gaps`. */
export function reader(ctx: CollectContext, collector: Pick<CollectorDecl, 'service' | 'reads' | 'global'>, gaps: Gap[]) {
  const region = collector.global ? 'global' : ctx.region;
  const declared = new Map(collector.reads.map((r) => [r.operation, r]));
  const seen = new Map<string, Gap>();
  const decl = (operation: string): ReadDecl => {
    const read = declared.get(operation);
    if (!read) throw new Error(`${collector.service}: read ${operation} is not declared`);
    return read;
  };

  /** Records a failed read: once per (operation, code, region), naming every type the read feeds. */
  const fail = (operation: string, err: unknown): undefined => {
    const resourceTypes = Object.keys(decl(operation).feeds) as ResourceType[];
    const gap = toGap(err, { service: collector.service, operation, region, resourceTypes });
    const key = `${operation}|${gap.code}|${region}`;
    if (!seen.has(key)) {
      seen.set(key, gap);
      gaps.push(gap);
    }
    return undefined;
  };

  /** Runs one call (or all pages of one paged call) without recording anything: the caller decides. */
  const attempt = async <T>(operation: string, call: () => Promise<T>): Promise<Outcome<T>> => {
    const read = decl(operation);
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      return { ok: false, gone: isGone(read, error), operation, error };
    }
  };

  const settle = <T>(outcome: Outcome<T>): T | undefined => {
    if (outcome.ok) return outcome.value;
    if (!outcome.gone) fail(outcome.operation, outcome.error);
    return undefined;
  };

  return {
    fail,
    attempt,
    /** Every item of every page of a paged read; undefined (with a gap, unless gone) when any page failed. */
    async list<P, T>(operation: string, pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[] | undefined> {
      return settle(await attempt(operation, async () => (await allPages(ctx, pages)).flatMap((page) => items(page) ?? [])));
    },
    /** A read the SDK has no paginator for (the caller pages, each call under ctx.limit); undefined (with a gap) on failure. */
    async run<T>(operation: string, pages: () => Promise<T>): Promise<T | undefined> {
      return settle(await attempt(operation, pages));
    },
    /** One call under the concurrency limit; undefined (with a gap, unless the resource is gone) when it failed. */
    async call<T>(operation: string, send: () => Promise<T>): Promise<T | undefined> {
      return settle(await attempt(operation, () => ctx.limit(send)));
    },
    /** One call under the concurrency limit, as an outcome (several reads of one resource settle together). */
    try<T>(operation: string, send: () => Promise<T>): Promise<Outcome<T>> {
      return attempt(operation, () => ctx.limit(send));
    },
    /**
     * Several reads of one resource: all values, or undefined. A resource any read found gone is omitted
     * with no gap; otherwise every failed read is a gap.
     */
    together<T extends readonly Outcome<unknown>[]>(outcomes: T): { [K in keyof T]: T[K] extends Outcome<infer V> ? V : never } | undefined {
      const failed = outcomes.filter((o): o is Extract<Outcome<unknown>, { ok: false }> => !o.ok);
      if (failed.some((f) => f.gone)) return undefined;
      for (const f of failed) fail(f.operation, f.error);
      return failed.length ? undefined : (outcomes.map((o) => (o as { value: unknown }).value) as never);
    },
    /** The page size the read declares (what the collector asks AWS for). */
    pageSize: (operation: string): number => declaredNumber(decl(operation), 'pageSize'),
    /** The most items one call of a batch read takes, as declared. */
    batchSize: (operation: string): number => declaredNumber(decl(operation), 'batch'),
    /** Is this code one the read declares as "deleted since the list" (ECS answers MISSING in failures[])? */
    isGone: (operation: string, code: string | undefined) => isGone(decl(operation), { name: code }),
    /**
     * Narrows a recorded gap to fewer of its declared types, when what was read shows the rest did not
     * depend on it (RDS: no instance names a cluster, so a failed cluster read leaves instances whole).
     */
    narrow(operation: string, only: readonly ResourceType[]): void {
      for (const gap of seen.values()) if (gap.operation === operation) gap.resourceTypes = gap.resourceTypes.filter((t) => only.includes(t));
    },
  };
}
