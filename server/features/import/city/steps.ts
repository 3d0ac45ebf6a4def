// The moves every layer of the draft city makes: start from the current rows (unless the layer
// replaces them), read the layer's staged rows into a table of their own, resolve what each
// row names (a town, a community …) to an id, and put the rows into the draft, the first of two
// rows with one key winning and the second reported.
import type { ImportLayer } from '../../../domain/layers';
import type { Problems } from '../report/problems';
import type { LayerMode } from '../types';
import type { Run } from './run';

export interface DraftContext {
  run: Run;
  problems: Problems;
  /** The layers this import brings, and whether each replaces or merges. */
  modes: Partial<Record<ImportLayer, LayerMode>>;
}

export const brings = (c: DraftContext, layer: ImportLayer): boolean => c.modes[layer] !== undefined;
/** The current rows stay in the draft unless the layer comes whole (replace). */
export const keepsCurrent = (c: DraftContext, layer: ImportLayer): boolean => c.modes[layer] !== 'replace';

/** `draft_<table>`: the current rows (`select` over the table as `o`), or none. */
export async function startDraft(c: DraftContext, table: string, select: string, keep: boolean, from = `${table} o`): Promise<void> {
  await c.run(`CREATE TEMP TABLE draft_${table} ON COMMIT DROP AS SELECT ${select}, NULL::integer AS line FROM ${from} WHERE o.region = :region AND ${keep ? 'true' : 'false'}`);
  await c.run(`CREATE INDEX ON draft_${table} (id)`);
}

/** The spatial index of a draft table, once its rows are in: later steps and checks look up by place. */
export async function indexPlaces(c: DraftContext, table: string): Promise<void> {
  await c.run(`CREATE INDEX ON draft_${table} USING gist (geom)`);
}

/** The columns the checks and the diff find a unit's children by, per draft table. */
const PARENT_KEYS: Record<string, string[]> = {
  communities: ['town_id'],
  villages: ['town_id', 'community_id'],
  contracted_areas: ['community_id'],
  party_groups: ['area_id'],
  buildings: ['area_id', 'group_id'],
  estates: ['community_id'],
  party_orgs: ['unit_id'],
  service_centres: ['community_id'],
};

/**
 * Once the draft city is whole, before it is judged: an index on each parent key, and statistics
 * (autovacuum never analyses a temporary table). Without them every "a community's own areas"
 * was a scan of all the areas, once per community: the check of a million-building city took
 * 1,191 s where a sixtieth of it took 3 s.
 */
export async function readyForChecks(c: DraftContext): Promise<void> {
  for (const [table, columns] of Object.entries(PARENT_KEYS)) {
    for (const column of columns) await c.run(`CREATE INDEX ON draft_${table} (${column})`);
  }
  await c.run(`ANALYZE ${Object.keys(PARENT_KEYS).map((t) => `draft_${t}`).join(', ')}, draft_towns, draft_pairings, draft_address_aliases`);
}

/** `staged_<name>`: one row per staged row of the layer, `select` over `staged s` (values in `s.v`). */
export async function stage(c: DraftContext, layer: ImportLayer, name: string, select: string): Promise<void> {
  await c.run(`CREATE TEMP TABLE staged_${name} ON COMMIT DROP AS SELECT s.line, ${select} FROM staged s WHERE s.layer = :layer`, { layer });
  await c.run(`CREATE INDEX ON staged_${name} (line)`);
}

/** A new unit's id: a prefix and a hash of the import and the row, never one a unit had before. */
export const newId = (prefix: string, line = 's.line') => `'${prefix}' || substr(md5(:imp || '/${prefix}/' || ${line}), 1, 10)`;

export interface Reference {
  layer: ImportLayer;
  /** The staged table and its column holding the code or name as written. */
  from: string;
  ref: string;
  /** The column that receives the id. */
  out: string;
  /** The draft table named, and the field's name for the message. */
  target: string;
  field: string;
  /** SQL over `s` (the staged row) and `t` (the target) narrowing the match, e.g. to the row's town. */
  scope?: string;
  /** Leave rows unresolved without a problem (a spatial rule follows). */
  quiet?: boolean;
}

/**
 * Code first, then a name that only one unit in scope has. A name several units share, or a
 * code no unit has, is a problem on the row: nothing is guessed.
 */
export async function resolve(c: DraftContext, r: Reference): Promise<void> {
  const scope = r.scope ? `AND ${r.scope}` : '';
  await c.run(`UPDATE ${r.from} s SET ${r.out} = t.id FROM ${r.target} t WHERE s.${r.ref} IS NOT NULL AND s.${r.out} IS NULL AND t.id = s.${r.ref} ${scope}`);
  await c.run(`
    UPDATE ${r.from} s SET ${r.out} = m.id
    FROM (SELECT s.line, min(t.id) AS id, count(*) AS n FROM ${r.from} s JOIN ${r.target} t ON t.name = s.${r.ref} ${scope}
          WHERE s.${r.ref} IS NOT NULL AND s.${r.out} IS NULL GROUP BY s.line) m
    WHERE m.line = s.line AND m.n = 1`);
  if (r.quiet) return;
  const rows = await c.run(`
    SELECT s.line, s.${r.ref} AS value, (SELECT count(*) FROM ${r.target} t WHERE t.name = s.${r.ref} ${scope})::int AS n
    FROM ${r.from} s WHERE s.${r.ref} IS NOT NULL AND s.${r.out} IS NULL ORDER BY s.line`);
  for (const row of rows) {
    const many = Number(row.n) > 1;
    c.problems.add({
      layer: r.layer,
      row: Number(row.line),
      code: many ? 'ambiguous_reference' : 'unresolved_reference',
      params: { field: r.field, value: String(row.value), count: Number(row.n) },
    });
  }
}

/** Two rows with one key: the first is kept, the second reported; then the rows replace their units in the draft. */
export async function mergeInto(c: DraftContext, layer: ImportLayer, from: string, table: string, columns: readonly string[]): Promise<void> {
  const dupes = await c.run(`
    SELECT s.id, s.line, f.first FROM ${from} s JOIN (SELECT id, min(line) AS first FROM ${from} GROUP BY id) f ON f.id = s.id AND f.first < s.line
    ORDER BY s.line`);
  for (const d of dupes) c.problems.add({ layer, row: Number(d.line), id: String(d.id), code: 'duplicate_code', params: { key: String(d.id), first: Number(d.first) } });
  if (dupes.length) await c.run(`DELETE FROM ${from} s USING ${from} f WHERE f.id = s.id AND f.line < s.line`);
  await c.run(`DELETE FROM draft_${table} d USING ${from} s WHERE d.id = s.id`);
  const list = ['id', ...columns, 'line'].join(', ');
  await c.run(`INSERT INTO draft_${table} (${list}) SELECT ${list} FROM ${from}`);
}
