// In-memory token buckets, one per key (a client address, a username). Each holds up to
// `perMinute` tokens and refills at that rate (per `windowMs` instead of a minute when given), so
// a client may burst up to the limit and then keeps the steady rate. In one process's memory: several server processes behind a balancer
// would each count on their own (and a restart forgets everything).

/** Enough for every address of a busy city; past it the least recently seen key is forgotten. */
const MAX_KEYS = 100_000;

interface Options {
  now?: () => number;
  maxKeys?: number;
  /** The window the limit is counted over: a minute unless said (filings are counted by the hour). */
  windowMs?: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(
    readonly perMinute: number,
    { now = Date.now, maxKeys = MAX_KEYS, windowMs = 60_000 }: Options = {},
  ) {
    this.perMs = perMinute / windowMs;
    this.now = now;
    this.maxKeys = maxKeys;
  }

  /** Takes a token for `key`: 0 when granted, otherwise the whole seconds until one is free. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key);
    let tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs) : this.perMinute;
    const granted = tokens >= 1;
    if (granted) tokens -= 1;
    // Re-inserting keeps the Map in least-recently-seen order for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, at: now });
    if (this.buckets.size > this.maxKeys) this.evict(now);
    return granted ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drops buckets that have refilled (they hold nothing a new bucket wouldn't), then the oldest. */
  private evict(now: number): void {
    for (const [key, { tokens, at }] of this.buckets) {
      if (tokens + (now - at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys * 0.9) break;
      this.buckets.delete(key);
    }
  }
}
