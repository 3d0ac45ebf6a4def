// The preview map's view of one layer of a draft: each staged row's place with its name and
// line, and the severity of the worst problem the last check found on that line, so the wizard
// draws the new layer over the city with the rows to fix in red.
import type { ImportLayer } from '../../domain/layers';
import type { AppContext } from '../../context';
import { getImport } from './drafts';
import type { PreviewCollection } from './types';

/** A preview draws at most this many rows of a layer; a million buildings are drawn by the map's tiles after commit. */
export const PREVIEW_LIMIT = 20_000;

export async function previewLayer(ctx: AppContext, id: string, layer: ImportLayer): Promise<PreviewCollection> {
  const state = await getImport(ctx, id);
  const worst = new Map<number, 'error' | 'warning'>();
  for (const p of state.report?.problems ?? []) {
    if (p.layer !== layer || p.row === undefined) continue;
    if (p.severity === 'error' || !worst.has(p.row)) worst.set(p.row, p.severity);
  }
  const { rows } = await ctx.db.knex.raw(
    `SELECT line, coalesce("values"->>'name', "values"->>'address', "values"->>'orgName', "values"->>'alias', '') AS name,
            "values"->>'code' AS code, ST_AsGeoJSON(coalesce(footprint, geom), 7) AS geojson
     FROM import_rows WHERE region = ? AND import_id = ? AND layer = ? AND geom IS NOT NULL ORDER BY line LIMIT ?`,
    [ctx.region, id, layer, PREVIEW_LIMIT + 1],
  );
  const list = rows as Array<{ line: number; name: string; code: string | null; geojson: string }>;
  return {
    type: 'FeatureCollection',
    truncated: list.length > PREVIEW_LIMIT,
    features: list.slice(0, PREVIEW_LIMIT).map((r) => ({
      type: 'Feature',
      id: r.line,
      geometry: JSON.parse(r.geojson),
      properties: { line: r.line, name: r.name, code: r.code, severity: worst.get(r.line) ?? null },
    })),
  };
}
