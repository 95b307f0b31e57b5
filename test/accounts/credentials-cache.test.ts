// STS AssumeRole quotas cannot be raised: credentials are fetched once however many clients ask at
// once, reused until close to expiry, refreshed once, and a failed fetch is not cached.
import { describe, expect, it } from 'vitest';
import { refreshingCache } from '../../src/collect/clients.js';

describe('the shared credentials cache', () => {
  it('one fetch for many concurrent callers; refreshed once when within five minutes of expiry', async () => {
    let now = 0;
    let fetches = 0;
    const cache = refreshingCache(async () => ({ accessKeyId: `K${fetches++}`, secretAccessKey: 's', expiration: new Date(now + 3_600_000) }), () => now);
    const first = await Promise.all(Array.from({ length: 20 }, () => cache()));
    expect(new Set(first.map((c) => c.accessKeyId))).toEqual(new Set(['K0']));
    now = 3_600_000 - 300_001;
    expect((await cache()).accessKeyId).toBe('K0');
    now = 3_600_000 - 299_000;
    const refreshed = await Promise.all(Array.from({ length: 20 }, () => cache()));
    expect(new Set(refreshed.map((c) => c.accessKeyId))).toEqual(new Set(['K1']));
    expect(fetches).toBe(2);
  });

  it('a failure is passed to every waiting caller and the next call tries again', async () => {
    let calls = 0;
    const cache = refreshingCache(async () => {
      calls++;
      if (calls === 1) throw new Error('AccessDenied');
      return { accessKeyId: 'K', secretAccessKey: 's' };
    });
    const results = await Promise.allSettled([cache(), cache(), cache()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await cache()).accessKeyId).toBe('K');
    expect(calls).toBe(2);
  });
});
