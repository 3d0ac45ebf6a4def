// Every earlier version of an object planners edit, so any of them can be shown or restored.
// A row is the object as it was at `version`: its attributes, its geometry, and who made that
// version when (the row's updated_by / updated_at at the time). It is written in the same
// transaction as the write that replaces it; the current version stays in its own table.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  `CREATE TABLE object_versions (
    region text NOT NULL,
    object_type text NOT NULL,
    object_id text NOT NULL,
    version integer NOT NULL,
    attributes jsonb NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text NOT NULL,
    -- how this version ended: 'update', or 'restore' of version restored_from
    replaced_by text NOT NULL,
    restored_from integer,
    PRIMARY KEY (region, object_type, object_id, version),
    CHECK ((replaced_by = 'restore') = (restored_from IS NOT NULL))
  )`,
  // For browsing recent changes and for pruning by age; look-ups by object use the key.
  `CREATE INDEX object_versions_changed_at ON object_versions (region, changed_at)`,
  `CREATE INDEX object_versions_changed_by ON object_versions (region, changed_by, changed_at)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS object_versions');
}
