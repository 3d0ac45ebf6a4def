// A geometry from a client on its way in: checked without the database first (shape, rings,
// ranges, vertex cap), converted to WGS84 from the system the client declared, then asked of
// PostGIS whether it is valid, so a self-intersecting boundary is refused with where it crosses.
import type { Knex } from 'knex';
import { geometryToWgs84, type InputCrs } from '../../analysis/crs';
import { checkGeometry, type GeometryShape } from '../../analysis/geometry-check';
import { HttpError } from '../../http/errors';

/** SQL that yields a geometry in SRID 4326, with its bindings: what a write stores. */
export interface GeometrySql {
  sql: string;
  bindings: readonly Knex.Value[];
}

const FROM_GEOJSON = 'ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)';

/** Accepted WGS84 GeoJSON text as the SQL a write stores. */
export const geometrySql = (geojson: string): GeometrySql => ({ sql: FROM_GEOJSON, bindings: [geojson] });

export async function acceptGeometry(k: Knex, input: unknown, crs: InputCrs, shape: GeometryShape): Promise<GeometrySql> {
  return geometrySql(await acceptGeoJson(k, input, crs, shape));
}

/** The gate's answer as WGS84 GeoJSON text, for callers that check it further in SQL (a plan's save). */
export async function acceptGeoJson(k: Knex, input: unknown, crs: InputCrs, shape: GeometryShape): Promise<string> {
  const checked = checkGeometry(input, shape);
  if (!checked.ok) {
    const { status, code, params, where } = checked.problem;
    throw new HttpError(status, code, params, where ? { details: where } : {});
  }
  const geojson = JSON.stringify(geometryToWgs84(checked.geometry, crs));
  if (shape === 'polygonal') {
    const { rows } = await k.raw(
      `SELECT (d).valid AS valid, (d).reason AS reason, ST_X((d).location) AS x, ST_Y((d).location) AS y
       FROM (SELECT ST_IsValidDetail(${FROM_GEOJSON}) AS d) v`,
      [geojson],
    );
    const { valid, reason, x, y } = rows[0] as { valid: boolean; reason: string | null; x: number | null; y: number | null };
    if (!valid) {
      const location = x === null || y === null ? null : [Number(x), Number(y)];
      throw new HttpError(422, 'geometry_invalid', { reason, location }, { details: { reason, location } });
    }
  }
  return geojson;
}
