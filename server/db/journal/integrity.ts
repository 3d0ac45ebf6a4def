// A damaged data file does not stop PGlite from opening: a truncated table reads as a shorter
// one, a deleted or garbled file fails only the query that reaches it. So every table (and its
// TOAST table, where long values such as geometries live) is read twice: whole, page by page
// (a garbled page header or a missing file fails there), and through its primary-key index in
// index order, which fetches every row the index points at (a truncated table, or an index
// truncated or zeroed, fails there or counts differently). GiST and GIN indexes are not walked.
import type { Knex } from 'knex';

interface Relation {
  rel: string;
  index: string | null;
  columns: string | null;
}

const RELATIONS = `
  SELECT c.oid::regclass::text AS rel, i.indexrelid::regclass::text AS index,
         (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
            FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS columns
    FROM pg_class c
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND (i.indisprimary OR c.relkind = 't')
   WHERE c.relpersistence = 'p'
     AND ((c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace)
       OR (c.relkind = 't' AND c.oid IN (SELECT reltoastrelid FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace)))
   ORDER BY c.relpages DESC`;

/** The planner's switches for the rest of the transaction: `seqscan` on reads a table whole, off through an index. */
const scans = (seqscan: boolean) => {
  const [whole, index] = seqscan ? ['on', 'off'] : ['off', 'on'];
  // A plain index scan: an index-only one would trust the visibility map and skip the table's pages.
  return `SELECT set_config('enable_seqscan', '${whole}', true), set_config('enable_indexscan', '${index}', true),
                 set_config('enable_indexonlyscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', '${whole}', true)`;
};
const DEFAULTS = `SELECT set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true),
                         set_config('enable_indexonlyscan', 'on', true), set_config('enable_bitmapscan', 'on', true), set_config('enable_sort', 'on', true)`;

/** What is damaged in the database, or undefined when every table reads whole and agrees with its index. */
export async function findDamage(knex: Knex | Knex.Transaction): Promise<string | undefined> {
  try {
    // Nested in a caller's transaction this is a savepoint: the settings end with it.
    return await knex.transaction(async (trx) => {
      const { rows } = await trx.raw<{ rows: Relation[] }>(RELATIONS);
      for (const { rel, index, columns } of rows) {
        await trx.raw(scans(true));
        const whole = await count(trx, `SELECT count(*) AS n FROM ${rel}`);
        if (!index || !columns) continue;
        await trx.raw(scans(false));
        const viaIndex = await count(trx, `SELECT count(*) AS n FROM (SELECT 1 FROM ${rel} ORDER BY ${columns} OFFSET 0) AS s`);
        if (whole !== viaIndex) return `${rel}: ${whole} rows read whole, ${viaIndex} through its index ${index}`;
      }
      // In a caller's transaction the settings would outlive the savepoint.
      await trx.raw(DEFAULTS);
      return undefined;
    });
  } catch (err) {
    return `reading it failed: ${(err as Error).message}`;
  }
}

async function count(trx: Knex.Transaction, sql: string): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ n: string | number }> }>(sql);
  return Number(rows[0]!.n);
}
