// The draft city against the city as it is, table by table: which units the import adds,
// changes and removes (`change_<table>`, for the commit to write). A unit is changed when a
// value differs or a geometry moved by more than GEOMETRY_TOLERANCE_DEG, so a city exported
// and imported again changes nothing.
import type { DraftContext } from './steps';
import { CITY_TABLES, GEOMETRY_TOLERANCE_DEG, type CityTable } from './tables';

export type Change = 'added' | 'changed' | 'removed';

function differs(t: CityTable): string {
  return t.columns
    .map((c) =>
      t.geometry.includes(c)
        ? `(o.${c} IS NULL) <> (d.${c} IS NULL) OR (o.${c} IS NOT NULL AND ST_HausdorffDistance(o.${c}, d.${c}) > ${GEOMETRY_TOLERANCE_DEG})`
        : `o.${c} IS DISTINCT FROM d.${c}`,
    )
    .join(' OR ');
}

/** Fills `change_<table>` (id, change; an added row of a serial table has no id yet: its draft row is in `added_<table>`). */
export async function diffTable(c: DraftContext, t: CityTable): Promise<{ added: number; changed: number; removed: number }> {
  const id = t.serial ? 'o.id::text' : 'o.id';
  await c.run(`CREATE TEMP TABLE change_${t.table} (id text, change text) ON COMMIT DROP`);
  await c.run(`
    INSERT INTO change_${t.table} (id, change)
    SELECT ${id}, 'removed' FROM ${t.table} o WHERE o.region = :region AND NOT EXISTS (SELECT 1 FROM draft_${t.table} d WHERE d.id = ${id})`);
  await c.run(`
    INSERT INTO change_${t.table} (id, change)
    SELECT ${id}, 'changed' FROM ${t.table} o JOIN draft_${t.table} d ON d.id = ${id}
    WHERE o.region = :region AND (${differs(t)})`);
  await c.run(`
    CREATE TEMP TABLE added_${t.table} ON COMMIT DROP AS
    SELECT d.* FROM draft_${t.table} d WHERE d.id IS NULL OR NOT EXISTS (SELECT 1 FROM ${t.table} o WHERE o.region = :region AND ${id} = d.id)`);
  const [counts] = await c.run(`
    SELECT (SELECT count(*) FROM added_${t.table})::int AS added,
           count(*) FILTER (WHERE change = 'changed')::int AS changed, count(*) FILTER (WHERE change = 'removed')::int AS removed
    FROM change_${t.table}`);
  return { added: Number(counts!.added), changed: Number(counts!.changed), removed: Number(counts!.removed) };
}

export async function diffCity(c: DraftContext): Promise<Map<string, { added: number; changed: number; removed: number }>> {
  const out = new Map<string, { added: number; changed: number; removed: number }>();
  for (const t of CITY_TABLES) out.set(t.table, await diffTable(c, t));
  return out;
}
