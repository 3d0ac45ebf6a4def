// Rows as text that both engines read back exactly: JSON from to_jsonb, geometry as EWKB hex
// (exact coordinates and SRID; PostGIS parses it back on input). Shared by backup/restore
// and the embedded database's journal, so a row has one serialised form.
import type { Knex } from 'knex';

export interface Table {
  name: string;
  columns: string[];
  geometry: Set<string>;
  primaryKey: string[];
}

/** The application's tables, parents before children (so inserts meet their foreign keys). */
export async function listTables(knex: Knex): Promise<Table[]> {
  const { rows: names } = await knex.raw<{ rows: Array<{ name: string }> }>(`
    SELECT t.table_name AS name FROM information_schema.tables t
    WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      -- journal_state is where this database stands in its own journal, data_clock and
      -- data_changes what the app processes have told each other (changes.ts): not data. A
      -- restore must not move them (a counter put back would have the processes skip the
      -- changes numbered again, the restore's own among them).
      AND t.table_name NOT IN ('knex_migrations', 'knex_migrations_lock', 'journal_state', 'data_clock', 'data_changes')
      -- PostGIS's spatial_ref_sys and the like belong to their extension, not to us.
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e'
                        AND d.objid = format('public.%I', t.table_name)::regclass)
    ORDER BY t.table_name`);
  const { rows: columns } = await knex.raw<{ rows: Array<{ table: string; column: string; type: string }> }>(`
    SELECT table_name AS table, column_name AS column, udt_name AS type FROM information_schema.columns
    WHERE table_schema = 'public' AND is_generated <> 'ALWAYS'
    ORDER BY table_name, ordinal_position`);
  const { rows: keys } = await knex.raw<{ rows: Array<{ table: string; column: string }> }>(`
    SELECT c.relname AS table, a.attname AS column FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE i.indisprimary AND n.nspname = 'public'
    ORDER BY c.relname, k.position`);
  const { rows: references } = await knex.raw<{ rows: Array<{ child: string; parent: string }> }>(`
    SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint c
    JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = ch.relnamespace
    WHERE c.contype = 'f' AND n.nspname = 'public' AND ch.oid <> pa.oid`);
  const tables = new Map<string, Table>(names.map(({ name }) => [name, { name, columns: [], geometry: new Set(), primaryKey: [] }]));
  for (const { table, column, type } of columns) {
    const entry = tables.get(table);
    if (!entry) continue;
    entry.columns.push(column);
    if (type === 'geometry' || type === 'geography') entry.geometry.add(column);
  }
  for (const { table, column } of keys) tables.get(table)?.primaryKey.push(column);
  const ordered: Table[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    // A cycle of foreign keys cannot be ordered; its tables keep the order they are met in.
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const { child, parent } of references) if (child === name && tables.has(parent)) visit(parent);
    state.set(name, 'done');
    ordered.push(tables.get(name)!);
  };
  for (const name of tables.keys()) visit(name);
  return ordered;
}

/** The table's columns for a SELECT whose rows serialise exactly (geometry as EWKB hex). */
export function serialisedColumns(knex: Knex, table: Table): Knex.Raw[] {
  return table.columns.map((c) => (table.geometry.has(c) ? knex.raw(`encode(ST_AsEWKB(??::geometry), 'hex') AS ??`, [c, c]) : knex.raw('??', [c])));
}

/** Serial and identity columns continue after the rows present, not where they were. */
export async function resetSequences(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: Array<{ table: string; column: string; sequence: string }> }>(`
    SELECT table_name AS table, column_name AS column,
           pg_get_serial_sequence(format('public.%I', table_name), column_name) AS sequence
    FROM information_schema.columns
    WHERE table_schema = 'public' AND pg_get_serial_sequence(format('public.%I', table_name), column_name) IS NOT NULL`);
  for (const { table, column, sequence } of rows) {
    await knex.raw('SELECT setval(?, coalesce((SELECT max(??) FROM ??), 0) + 1, false)', [sequence, column, table]);
  }
}
