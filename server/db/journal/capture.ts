// Inside a write's transaction: the after-image of every row the write touched, and the
// journal sequence number it claims. Both commit or roll back with the write itself.
import type { Knex } from 'knex';
import type { Touch } from '../write';
import { listTables, serialisedColumns, type Table } from '../rows';
import type { Change } from './entry';

export interface Touched {
  touch: Touch;
  /** Distinct rows touched, as table and primary-key values. */
  rows(): Array<{ table: string; key: Record<string, string | number> }>;
}

export function collectTouches(): Touched {
  const rows = new Map<string, { table: string; key: Record<string, string | number> }>();
  return {
    touch: (table, key) => void rows.set(JSON.stringify([table, key]), { table, key }),
    rows: () => [...rows.values()],
  };
}

/** The next journal sequence number, claimed in the write's transaction (so a rollback gives it back). */
export async function claimSeq(trx: Knex.Transaction): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ seq: string }> }>('UPDATE journal_state SET seq = seq + 1 RETURNING seq');
  return Number(rows[0]!.seq);
}

/** Table catalogue, read once: the schema changes only when migrations run, at start. */
export class Catalogue {
  private tables: Map<string, Table> | undefined;

  async get(knex: Knex, name: string): Promise<Table> {
    let table = this.tables?.get(name);
    if (!table) {
      this.tables = new Map((await listTables(knex)).map((t) => [t.name, t]));
      table = this.tables.get(name);
    }
    if (!table) throw new Error(`touch: ${name} is not an application table`);
    return table;
  }
}

export async function captureChanges(trx: Knex.Transaction, catalogue: Catalogue, touched: Touched): Promise<Change[]> {
  const changes: Change[] = [];
  for (const { table: name, key } of touched.rows()) {
    const table = await catalogue.get(trx, name);
    const names = Object.keys(key).sort();
    if (names.join() !== [...table.primaryKey].sort().join()) {
      // A partial key would replay onto the wrong rows: refuse the write instead.
      throw new Error(`touch(${name}): the key must name exactly the primary key (${table.primaryKey.join(', ')}), not ${names.join(', ')}`);
    }
    const ordered = Object.fromEntries(table.primaryKey.map((c) => [c, key[c]!]));
    const select = trx.select(serialisedColumns(trx, table)).from(name).where(ordered).toSQL();
    const { rows } = await trx.raw<{ rows: Array<{ row: string }> }>(`SELECT to_jsonb(r)::text AS row FROM (${select.sql}) r`, select.bindings as Knex.RawBinding[]);
    changes.push({ table: name, key: JSON.stringify(ordered), row: rows[0]?.row ?? null });
  }
  return changes;
}
