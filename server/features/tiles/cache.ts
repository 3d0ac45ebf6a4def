// Rendered tiles kept by layer, tile and the data version of the layer's table (db/versions.ts):
// a write to buildings leaves every towns tile cached and makes each buildings tile render
// afresh when next asked for. Bounded by bytes, least recently used out first; requests for a
// tile being rendered wait for that rendering instead of starting their own.
import { createHash } from 'node:crypto';

export interface CachedTile {
  /** The encoded tile; null for an empty one. */
  body: Buffer | null;
  /** A strong validator from the bytes themselves, so it survives restarts and is never reused for other bytes. */
  etag: string;
}

interface Entry {
  version: number;
  tile: CachedTile;
  bytes: number;
  at: number;
}

/** An entry's overhead besides its body (key, object, map slot), so empty tiles count too. */
const ENTRY_BYTES = 200;

export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly rendering = new Map<string, Promise<CachedTile>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    /** Entries older than this are rendered again: bounds how long a write by another process stays unseen. */
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tile for this version, from the cache (`hit`) or rendered now (`miss`). */
  async get(key: string, version: number, render: () => Promise<Uint8Array | null>): Promise<{ tile: CachedTile; hit: boolean }> {
    const entry = this.entries.get(key);
    if (entry && entry.version === version && this.now() - entry.at < this.maxAgeMs) {
      this.entries.delete(key); // re-inserted: Map order is the recency order
      this.entries.set(key, entry);
      return { tile: entry.tile, hit: true };
    }
    const pendingKey = `${key}@${version}`;
    let pending = this.rendering.get(pendingKey);
    if (!pending) {
      pending = render()
        .then((bytes) => this.keep(key, version, bytes))
        .finally(() => this.rendering.delete(pendingKey));
      this.rendering.set(pendingKey, pending);
    }
    return { tile: await pending, hit: false };
  }

  private keep(key: string, version: number, bytes: Uint8Array | null): CachedTile {
    const body = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
    const tile = { body, etag: `"${createHash('sha1').update(body ?? '').digest('base64url')}"` };
    const old = this.entries.get(key);
    // A version older than the one kept (a slow rendering finishing late) is answered, not kept.
    if (Number.isNaN(version) || (old && old.version > version)) return tile;
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    const size = (body?.byteLength ?? 0) + ENTRY_BYTES;
    if (size > this.maxBytes) return tile;
    this.entries.set(key, { version, tile, bytes: size, at: this.now() });
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
    return tile;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
