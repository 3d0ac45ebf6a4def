// Deterministic randomness. Every stage draws from its own stream (derived from the
// city seed and a stage label) so that tuning one stage never reshuffles another.

/** FNV-1a over a string, mixed with the seed: a stable 32-bit stream id per stage. */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mix32(h ^ Math.imul(seed | 0, 0x9e3779b1));
}

/** A 32-bit finaliser (murmur3 style), for stateless position-keyed noise. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Uniform [0, 1) keyed by integers rather than by call order, so that a lattice vertex
 * gets the same jitter whichever cell asks for it first.
 */
export function hash01(seed: number, a: number, b: number, c = 0): number {
  const h = mix32(seed ^ mix32(a + 0x632be5ab) ^ mix32(Math.imul(b, 0x27d4eb2d) + 0x165667b1) ^ mix32(c * 0x9e3779b1));
  return h / 4294967296;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast, and good enough for layout decisions. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

export function streamFor(seed: number, label: string): Random {
  return new Random(deriveSeed(seed, label));
}
