// Answers read from some tables and kept while those tables are unchanged: their data versions
// (versions.ts) say when a write, this process's or another's, may have changed them. Read from
// the primary, so nothing kept under a version is a lagging replica's older rows. Callers share
// what is kept: it must be read, never written.
import type { Knex } from 'knex';
import type { Database } from './handle';
import { onPrimary } from './read-route';
import { dataVersion } from './versions';

interface Entry<T> {
  version: string;
  value: Promise<T>;
}

export class Kept<T> {
  private readonly byDatabase = new WeakMap<Database, Map<string, Entry<T>>>();

  /** `tables`: everything `read` reads; `most`: how many answers, the least recently asked dropped first. */
  constructor(
    private readonly tables: readonly string[],
    private readonly most: number,
  ) {}

  get(db: Database, key: string, read: (knex: Knex) => Promise<T>): Promise<T> {
    const versions = this.tables.map((table) => dataVersion(db, table));
    // An untracked handle's versions are NaN: nothing tells it about writes, so nothing is kept.
    if (versions.some(Number.isNaN)) return read(db.knex);
    const version = versions.join(':');
    let kept = this.byDatabase.get(db);
    if (!kept) this.byDatabase.set(db, (kept = new Map()));
    const hit = kept.get(key);
    if (hit?.version === version) {
      kept.delete(key);
      kept.set(key, hit);
      return hit.value;
    }
    const entry = { version, value: read(onPrimary(() => db.knex)) };
    kept.set(key, entry);
    if (kept.size > this.most) kept.delete(kept.keys().next().value!);
    // A failed read (a 404, the database away) is not kept.
    const map = kept;
    entry.value.catch(() => map.get(key) === entry && map.delete(key));
    return entry.value;
  }
}
