// `--shard i/N`: which accounts one of N parallel jobs audits. Rendezvous hashing: each account goes to
// the shard whose hash with it is highest. It depends on the account id and N alone, so every job
// computes the same split without talking to the others, adding or removing an account moves only
// that account, and changing N moves only about 1/N of them.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { ShardRef } from './types.js';

/** More jobs than any matrix or array job runs; keeps the per-account work (N hashes) bounded. */
export const MAX_SHARDS = 10_000;

/** The accounts of shard `index` (1-based) of `count`, in the order given. */
export function selectShard(accountIds: readonly string[], index: number, count: number): string[] {
  checkShard(index, count);
  return accountIds.filter((id) => shardOf(id, count) === index);
}

/** The 1-based shard an account belongs to among `count`. */
export function shardOf(accountId: string, count: number): number {
  let best = 1;
  let bestScore = -1n;
  for (let i = 1; i <= count; i++) {
    const score = createHash('sha256').update(`${accountId}\u0000${i}`).digest().readBigUInt64BE(0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** `"2/4"` -> { index: 2, count: 4 }; anything else is a usage error (exit 2) that says what is expected. */
export function parseShard(text: string, flag = '--shard'): ShardRef {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!m) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected i/N, e.g. 2/4 (the second of four shards)`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  checkShard(shard.index, shard.count, flag);
  return shard;
}

function checkShard(index: number, count: number, flag = '--shard'): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) throw new UsageError(`${flag} ${index}/${count}: the shard count must be 1 to ${MAX_SHARDS}`);
  if (!Number.isInteger(index) || index < 1 || index > count) throw new UsageError(`${flag} ${index}/${count}: the shard index must be 1 to ${count} (shards count from 1)`);
}
