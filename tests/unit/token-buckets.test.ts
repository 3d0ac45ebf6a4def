import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../server/http/token-buckets';

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

describe('TokenBuckets', () => {
  it('grants a burst up to the limit, then says how long to wait', () => {
    const c = clock();
    const buckets = new TokenBuckets(6, { now: c.now }); // one token every 10 s
    for (let i = 0; i < 6; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(10);
    c.t += 4_000;
    expect(buckets.take('a')).toBe(6);
  });

  it('refills at the steady rate and never above the limit', () => {
    const c = clock();
    const buckets = new TokenBuckets(6, { now: c.now });
    for (let i = 0; i < 6; i++) buckets.take('a');
    c.t += 10_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
    c.t += 3_600_000;
    for (let i = 0; i < 6; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets(1, { now: () => 0 });
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(60);
    expect(buckets.take('b')).toBe(0);
  });

  it('past its key limit forgets the keys that have refilled, keeping the empty ones', () => {
    const c = clock();
    const buckets = new TokenBuckets(1, { now: c.now, maxKeys: 10 });
    for (let i = 0; i < 10; i++) buckets.take(`k${i}`);
    c.t += 60_000;
    buckets.take('k0'); // empty again; k1..k9 have refilled
    buckets.take('k10');
    expect(buckets.size).toBe(2);
    expect(buckets.take('k0')).toBeGreaterThan(0);
  });

  it('when none has refilled, forgets the least recently seen', () => {
    const buckets = new TokenBuckets(1, { now: () => 0, maxKeys: 10 });
    for (let i = 0; i <= 10; i++) buckets.take(`k${i}`);
    expect(buckets.size).toBe(9);
    expect(buckets.take('k10')).toBeGreaterThan(0);
    expect(buckets.take('k0')).toBe(0);
  });
});
