// "Who is responsible for this address": search by free text, by map point, and in bulk.
// Ranking runs in memory (server/analysis/address/place-index.ts, kept in step by the index
// keeper): no SQL on the way to the ranked buildings. One statement then reads the found
// buildings' place in the grid, lead and nearest centre (answer.ts), measured on the ellipsoid.
import type { Ranked } from '../../analysis/address/place-index';
import { MATCH_THRESHOLD } from '../../analysis/address/place-index';
import type { AppContext } from '../../context';
import { ANSWER_COLUMNS, AREA_CHAIN, answerOf, answersFor, nearestCentreSql, type GridAnswer } from './answer';
import { caveat } from './caveats';
import { lookupIndex } from './index-keeper';
import type { LookupResult } from './types';

export { CERTAIN_SCORE, MATCH_THRESHOLD } from '../../analysis/address/place-index';
/** How far a map click may be from a building to name it (metres). */
export const POINT_RADIUS_M = 40;
/** Batch rows ranked between two yields to the event loop, so other requests are served meanwhile. */
const BATCH_SLICE = 250;
/** Found buildings read per statement by the batch. */
const DETAIL_CHUNK = 1000;

/** The answer as the caller sees it: the grid part with how it was found and how sure it is. */
function resultOf(r: Ranked, grid: GridAnswer): LookupResult {
  const caveats = r.reasons.map((x) => caveat(x.code, x.params));
  const found = { ...grid, score: r.score, match: r.match, certainty: r.certainty, caveats };
  // The estate stands for the answer: no building, no group of one.
  if (r.estateLevel) return { ...found, address: r.estateAddress, building: null, group: null, missing: r.missing };
  return found;
}

export async function searchAddresses(ctx: AppContext, q: string, limit = 10): Promise<LookupResult[]> {
  const ranked = (await lookupIndex(ctx)).rank(q, limit);
  const grid = await answersFor(ctx.db.knex, ctx.region, ranked.map((r) => r.buildingId));
  return ranked.flatMap((r) => {
    const g = grid.get(r.buildingId);
    return g ? [resultOf(r, g)] : [];
  });
}

/** The area containing the point, and the nearest building of that area within POINT_RADIUS_M. */
export async function lookupPoint(ctx: AppContext, lng: number, lat: number): Promise<LookupResult | null> {
  const point = 'ST_SetSRID(ST_MakePoint(:lng, :lat), 4326)';
  const { rows } = await ctx.db.knex.raw(
    `SELECT ${ANSWER_COLUMNS}, nb.id AS building_id, nb.address, nb.lng, nb.lat,
            nb.group_id, nb.group_name, nb.distance AS building_distance
     FROM contracted_areas a
     ${AREA_CHAIN}
     LEFT JOIN LATERAL (
       SELECT b.id, b.address, ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat, g.id AS group_id, g.name AS group_name,
              ST_Distance(b.geom::geography, (${point})::geography) AS distance
       FROM buildings b
       LEFT JOIN party_groups g ON g.region = b.region AND g.id = b.group_id
       WHERE b.region = a.region AND b.area_id = a.id
         AND b.geom && ST_Expand(${point}, ${POINT_RADIUS_M / 80_000})
       ORDER BY b.geom <-> ${point} LIMIT 1
     ) nb ON nb.distance <= ${POINT_RADIUS_M}
     ${nearestCentreSql(`coalesce(ST_SetSRID(ST_MakePoint(nb.lng, nb.lat), 4326), ${point})`)}
     WHERE a.region = :region AND ST_Intersects(a.geom, ${point})
     ORDER BY a.id LIMIT 1`,
    { region: ctx.region, lng, lat },
  );
  const r = rows[0];
  if (!r) return null;
  // A click inside an area names that area for certain; the building, when one is near, is the one clicked.
  const sure = { certainty: 'exact' as const, caveats: [] };
  if (r.building_id === null) return { ...answerOf(r, 'point', [lng, lat]), ...sure };
  const score = Math.round(Math.max(0, 1 - Number(r.building_distance) / POINT_RADIUS_M) * 1000) / 1000;
  return {
    address: String(r.address),
    score,
    ...answerOf(r, 'point', [Number(r.lng), Number(r.lat)]),
    building: { id: String(r.building_id) },
    ...sure,
  };
}

/**
 * The best answer per query (null where nothing scores MATCH_THRESHOLD), each with its certainty,
 * caveats and missing part as the search gives them: ranked in memory, a slice at a time, then
 * the found buildings' details read a thousand per statement.
 */
export async function matchAddresses(
  ctx: AppContext,
  queries: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Array<LookupResult | null>> {
  const index = await lookupIndex(ctx);
  const best: Array<Ranked | null> = [];
  for (let i = 0; i < queries.length; i++) {
    const top = index.rank(queries[i]!, 1)[0];
    // An answer saying what does not exist (没有找到 50 幢) is kept whatever its score: the row's reason.
    best.push(top && (top.score >= MATCH_THRESHOLD || top.missing) ? top : null);
    if ((i + 1) % BATCH_SLICE === 0) {
      onProgress?.(i + 1, queries.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.(queries.length, queries.length);
  const ids = [...new Set(best.flatMap((r) => (r ? [r.buildingId] : [])))];
  const grid = new Map<string, GridAnswer>();
  for (let i = 0; i < ids.length; i += DETAIL_CHUNK) {
    for (const [id, g] of await answersFor(ctx.db.knex, ctx.region, ids.slice(i, i + DETAIL_CHUNK))) grid.set(id, g);
  }
  return best.map((r) => {
    const g = r && grid.get(r.buildingId);
    return r && g ? resultOf(r, g) : null;
  });
}
