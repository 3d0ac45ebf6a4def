// A layer's rows, read with the user's mapping, into the draft (import_rows: scratch, see the
// migration): each row's values by field name, its place in WGS84, and what the draft city's SQL
// needs that the file does not spell out — an English name (pinyin), an address's place words
// (for its estate) and canonical form (for a centre given by address), a count of service items.
import { canonicalAddress } from '../../analysis/address/normalise';
import { parseAddress } from '../../analysis/address/parse';
import { communityNameEn, romanised } from '../../analysis/name-en';
import type { LayerRecord } from '../../analysis/onboarding/types';
import type { ImportLayer } from '../../domain/layers';
import type { AppContext } from '../../context';
import { matchAddresses } from '../lookup/service';


const CHUNK = 2000;

const NAMED: readonly ImportLayer[] = ['towns', 'villages', 'communities', 'areas', 'groups'];

function completed(layer: ImportLayer, values: LayerRecord['values']): Record<string, unknown> {
  const v: Record<string, unknown> = { ...values };
  if (NAMED.includes(layer) && !v.nameEn && typeof v.name === 'string') v.nameEn = layer === 'communities' ? communityNameEn(v.name) : romanised(v.name);
  if (typeof v.address === 'string' && v.address) {
    v._key = canonicalAddress(v.address);
    if (layer === 'buildings') v._place = parseAddress(v.address).place;
  }
  if (Array.isArray(v.serviceItems)) v.serviceItems = v.serviceItems.length === 1 && /^\d+$/.test(String(v.serviceItems[0])) ? Number(v.serviceItems[0]) : v.serviceItems.length;
  return v;
}

/** Replaces the layer's rows in the draft. */
export async function stageRecords(ctx: AppContext, importId: string, layer: ImportLayer, records: readonly LayerRecord[]): Promise<void> {
  await ctx.db.scratch(async (trx) => {
    await trx('import_rows').where({ region: ctx.region, import_id: importId, layer }).delete();
    for (let i = 0; i < records.length; i += CHUNK) {
      const rows = records.slice(i, i + CHUNK).map((r) => ({
        line: r.line,
        values: completed(layer, r.values),
        geom: r.geometry ? JSON.stringify(r.geometry) : null,
        footprint: r.footprint ? JSON.stringify(r.footprint) : null,
      }));
      await trx.raw(
        `INSERT INTO import_rows (region, import_id, layer, line, "values", geom, footprint)
         SELECT ?, ?, ?, x.line, x.values, CASE WHEN x.geom IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326) END,
                -- a footprint in several parts is kept as its largest (a building has one outline)
                CASE WHEN x.footprint IS NULL THEN NULL ELSE (
                  SELECT d.geom FROM ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON(x.footprint), 4326)) d ORDER BY ST_Area(d.geom) DESC LIMIT 1) END
         FROM jsonb_to_recordset(?::jsonb) AS x(line integer, values jsonb, geom text, footprint text)`,
        [ctx.region, importId, layer, JSON.stringify(rows)],
      );
    }
  });
}

/**
 * Centres the roster gives by address only: placed at the building that address names — one of
 * this import's buildings, else one of the city's found exactly by the look-up. An address that
 * names no building stays unplaced, and the check says so.
 */
export async function placeCentresByAddress(ctx: AppContext, importId: string): Promise<void> {
  await ctx.db.scratch(async (trx) => {
    await trx.raw(
      `UPDATE import_rows c SET geom = b.geom
       FROM import_rows b
       WHERE c.region = ? AND c.import_id = ? AND c.layer = 'centres' AND c.geom IS NULL
         AND b.region = c.region AND b.import_id = c.import_id AND b.layer = 'buildings' AND b."values"->>'_key' = c."values"->>'_key'`,
      [ctx.region, importId],
    );
  });
  const { rows } = await ctx.db.knex.raw(
    `SELECT line, "values"->>'address' AS address FROM import_rows
     WHERE region = ? AND import_id = ? AND layer = 'centres' AND geom IS NULL AND coalesce("values"->>'address', '') <> ''`,
    [ctx.region, importId],
  );
  const unplaced = rows as Array<{ line: number; address: string }>;
  if (!unplaced.length) return;
  const found = await matchAddresses(ctx, unplaced.map((r) => r.address));
  const placed = unplaced.flatMap((r, i) => {
    const hit = found[i];
    return hit && (hit.score ?? 0) >= 1 && hit.location ? [{ line: r.line, lng: hit.location[0], lat: hit.location[1] }] : [];
  });
  if (!placed.length) return;
  await ctx.db.scratch(async (trx) => {
    await trx.raw(
      `UPDATE import_rows c SET geom = ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326)
       FROM jsonb_to_recordset(?::jsonb) AS x(line integer, lng float8, lat float8)
       WHERE c.region = ? AND c.import_id = ? AND c.layer = 'centres' AND c.line = x.line`,
      [JSON.stringify(placed), ctx.region, importId],
    );
  });
}
