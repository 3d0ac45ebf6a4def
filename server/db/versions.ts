// How many times each table's rows changed, for caches of what is drawn from them (the vector
// tiles): counted from what each write changed (changes.ts), this process's and, on PostgreSQL,
// the other processes' as `catchUp` reads them before a request.
import { onChange } from './changes';
import type { Database } from './handle';

interface Versions {
  clock: number;
  everything: number;
  tables: Map<string, number>;
}

const byDatabase = new WeakMap<Database, Versions | null>();

function versionsOf(db: Database): Versions | null {
  let v = byDatabase.get(db);
  if (v !== undefined) return v;
  const counting: Versions = { clock: 0, everything: 0, tables: new Map() };
  v = onChange(db, (change) => {
    const at = ++counting.clock;
    if (change.everything) counting.everything = at;
    else for (const table of change.tables) counting.tables.set(table, at);
  })
    ? counting
    : null;
  byDatabase.set(db, v);
  return v;
}

/** Changes whenever the table's rows may have: read it before reading the rows. */
export function dataVersion(db: Database, table: string): number {
  const v = versionsOf(db);
  if (!v) return NaN; // an untracked handle: never equal, so nothing is served from a cache
  return Math.max(v.everything, v.tables.get(table) ?? 0);
}
