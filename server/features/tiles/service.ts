// Vector tiles for both databases. PostgreSQL + PostGIS encodes them itself (ST_AsMVT); the
// embedded PostGIS is built without protobuf, so there the database clips and simplifies the
// features to the tile and mvt.ts encodes them in process.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { LAYERS, propertiesSql, type LayerName } from '../layers/catalogue';
import { encodeTile, type TileFeature } from './mvt';
import { tileBounds, tileUnitDegrees, type TileCoord } from './tile-math';

const EXTENT = 4096;
const BUFFER = 64;

export async function renderTile(ctx: AppContext, layer: LayerName, tile: TileCoord): Promise<Uint8Array | null> {
  const { rows } = await tileQuery(ctx, layer, tile);
  if (ctx.db.kind === 'postgres') {
    const mvt: Buffer | null = rows[0]?.mvt ?? null;
    return mvt && mvt.length > 0 ? new Uint8Array(mvt) : null;
  }
  return encodeInProcess(layer, tile, rows);
}

/** The SQL behind a tile: the whole MVT on PostgreSQL, the clipped features on PGlite. */
export function tileQuery({ db, region }: AppContext, layer: LayerName, tile: TileCoord): Knex.Raw {
  return db.kind === 'postgres' ? mvtQuery(db.knex, region, layer, tile) : featuresQuery(db.knex, region, layer, tile);
}

function mvtQuery(knex: Knex, region: string, layer: LayerName, { z, x, y }: TileCoord): Knex.Raw {
  const def = LAYERS[layer];
  const columns = Object.entries(def.properties)
    .map(([key, sql]) => `${sql} AS "${key}"`)
    .join(', ');
  return knex.raw(
    `WITH bounds AS (SELECT ST_TileEnvelope(:z, :x, :y) AS env),
     features AS (
       SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), bounds.env, ${EXTENT}, ${BUFFER}, true) AS geom, ${columns}
       FROM ${def.table} t, bounds
       WHERE t.region = :region AND t.geom && ST_Transform(bounds.env, 4326) ${def.where ? `AND ${def.where}` : ''}
     )
     SELECT ST_AsMVT(features.*, :layer, ${EXTENT}, 'geom') AS mvt FROM features WHERE geom IS NOT NULL`,
    { z, x, y, region, layer },
  );
}

function featuresQuery(knex: Knex, region: string, layer: LayerName, tile: TileCoord): Knex.Raw {
  const def = LAYERS[layer];
  const [w, s, e, n] = tileBounds(tile);
  const pad = ((e - w) * BUFFER) / EXTENT;
  return knex.raw(
    `SELECT json_build_object('geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(
                            ST_ClipByBox2D(t.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)), :unit), 7)::json,
              'properties', ${propertiesSql(def)})::text AS feature
     FROM ${def.table} t
     WHERE t.region = :region AND t.geom && ST_MakeEnvelope(:w, :s, :e, :n, 4326) ${def.where ? `AND ${def.where}` : ''}`,
    { region, w: w - pad, s: s - pad, e: e + pad, n: n + pad, unit: tileUnitDegrees(tile.z) },
  );
}

function encodeInProcess(layer: LayerName, tile: TileCoord, rows: Array<{ feature: string }>): Uint8Array | null {
  if (rows.length === 0) return null;
  const features = JSON.parse(`[${rows.map((r) => r.feature).join(',')}]`) as TileFeature[];
  return encodeTile(layer, tile, features, { extent: EXTENT, buffer: BUFFER });
}
