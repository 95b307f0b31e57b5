// Answers from a recorded account (test/scenario/, in the SDK's output shapes): a request
// is matched to the recorded exchange of its operation whose input values it all carries (the page
// token, the bucket, the cluster, ...), the most specific one winning.
import type { Exchange, Recording } from '../scenario/recording.js';
import { leavesOf } from './wire/types.js';

export type Scenario = Record<string, Recording>;

// Each exchange's input leaves, computed once: a large account has thousands of exchanges per operation.
const leavesByExchange = new WeakMap<Exchange, string[]>();
function wantedLeaves(exchange: Exchange): string[] {
  let leaves = leavesByExchange.get(exchange);
  if (!leaves) leavesByExchange.set(exchange, (leaves = leavesOf(exchange.input)));
  return leaves;
}

export function findExchange(scenario: Scenario, region: string, key: string, requestLeaves: string[]): Exchange | undefined {
  const carried = new Set(requestLeaves);
  let best: { exchange: Exchange; score: number } | undefined;
  for (const exchange of scenario[region]?.[key] ?? []) {
    const wanted = wantedLeaves(exchange);
    if (!wanted.every((v) => carried.has(v))) continue;
    if (!best || wanted.length > best.score) best = { exchange, score: wanted.length };
  }
  return best?.exchange;
}
