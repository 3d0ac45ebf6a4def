// "Who is responsible for this address": search by free text, by map point, and in bulk. All in
// memory (the search index and the grid, kept in step by the index keeper): no SQL on the way to
// an answer, ranked buildings and map points alike.
import type { Ranked } from '../../analysis/address/place-index';
import { MATCH_THRESHOLD } from '../../analysis/address/place-index';
import type { AppContext } from '../../context';
import { answerForBuilding, placeParts, type GridAnswer } from './answer';
import { caveat } from './caveats';
import { lookupMemory } from './index-keeper';
import type { LookupResult } from './types';

export { CERTAIN_SCORE, MATCH_THRESHOLD } from '../../analysis/address/place-index';
/** How far a map click may be from a building to name it (metres). */
export const POINT_RADIUS_M = 40;
/** Batch rows ranked between two yields to the event loop, so other requests are served meanwhile. */
const BATCH_SLICE = 250;

/** The answer as the caller sees it: the grid part with how it was found and how sure it is. */
function resultOf(r: Ranked, grid: GridAnswer): LookupResult {
  const caveats = r.reasons.map((x) => caveat(x.code, x.params));
  const found = { ...grid, score: r.score, match: r.match, certainty: r.certainty, caveats };
  // The estate stands for the answer: no building, no group of one.
  if (r.estateLevel) return { ...found, address: r.estateAddress, building: null, group: null, missing: r.missing };
  return found;
}

export async function searchAddresses(ctx: AppContext, q: string, limit = 10): Promise<LookupResult[]> {
  const { places, grid } = await lookupMemory(ctx);
  return places.rank(q, limit).flatMap((r) => {
    const g = answerForBuilding(grid, r.buildingId);
    return g ? [resultOf(r, g)] : [];
  });
}

/** The area containing the point, and the nearest building of that area within POINT_RADIUS_M. */
export async function lookupPoint(ctx: AppContext, lng: number, lat: number): Promise<LookupResult | null> {
  const { grid } = await lookupMemory(ctx);
  const hit = grid.at(lng, lat, POINT_RADIUS_M);
  if (!hit) return null;
  // A click inside an area names that area for certain; the building, when one is near, is the one clicked.
  const sure = { certainty: 'exact' as const, caveats: [] };
  const b = hit.building;
  if (!b) return { match: 'point', location: [lng, lat], ...placeParts(hit.place), group: null, building: null, ...sure };
  const score = Math.round(Math.max(0, 1 - hit.distanceM / POINT_RADIUS_M) * 1000) / 1000;
  return { address: b.address, score, match: 'point', location: [b.lng, b.lat], ...placeParts(hit.place), group: grid.groupName(b.groupId), building: { id: b.id }, ...sure };
}

/**
 * The best answer per query (null where nothing scores MATCH_THRESHOLD), each with its certainty,
 * caveats and missing part as the search gives them: ranked and answered in memory, a slice at a
 * time between yields to the event loop.
 */
export async function matchAddresses(
  ctx: AppContext,
  queries: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Array<LookupResult | null>> {
  const { places, grid } = await lookupMemory(ctx);
  const answers: Array<LookupResult | null> = [];
  for (let i = 0; i < queries.length; i++) {
    const top = places.rank(queries[i]!, 1)[0];
    // An answer saying what does not exist (没有找到 50 幢) is kept whatever its score: the row's reason.
    const g = top && (top.score >= MATCH_THRESHOLD || top.missing) ? answerForBuilding(grid, top.buildingId) : undefined;
    answers.push(top && g ? resultOf(top, g) : null);
    if ((i + 1) % BATCH_SLICE === 0) {
      onProgress?.(i + 1, queries.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.(queries.length, queries.length);
  return answers;
}
