// How many times each table's rows changed in this process, for caches of what is drawn from
// them (the vector tiles). Every write ends in `write` (the tables it touched) or `writeBulk`
// and `checkpoint` (an import, its undo, a restore: anything may have changed), so wrapping
// those three is the whole hook. A write by another process (the import command on a shared
// PostgreSQL) is not seen here: the caches bound their entries' age for that.
import type { Knex } from 'knex';
import type { Database } from './handle';
import type { Touch } from './write';

interface Versions {
  clock: number;
  everything: number;
  tables: Map<string, number>;
}

const byDatabase = new WeakMap<Database, Versions>();

/** The same handle, counting the tables each write changed. */
export function trackWrites(db: Database): Database {
  const v: Versions = { clock: 0, everything: 0, tables: new Map() };
  const changedAll = () => (v.everything = ++v.clock);
  // Everything else is the handle's own, whatever shape it has.
  const tracked: Database = Object.create(db);
  Object.assign(tracked, {
    write<T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>): Promise<T> {
      const touched = new Set<string>();
      return db
        .write((trx, touch) => fn(trx, (table, key) => (touched.add(table), touch(table, key))))
        .finally(() => {
          const at = ++v.clock;
          for (const table of touched) v.tables.set(table, at);
        });
    },
    writeBulk: <T>(fn: (trx: Knex.Transaction) => Promise<T>) => db.writeBulk(fn).finally(changedAll),
    checkpoint: () => db.checkpoint().finally(changedAll),
  } satisfies Partial<Database>);
  byDatabase.set(tracked, v);
  return tracked;
}

/** Changes whenever the table's rows may have: read it before reading the rows. */
export function dataVersion(db: Database, table: string): number {
  const v = byDatabase.get(db);
  if (!v) return NaN; // an untracked handle: never equal, so nothing is served from a cache
  return Math.max(v.everything, v.tables.get(table) ?? 0);
}
