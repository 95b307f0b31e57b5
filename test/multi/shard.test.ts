import { describe, expect, it } from 'vitest';
import { parseShard, selectShard, shardOf } from '../../src/multi/shard.js';
import { UsageError } from '../../src/errors.js';

const accounts = (n: number, from = 100000000000) => Array.from({ length: n }, (_v, i) => String(from + i * 7919));

describe('selectShard', () => {
  it.each([1, 2, 3, 4, 7, 16])('puts every account in exactly one of %i shards', (n) => {
    const ids = accounts(250);
    const shards = Array.from({ length: n }, (_v, i) => selectShard(ids, i + 1, n));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    expect(new Set(shards.flat()).size).toBe(ids.length);
  });

  it('spreads accounts roughly evenly (no shard empty or holding most of them)', () => {
    const ids = accounts(400);
    const sizes = [1, 2, 3, 4].map((i) => selectShard(ids, i, 4).length);
    for (const size of sizes) expect(size).toBeGreaterThan(50);
  });

  it('depends on the account id only: order and the other accounts do not matter', () => {
    const ids = accounts(60);
    const reversed = [...ids].reverse();
    for (const i of [1, 2, 3]) expect(selectShard(reversed, i, 3).sort()).toEqual(selectShard(ids, i, 3).sort());
    // Adding accounts moves none of the existing ones.
    const more = [...ids, ...accounts(20, 900000000000)];
    for (const id of ids) expect(more.filter((x) => x === id).map((x) => shardOf(x, 3))).toEqual([shardOf(id, 3)]);
    for (const i of [1, 2, 3]) expect(selectShard(more, i, 3).filter((id) => ids.includes(id))).toEqual(selectShard(ids, i, 3));
  });

  it('moves only some accounts when the shard count grows (rendezvous, not modulo)', () => {
    const ids = accounts(400);
    const moved = ids.filter((id) => shardOf(id, 4) !== shardOf(id, 5) && shardOf(id, 5) !== 5);
    expect(moved).toEqual([]);
  });

  it('is the same split on every machine (pinned)', () => {
    expect(['111111111111', '222222222222', '333333333333', '444444444444'].map((id) => shardOf(id, 4))).toMatchInlineSnapshot(`
      [
        2,
        3,
        2,
        3,
      ]
    `);
  });

  it('one shard holds everything', () => {
    expect(selectShard(accounts(5), 1, 1)).toEqual(accounts(5));
  });

  it.each([[0, 4], [5, 4], [1, 0], [1.5, 4], [-1, 4], [1, 10_001]])('refuses shard %s/%s', (i, n) => {
    expect(() => selectShard(accounts(3), i, n)).toThrow(UsageError);
  });
});

describe('parseShard', () => {
  it('reads i/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each([
    ['0/4', 'the shard index must be 1 to 4 (shards count from 1)'],
    ['5/4', 'the shard index must be 1 to 4'],
    ['1/0', 'the shard count must be 1 to 10000'],
    ['2', 'expected i/N, e.g. 2/4'],
    ['a/b', 'expected i/N'],
    ['1/4/2', 'expected i/N'],
    ['', 'expected i/N'],
    ['-1/4', 'expected i/N'],
  ])('refuses %j with a usage error (exit 2): %s', (text, message) => {
    expect(() => parseShard(text)).toThrow(UsageError);
    expect(() => parseShard(text)).toThrow(message);
    expect(() => parseShard(text)).toThrow(/^--shard /);
  });
});
