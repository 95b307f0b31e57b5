// The client-side gates: a token bucket (burst, then its refill rate), a cap on holders, first come
// first served, and waits that end when the scan's signal aborts. Fake timers drive the clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateGate, Throttle } from '../../src/collect/throttle.js';
import { bucketFor, DEFAULT_LIMIT, SERVICE_BUCKETS } from '../../src/collect/token-buckets.js';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const clock = () => Date.now();

/** Starts `n` acquisitions and records which have been granted so far. */
function contend(gate: RateGate, n: number, signal?: AbortSignal) {
  const granted: number[] = [];
  const releases: (() => void)[] = [];
  const errors: unknown[] = [];
  for (let i = 0; i < n; i++) {
    gate.acquire(signal).then((release) => {
      granted.push(i);
      releases[i] = release;
    }, (err: unknown) => errors.push(err));
  }
  return { granted, releases, errors };
}

describe('RateGate', () => {
  it('holds at most `capacity` at once, and the next waiter starts when one releases', async () => {
    const gate = new RateGate({ capacity: 3 }, clock);
    const run = contend(gate, 5);
    await vi.advanceTimersByTimeAsync(0);
    expect(run.granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.granted).toEqual([0, 1, 2]); // no refill makes room: only a release does
    run.releases[1]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(run.granted).toEqual([0, 1, 2, 3]);
    expect(gate.maxInFlight).toBe(3);
  });

  it('spends its burst at once, then starts one call per 1/refill seconds', async () => {
    const gate = new RateGate({ capacity: 2, refillPerSecond: 4 }, clock);
    const run = contend(gate, 5);
    await vi.advanceTimersByTimeAsync(0);
    expect(run.granted).toEqual([0, 1]);
    run.releases.forEach((r) => r()); // slots are free: only tokens are short now
    await vi.advanceTimersByTimeAsync(240);
    expect(run.granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(10); // 250 ms: one token
    expect(run.granted).toEqual([0, 1, 2]);
    run.releases[2]!();
    await vi.advanceTimersByTimeAsync(250);
    expect(run.granted).toEqual([0, 1, 2, 3]);
    run.releases[3]!();
    await vi.advanceTimersByTimeAsync(250);
    expect(run.granted).toEqual([0, 1, 2, 3, 4]);
  });

  it('never refills past its capacity, however long it sat idle', async () => {
    const gate = new RateGate({ capacity: 2, refillPerSecond: 100 }, clock);
    await vi.advanceTimersByTimeAsync(60_000);
    const run = contend(gate, 3);
    await vi.advanceTimersByTimeAsync(0);
    run.releases.forEach((r) => r?.());
    expect(run.granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(10);
    expect(run.granted).toEqual([0, 1, 2]);
  });

  it('a release called twice frees one slot', async () => {
    const gate = new RateGate({ capacity: 1 }, clock);
    const run = contend(gate, 3);
    await vi.advanceTimersByTimeAsync(0);
    run.releases[0]!();
    run.releases[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(run.granted).toEqual([0, 1]);
  });

  it('an abort ends every wait with the signal’s reason, and waiters after it still get their turn', async () => {
    const gate = new RateGate({ capacity: 1, refillPerSecond: 1 }, clock);
    const first = await gate.acquire();
    const controller = new AbortController();
    const doomed = contend(gate, 2, controller.signal);
    const patient = contend(gate, 1);
    controller.abort(new Error('deadline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(doomed.errors.map((e) => (e as Error).message)).toEqual(['deadline', 'deadline']);
    first();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(patient.granted).toEqual([0]);
  });

  it('a signal aborted before the call rejects without taking a token', async () => {
    const gate = new RateGate({ capacity: 1, refillPerSecond: 1 }, clock);
    await expect(gate.acquire(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
    const run = contend(gate, 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(run.granted).toEqual([0]);
  });

  it.each([
    [{ capacity: 0 }],
    [{ capacity: Number.NaN }],
    [{ capacity: 5, refillPerSecond: 0 }],
    [{ capacity: 5, refillPerSecond: -1 }],
  ])('refuses a limit that could never grant (%j)', (limit) => {
    expect(() => new RateGate(limit, clock)).toThrow(RangeError);
  });
});

describe('Throttle', () => {
  it('one bucket per region and bucket key; the socket cap across all of them', async () => {
    const throttle = new Throttle(bucketFor, 2);
    const a = await throttle.acquire('us-east-1', 'EC2', 'DescribeVpcs');
    const b = await throttle.acquire('eu-west-1', 'EC2', 'DescribeVpcs');
    expect(throttle.bucket('us-east-1', 'EC2', 'DescribeVpcs')).not.toBe(throttle.bucket('eu-west-1', 'EC2', 'DescribeVpcs'));
    let third = false;
    void throttle.acquire('us-east-1', 'RDS', 'DescribeDBInstances').then(() => (third = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(third).toBe(false); // two sockets are taken
    a();
    await vi.advanceTimersByTimeAsync(0);
    expect(third).toBe(true);
    b();
    expect(throttle.peaks()).toMatchObject({ 'us-east-1|EC2:DescribeVpcs': 1, 'us-east-1|RDS': 1 });
  });

  it('a wait for a socket that aborts gives the bucket slot back', async () => {
    const throttle = new Throttle(() => ({ key: 'k', limit: { capacity: 2, refillPerSecond: 1000 } }), 1);
    const held = await throttle.acquire('r', 'S', 'A'); // the only socket, one of two bucket slots
    const controller = new AbortController();
    const waiting = throttle.acquire('r', 'S', 'B', controller.signal); // takes the other slot, waits for the socket
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    let free = false;
    void throttle.bucket('r', 'S', 'A').acquire().then(() => (free = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(free).toBe(true); // had the slot leaked, the bucket would be full (held + leaked)
    held();
  });
});

describe('AWS token buckets', () => {
  it('EC2 meters each API on its own; ECS by class; RDS, ELBv2 and Route 53 one bucket for every read', () => {
    expect(bucketFor('EC2', 'DescribeVpcs')).toEqual({ key: 'EC2:DescribeVpcs', limit: { capacity: 100, refillPerSecond: 20 } });
    expect(bucketFor('EC2', 'DescribeSubnets').key).toBe('EC2:DescribeSubnets');
    expect(bucketFor('ECS', 'ListClusters').key).toBe(bucketFor('ECS', 'DescribeClusters').key);
    expect(bucketFor('ECS', 'ListServices').key).not.toBe(bucketFor('ECS', 'ListClusters').key);
    expect(bucketFor('RDS', 'DescribeDBInstances').key).toBe(bucketFor('RDS', 'DescribeDBClusters').key);
    expect(bucketFor('Route53', 'ListHostedZones').key).toBe(bucketFor('Route53', 'ListResourceRecordSets').key);
    expect(bucketFor('ElasticLoadBalancingV2', 'DescribeTags').limit).toEqual({ capacity: 40, refillPerSecond: 10 });
  });

  it('a service AWS publishes no bucket for gets the conservative default, one bucket per service', () => {
    expect(bucketFor('WAFV2', 'GetWebACL')).toEqual({ key: 'WAFV2', limit: DEFAULT_LIMIT });
    expect(bucketFor('WAFV2', 'ListWebACLs').key).toBe('WAFV2');
  });

  it('every published bucket names its source and can grant', () => {
    for (const [service, b] of Object.entries(SERVICE_BUCKETS)) {
      expect(b.source, service).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      for (const limit of [b.limit, ...Object.values(b.classes ?? {}).map((c) => c.limit)]) {
        expect(limit.capacity, service).toBeGreaterThanOrEqual(1);
        expect(limit.refillPerSecond, service).toBeGreaterThan(0);
      }
    }
  });
});
