// The SQL of a draft city runs as many single statements (PGlite prepares each query as one
// command) that share a few named values: the region, the import and the actor. `:name` in the
// text becomes a positional binding, so `::casts` stay what they are.
import type { Knex } from 'knex';

export type Row = Record<string, unknown>;
export type Run = (sql: string, extra?: Record<string, unknown>) => Promise<Row[]>;

export function runner(trx: Knex | Knex.Transaction, named: Record<string, unknown>): Run {
  return async (sql, extra = {}) => {
    const values = { ...named, ...extra };
    const bindings: unknown[] = [];
    const text = sql.replace(/(?<![:\w]):([a-zA-Z]\w*)\b/g, (whole, name: string) => {
      if (!Object.hasOwn(values, name)) return whole;
      bindings.push(values[name]);
      return '?';
    });
    const result = await trx.raw(text, bindings as Knex.RawBinding[]);
    return (result as { rows: Row[] }).rows;
  };
}
