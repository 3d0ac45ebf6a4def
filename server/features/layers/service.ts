import knexPostgis from 'knex-postgis';
import type { AppContext } from '../../context';
import { LAYERS, propertiesSql, type LayerFilter, type LayerName } from './catalogue';

export type BBox = [number, number, number, number];

export interface LayerQuery {
  bbox?: BBox;
  limit: number;
  filters: Partial<Record<LayerFilter, string>>;
}

/**
 * A layer as a GeoJSON FeatureCollection string. PostGIS writes each feature's JSON, so the
 * server only joins strings and never parses geometry.
 */
export async function layerGeoJson({ db, region }: AppContext, layer: LayerName, query: LayerQuery): Promise<string> {
  const def = LAYERS[layer];
  const st = knexPostgis(db.knex);
  const q = db.knex({ t: def.table })
    .select(
      db.knex.raw(
        `json_build_object('type', 'Feature', 'id', t.id::text, 'geometry', ST_AsGeoJSON(t.geom, 6)::json,
                           'properties', ${propertiesSql(def)})::text AS feature`,
      ),
    )
    .where('t.region', region)
    .orderBy('t.id')
    .limit(query.limit);
  if (def.where) q.whereRaw(def.where);
  for (const [filter, value] of Object.entries(query.filters)) {
    const column = def.filters[filter as LayerFilter];
    if (column && value !== undefined) q.where(`t.${column}`, value);
  }
  if (query.bbox) q.where(st.intersects('t.geom', st.makeEnvelope(...query.bbox, 4326)));
  const rows: Array<{ feature: string }> = await q;
  return `{"type":"FeatureCollection","features":[${rows.map((r) => r.feature).join(',')}]}`;
}
