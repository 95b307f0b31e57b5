// Client-side pacing: one token bucket per (region, service, API or API class) as AWS meters them
// (src/collect/token-buckets.ts), plus one cap on requests in flight across every client (sockets).
// Applied per attempt, so a retry spends a token as it does at AWS. Every wait ends when the scan's
// signal aborts: nothing waits past the deadline for a token.
import { bucketFor, SOCKET_CAP, type BucketLimit } from './token-buckets.js';

interface Waiter { resolve: (release: () => void) => void; reject: (err: unknown) => void; signal?: AbortSignal; onAbort?: () => void }

/**
 * At most `capacity` holders at once and, when `refillPerSecond` is set, at most `capacity` starts in a
 * burst then `refillPerSecond` a second (tokens refill continuously). Waiters are served first come,
 * first served. `now` is in milliseconds (a test may drive it).
 */
export class RateGate {
  private tokens: number;
  private inFlight = 0;
  private last: number;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The most holders seen at once (tests read it). */
  maxInFlight = 0;

  constructor(readonly limit: { capacity: number; refillPerSecond?: number }, private readonly now: () => number = () => performance.now()) {
    if (!(limit.capacity >= 1)) throw new RangeError(`a gate needs a capacity of at least 1 (got ${limit.capacity})`);
    if (limit.refillPerSecond !== undefined && !(limit.refillPerSecond > 0)) throw new RangeError(`refill must be above 0 a second (got ${limit.refillPerSecond})`);
    this.tokens = limit.capacity;
    this.last = now();
  }

  /** Resolves with a release function once a slot (and a token) is free; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, ...(signal && { signal }) };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  private refill(): void {
    const rate = this.limit.refillPerSecond;
    const t = this.now();
    this.tokens = rate === undefined ? this.limit.capacity : Math.min(this.limit.capacity, this.tokens + ((t - this.last) / 1000) * rate);
    this.last = t;
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.refill();
    while (this.queue.length > 0 && this.inFlight < this.limit.capacity && this.tokens >= 1) {
      const waiter = this.queue.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.tokens -= 1;
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      });
    }
    // Short of tokens (not of slots): wake when the next one has refilled.
    if (this.queue.length > 0 && this.inFlight < this.limit.capacity && this.tokens < 1) {
      const waitMs = ((1 - this.tokens) / this.limit.refillPerSecond!) * 1000;
      this.timer = setTimeout(() => this.pump(), Math.ceil(waitMs));
    }
  }
}

/** Every gate of one ClientFactory: the buckets, created on first use, and the socket cap. */
export class Throttle {
  private readonly buckets = new Map<string, RateGate>();
  readonly sockets: RateGate;

  constructor(
    private readonly limitOf: (service: string, operation: string) => { key: string; limit: BucketLimit } = bucketFor,
    socketCap = SOCKET_CAP,
  ) {
    this.sockets = new RateGate({ capacity: socketCap });
  }

  /** The bucket a call of this operation draws from in this region. */
  bucket(region: string, service: string, operation: string): RateGate {
    const { key, limit } = this.limitOf(service, operation);
    const id = `${region}|${key}`;
    let gate = this.buckets.get(id);
    if (!gate) {
      gate = new RateGate(limit);
      this.buckets.set(id, gate);
    }
    return gate;
  }

  /** The most calls seen in flight at once per bucket ("us-east-1|EC2:DescribeVpcs" -> n). */
  peaks(): Record<string, number> {
    return Object.fromEntries([...this.buckets].map(([id, gate]) => [id, gate.maxInFlight]));
  }

  /** Waits for a token of the call's bucket, then for a socket; the release frees both. */
  acquire(region: string, service: string, operation: string, signal?: AbortSignal): Promise<() => void> {
    return this.acquireOn(this.bucket(region, service, operation), signal);
  }

  /** Waits for a token of this bucket (one `bucket()` returned), then for a socket; the release frees both. */
  async acquireOn(bucket: RateGate, signal?: AbortSignal): Promise<() => void> {
    const releaseBucket = await bucket.acquire(signal);
    try {
      const releaseSocket = await this.sockets.acquire(signal);
      return () => {
        releaseSocket();
        releaseBucket();
      };
    } catch (err) {
      releaseBucket();
      throw err;
    }
  }
}
