// A city's data loaded from the files a county hands over (server/features/import/). An import
// is a draft while files are read, mapped and checked, then committed in one transaction, and
// can be undone as a whole:
// - imports: one row an import, versioned like every edited object (a stale commit or undo is 409);
// - import_files and import_rows: the draft's files and the rows read from them (scratch: written
//   outside the embedded database's journal, so a crash may lose a draft, never a committed import);
// - import_changes: what a commit changed, with each replaced or removed row as it was, so the
//   import can be undone exactly.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  `CREATE TABLE imports (
    region text NOT NULL,
    id text NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'committed', 'undone', 'discarded')),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- per layer: file name, format, mapping, coordinate system, mode, rows read
    layers jsonb NOT NULL DEFAULT '{}',
    -- the last check: problems, totals per town, the diff
    report jsonb,
    -- added / changed / removed per layer, once committed
    summary jsonb,
    committed_at timestamptz,
    undone_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT 'system',
    PRIMARY KEY (region, id)
  )`,
  `CREATE TABLE import_files (
    region text NOT NULL,
    import_id text NOT NULL,
    layer text NOT NULL,
    name text NOT NULL,
    bytes bytea NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, import_id, layer)
  )`,
  `CREATE TABLE import_rows (
    region text NOT NULL,
    import_id text NOT NULL,
    layer text NOT NULL,
    -- the row's line in the sheet or the feature's number in the file
    line integer NOT NULL,
    "values" jsonb NOT NULL,
    geom geometry(Geometry, 4326),
    footprint geometry(Polygon, 4326),
    PRIMARY KEY (region, import_id, layer, line)
  )`,
  `CREATE TABLE import_changes (
    region text NOT NULL,
    import_id text NOT NULL,
    table_name text NOT NULL,
    object_id text NOT NULL,
    change text NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
    -- the row's version after the commit (added, changed): undo refuses if it moved on since
    version_after integer,
    -- the row before the commit (changed, removed), serialised as backups are (db/rows.ts)
    before jsonb,
    PRIMARY KEY (region, import_id, table_name, object_id)
  )`,
  'CREATE INDEX import_rows_layer_idx ON import_rows (region, import_id, layer)',
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS import_changes, import_rows, import_files, imports');
}
