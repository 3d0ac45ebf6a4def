// The one write contract for many objects at once (an import's commit or undo): what
// writeWithin does to one object — keep the version being replaced, then version + 1 —
// done as single statements over a set of ids, so a city of a million buildings is one
// transaction of a few statements rather than a million round trips.
import type { Knex } from 'knex';
import { EDITABLE, type EditableObject } from './objects';

/** The editable object kept in `table`, if people edit that table one object at a time too. */
export const editableOf = (table: string): EditableObject | undefined => Object.values(EDITABLE).find((t) => t.table === table);

/**
 * Keeps the current version of each object of `t` whose id `ids` (a query of one column, with
 * its bindings) lists, as object_versions rows ended by `kind`, so the history shows the version
 * an import replaced and can restore it.
 */
export async function keepVersionsOf(
  trx: Knex.Transaction, region: string, t: EditableObject, ids: { sql: string; bindings?: Knex.RawBinding[] }, kind: 'update' | 'delete',
): Promise<void> {
  const attributes = Object.entries(t.attributes).map(([name, a]) => `'${name}', o.${a.column}${a.cast ? `::${a.cast}` : ''}`);
  const geometry = t.geometry === null ? 'NULL' : `o.${t.geometryColumn ?? 'geom'}`;
  await trx.raw(
    `INSERT INTO object_versions (region, object_type, object_id, version, attributes, geom, changed_at, changed_by, replaced_by)
     SELECT o.region, ?, o.id::text, o.version, jsonb_build_object(${attributes.join(', ')}), ${geometry}, o.updated_at, o.updated_by, ?
     FROM ${t.table} o WHERE o.region = ? AND o.id::text IN (${ids.sql})`,
    [t.type, kind, region, ...(ids.bindings ?? [])],
  );
}
