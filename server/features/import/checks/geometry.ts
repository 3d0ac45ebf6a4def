// The checks only PostGIS can make, over the draft city: boundaries that are not valid (with
// PostGIS's reason and the point), neighbours that overlap, a parent's land that no child
// covers, a child reaching outside its parent, and a community that is not the union of its
// villages. Sizes are in m² on the ellipsoid; a difference up to SLIVER_M2, or narrower than
// SLIVER_WIDTH_M, is a sliver (a warning), beyond that an error. Only what the import brings is
// judged: a pair or a parent is checked when one of them comes from the files. Overlays run on
// the fixed grid (db/overlay.ts), and each query says how many units it judged, so one that
// PGlite cut short fails loudly instead of reading as "no problem".
import { GRID, everyRow } from '../../../db/overlay';
import { SLIVER_M2, SLIVER_WIDTH_M, type ImportLayer } from '../../../domain/layers';
import type { MessageCode } from '../../../domain/messages';
import type { ObjectWord } from '../../../domain/words';
import type { Row } from '../city/run';
import type { DraftContext } from '../city/steps';

const POLYGON_LAYERS = `('towns', 'villages', 'communities', 'areas')`;

/** Reports each invalid boundary of the files, then mends it in the check's own copy so the other checks can run. */
export async function checkValidity(c: DraftContext): Promise<void> {
  const rows = await c.run(`
    SELECT s.layer, s.line, s.v->>'name' AS name, d.reason, ST_AsGeoJSON(d.location, 7) AS point
    FROM staged s, LATERAL ST_IsValidDetail(s.geom) d
    WHERE s.layer IN ${POLYGON_LAYERS} AND s.geom IS NOT NULL AND NOT d.valid ORDER BY s.layer, s.line`);
  for (const r of rows) {
    c.problems.add({ layer: r.layer as ImportLayer, row: Number(r.line), code: 'invalid_geometry', params: { name: String(r.name ?? ''), reason: String(r.reason) }, geometry: r.point as string | null });
  }
  if (rows.length) {
    await c.run(`UPDATE staged SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE layer IN ${POLYGON_LAYERS} AND geom IS NOT NULL AND NOT ST_IsValid(geom)`);
  }
}

const m2 = (g: string) => `ST_Area(${g}::geography)`;
/** SQL: a piece's mean width in metres (twice its area over its perimeter). */
const width = (g: string) => `2 * ST_Area(${g}::geography) / nullif(ST_Perimeter(${g}::geography), 0)`;
const polygons = (g: string) => `ST_CollectionExtract(${g}, 3)`;

const isSliver = (area: number, meanWidth: number) => area <= SLIVER_M2 || meanWidth <= SLIVER_WIDTH_M;

function sized(r: Row, error: MessageCode, sliver: MessageCode): { code: MessageCode; severity: 'error' | 'warning' } {
  return isSliver(Number(r.m2), Number(r.width ?? 0)) ? { code: sliver, severity: 'warning' } : { code: error, severity: 'error' };
}

/**
 * Runs `judged` (one row per unit or pair, with the overlay's result as `g`) and answers the rows
 * whose `g` has an area worth reporting, after checking that every unit was judged.
 */
async function overlaid(c: DraftContext, what: string, judged: string, expected: string): Promise<Row[]> {
  const [answer] = await c.run(`
    WITH judged AS (${judged}),
    measured AS (
      SELECT to_jsonb(j) - 'g' || jsonb_build_object('m2', ${m2('j.g')}, 'width', ${width('j.g')}, 'outline', ST_AsGeoJSON(j.g, 7)) AS row
      FROM judged j WHERE NOT ST_IsEmpty(j.g))
    SELECT (${expected})::int AS expected, (SELECT count(*) FROM judged)::int AS n,
           coalesce((SELECT jsonb_agg(row ORDER BY (row->>'m2')::float8 DESC) FROM measured WHERE (row->>'m2')::float8 >= 0.01), '[]'::jsonb) AS found`);
  everyRow(answer ? Array.from({ length: Number(answer.n) }) : [], Number(answer?.expected ?? -1), what);
  const found = answer!.found;
  return (typeof found === 'string' ? JSON.parse(found) : found) as Row[];
}

interface Siblings {
  layer: ImportLayer;
  table: string;
  /** SQL over `a` and `b` that makes them neighbours to compare (the same community, say). */
  scope?: string;
}

/** Two units of one layer that share land: the overlap's size and outline. */
export async function checkOverlaps(c: DraftContext, s: Siblings): Promise<void> {
  const pairs = `FROM draft_${s.table} a JOIN draft_${s.table} b ON a.id < b.id AND a.geom && b.geom ${s.scope ? `AND ${s.scope}` : ''}
                 WHERE a.line IS NOT NULL OR b.line IS NOT NULL`;
  const rows = await overlaid(
    c, `overlaps of ${s.table}`,
    `SELECT a.id AS a, a.name AS a_name, b.name AS b_name, coalesce(a.line, b.line) AS line, ${polygons(`ST_Intersection(a.geom, b.geom, ${GRID})`)} AS g ${pairs}`,
    `SELECT count(*) ${pairs}`,
  );
  for (const r of rows) {
    c.problems.add({
      layer: s.layer, row: r.line === null ? null : Number(r.line), id: String(r.a), geometry: String(r.outline),
      ...sized(r, 'overlap', 'overlap_sliver'),
      params: { a: String(r.a_name), b: String(r.b_name), m2: Math.round(Number(r.m2) * 10) / 10 },
    });
  }
}

interface Family {
  layer: ImportLayer;
  parent: string;
  child: string;
  /** The child's column naming its parent. */
  column: string;
  /** What the parent's children are, for a gap's sentence. */
  children: ObjectWord;
}

/** The parents a family check judges: those the import brings, or whose children it brings. */
const judgedParents = (f: Family) => `
  FROM draft_${f.parent} p WHERE EXISTS (SELECT 1 FROM draft_${f.child} k WHERE k.${f.column} = p.id AND k.geom IS NOT NULL)
    AND (p.line IS NOT NULL OR EXISTS (SELECT 1 FROM draft_${f.child} k WHERE k.${f.column} = p.id AND k.line IS NOT NULL))`;

/** A parent's land that none of its children covers, in pieces; the slivers counted in one warning a parent. */
export async function checkGaps(c: DraftContext, f: Family): Promise<void> {
  const rows = await overlaid(
    c, `gaps in ${f.parent}`,
    `SELECT p.id, p.name, p.line,
            ${polygons(`ST_Difference(p.geom, (SELECT ST_Union(k.geom, ${GRID}) FROM draft_${f.child} k WHERE k.${f.column} = p.id AND k.geom IS NOT NULL), ${GRID})`)} AS g
     ${judgedParents(f)}`,
    `SELECT count(*) ${judgedParents(f)}`,
  );
  for (const r of rows) {
    const base = { layer: f.layer, row: r.line === null ? null : Number(r.line), id: String(r.id) };
    const pieces = (await c.run(`SELECT ${m2('d.geom')} AS m2, ${width('d.geom')} AS width, ST_AsGeoJSON(d.geom, 7) AS outline FROM ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)) d`, { g: r.outline }))
      .filter((p) => Number(p.m2) >= 0.01);
    const slivers = pieces.filter((p) => isSliver(Number(p.m2), Number(p.width ?? 0)));
    for (const p of pieces.filter((x) => !slivers.includes(x))) {
      c.problems.add({ ...base, geometry: String(p.outline), code: 'gap', params: { parent: String(r.name), children: f.children, m2: Math.round(Number(p.m2)) } });
    }
    if (slivers.length) {
      const total = slivers.reduce((s, p) => s + Number(p.m2), 0);
      c.problems.add({ ...base, severity: 'warning', code: 'gap_sliver', params: { parent: String(r.name), children: f.children, count: slivers.length, m2: Math.round(total * 10) / 10, tolerance: SLIVER_M2, width: SLIVER_WIDTH_M } });
    }
  }
}

/** A child reaching outside its parent: the part outside and its size. */
export async function checkInsideParent(c: DraftContext, f: Family): Promise<void> {
  const children = `FROM draft_${f.child} k JOIN draft_${f.parent} p ON p.id = k.${f.column} WHERE k.geom IS NOT NULL AND (k.line IS NOT NULL OR p.line IS NOT NULL)`;
  const rows = await overlaid(
    c, `${f.child} outside ${f.parent}`,
    `SELECT k.id, k.name, k.line, p.name AS parent, ${polygons(`ST_Difference(k.geom, p.geom, ${GRID})`)} AS g ${children}`,
    `SELECT count(*) ${children}`,
  );
  for (const r of rows) {
    c.problems.add({
      layer: f.layer, row: r.line === null ? null : Number(r.line), id: String(r.id), geometry: String(r.outline),
      ...sized(r, 'outside_parent', 'outside_parent_sliver'),
      params: { name: String(r.name), parent: String(r.parent), m2: Math.round(Number(r.m2) * 10) / 10 },
    });
  }
}

/** A community with villages should be exactly their union (the report's 撤并: villages merged into communities). */
export async function checkUnionOfVillages(c: DraftContext): Promise<void> {
  const joined = `FROM draft_communities m WHERE EXISTS (SELECT 1 FROM draft_villages v WHERE v.community_id = m.id)
                    AND (m.line IS NOT NULL OR EXISTS (SELECT 1 FROM draft_villages v WHERE v.community_id = m.id AND v.line IS NOT NULL))`;
  const rows = await overlaid(
    c, 'communities against their villages',
    `SELECT m.id, m.name, m.line, ${polygons(`ST_SymDifference(m.geom, (SELECT ST_Union(v.geom, ${GRID}) FROM draft_villages v WHERE v.community_id = m.id), ${GRID})`)} AS g ${joined}`,
    `SELECT count(*) ${joined}`,
  );
  for (const r of rows) {
    c.problems.add({
      layer: 'communities', row: r.line === null ? null : Number(r.line), id: String(r.id), geometry: String(r.outline),
      ...sized(r, 'not_union_of_villages', 'not_union_of_villages_sliver'),
      params: { name: String(r.name), m2: Math.round(Number(r.m2) * 10) / 10 },
    });
  }
}
