// Collection: every collector in every region (global services once, from us-east-1), concurrently,
// into one snapshot; the clients pace every call by AWS's token buckets (throttle.ts). A collector
// that fails outright becomes gaps for all of its resource types: collection never silently returns
// less than it was asked for.
import { linkGraph } from '../graph/link.js';
import { TOOL } from '../version.js';
import { DeadlineExceededError, settleBy } from './deadline.js';
import { toGap } from './gap.js';
import { identify } from './identity.js';
import { ALL_COLLECTORS } from './registry.js';
import type { ClientFactory } from './clients.js';
import type { CollectContext, Collector, CollectOptions, CollectResult, ProgressEvent } from './types.js';
import type { Snapshot } from '../graph/types.js';
import { byCodeUnits } from '../text/order.js';

export const GLOBAL_REGION = 'us-east-1';


export interface CollectRequest {
  regions: string[];
  clients: ClientFactory;
  options: CollectOptions;
  collectors?: Collector[];
  progress?: (event: ProgressEvent) => void;
  now?: () => Date;
  /** The scan's deadline (the same signal as the ClientFactory's): see src/collect/deadline.ts. */
  signal?: AbortSignal;
  /** How long past the deadline a collector may take to return its gaps before it is given up on. */
  graceMs?: number;
}

const DEFAULT_GRACE_MS = 2_000;

export async function collectSnapshot(req: CollectRequest): Promise<Snapshot> {
  const now = req.now ?? (() => new Date());
  const startedAt = now();
  const collectors = req.collectors ?? ALL_COLLECTORS;
  // Who we are is read alongside the first reads, not before them: collectors need the account only
  // to build nodes, so every answer is handed to its collector once the identity is known (see `limit`).
  const identity = identify(req.clients, req.regions[0] ?? GLOBAL_REGION);
  let who: { account: string; partition: string } | undefined;
  const known = identity.then((w) => void (who = w));
  known.catch(() => {}); // the identity's failure is thrown below, once
  const whoAmI = () => {
    if (!who) throw new Error('a collector read the account before its first answer: read it only after ctx.limit returns');
    return who;
  };

  const tasks: Promise<CollectResult>[] = [];
  for (const collector of collectors) {
    const regions = collector.global ? [GLOBAL_REGION] : collector.alsoGlobalRegion ? [...new Set([...req.regions, GLOBAL_REGION])] : req.regions;
    for (const region of regions) {
      const ctx: CollectContext = {
        region, startedAt, options: req.options,
        get account() { return whoAmI().account; },
        get partition() { return whoAmI().partition; },
        client: <C>(ctor: new (config: any) => C) => req.clients.get(ctor, region),
        // Pacing is the clients' (token buckets per API); this only holds each answer until the account is known.
        limit: async <T>(fn: () => Promise<T>) => {
          const answer = await fn();
          await known;
          return answer;
        },
        ...(req.progress && { progress: req.progress }),
      };
      // Everything this collector should have read, as one gap: for a failure outside any one read.
      const failedWhole = (err: unknown): CollectResult => ({
        nodes: [], edges: [],
        gaps: [toGap(err, { service: collector.service, operation: '*', region: collector.global ? 'global' : region, resourceTypes: collector.resourceTypes })],
      });
      const task = collector.collect(ctx).then(
        (result) => {
          req.progress?.({ kind: 'done', service: collector.service, region, count: result.nodes.length });
          return result;
        },
        // A collector bug or an unexpected failure: everything it should have read is a gap.
        failedWhole,
      );
      tasks.push(settleBy(task, req.signal, req.graceMs ?? DEFAULT_GRACE_MS, () => failedWhole(new DeadlineExceededError('still reading at the deadline'))));
    }
  }
  // An identity that fails fails the scan at once, whatever the collectors are doing.
  const [{ account }, results] = await Promise.all([identity, Promise.all(tasks)]);
  const { nodes, edges } = linkGraph(results.flatMap((r) => r.nodes), results.flatMap((r) => r.edges));
  const gaps = results.flatMap((r) => r.gaps).sort((a, b) => byCodeUnits(a.service, b.service) || byCodeUnits(a.region, b.region) || byCodeUnits(a.operation, b.operation));
  return {
    schemaVersion: 1,
    meta: { tool: TOOL, account, regions: [...req.regions].sort(), startedAt: startedAt.toISOString(), finishedAt: now().toISOString() },
    nodes, edges, gaps,
  };
}
