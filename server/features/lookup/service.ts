// "Who is responsible for this address": search by free text, by map point, and in bulk.
// Queries are normalised and split (server/analysis/address) and compared with the canonical
// keys of every building (address_keys): exact place + number first, then trigram word
// similarity for typos and left-out words, and old village names for their community.
import type { Knex } from 'knex';
import { parseAddress, type AddressParts } from '../../analysis/address/parse';
import { isLatin, spoken } from '../../analysis/address/pinyin';
import type { AppContext } from '../../context';
import { AREA_CHAIN, ANSWER_COLUMNS, answerOf, answersFor, nearestCentreSql, type Found } from './answer';
import { searchKeys } from './keys';
import type { LookupResult, MatchKind } from './types';

/** Below this word similarity a place is not considered at all (pg_trgm's default is 0.6: too strict for a typo in a 4-character name). */
const SIMILARITY_FLOOR = 0.3;
/** An old village name counts a little less than today's names. */
const ALIAS_WEIGHT = 0.9;
/** A bulk row is answered only when its best result scores at least this. */
export const MATCH_THRESHOLD = 0.6;
/** How far a map click may be from a building to name it (metres). */
export const POINT_RADIUS_M = 40;

/** A sound-alike (same pinyin) counts a little less than the same characters, initials less again. */
const PINYIN_WEIGHT = 0.95;
const INITIALS_WEIGHT = 0.9;

/**
 * Candidates by today's names (characters or their pinyin, or pinyin initials when the query is
 * Latin) and by old village names; each gets a place score in 0..1. The score is the place score
 * when the query names no building number, else 0.7 × place + 0.3 × (same number).
 */
function rankSql(latin: boolean): string {
  const initials = latin ? `CASE WHEN k.initials LIKE :initialsLike THEN ${INITIALS_WEIGHT} ELSE 0 END` : '0';
  return `
  WITH named AS (
    SELECT k.building_id, k.number, 'name' AS via,
           CASE WHEN k.place = :place OR k.estate = :place THEN 1
                ELSE greatest(word_similarity(:place, k.names), ${PINYIN_WEIGHT} * word_similarity(:pinyin, k.names_pinyin), ${initials})
           END AS place_score
    FROM address_keys k
    WHERE k.region = :region
      AND (:place <% k.names OR :pinyin <% k.names_pinyin ${latin ? 'OR k.initials LIKE :initialsLike' : ''})
  ), old AS (
    -- An old village name stands for the whole community it went into; it weighs by how much of the query it covers.
    SELECT k.building_id, k.number, 'alias' AS via, ${ALIAS_WEIGHT} * max(h.sim) AS place_score
    FROM (SELECT a.community_id,
                 least(1, char_length(a.alias)::float / char_length(:place))
                   * CASE WHEN strpos(:place, a.alias) > 0 THEN 1 ELSE similarity(a.alias, :place) END AS sim
          FROM address_aliases a
          WHERE a.region = :region AND (strpos(:place, a.alias) > 0 OR a.alias % :place)) h
    JOIN address_keys k ON k.region = :region AND k.community_id = h.community_id
    GROUP BY k.building_id, k.number
  )
  SELECT building_id, via, place_score,
         CASE WHEN CAST(:building AS integer) IS NULL THEN place_score
              ELSE 0.7 * place_score + CASE WHEN number = CAST(:building AS integer) THEN 0.3 ELSE 0 END END AS score
  FROM (SELECT * FROM named UNION ALL SELECT * FROM old) c
  ORDER BY score DESC, number, building_id, via DESC
  LIMIT :limit`;
}

function kindOf(via: string, placeScore: number, score: number): MatchKind {
  if (via === 'alias') return 'alias';
  return placeScore >= 1 && score >= 1 ? 'exact' : 'fuzzy';
}

async function rank(k: Knex, region: string, parts: AddressParts, limit: number): Promise<Found[]> {
  if ([...parts.place].length < 2) return [];
  // The similarity floor holds for this transaction only, whatever pooled connection it runs on.
  const rows = await k.transaction(async (trx) => {
    await trx.raw(`SET LOCAL pg_trgm.word_similarity_threshold = ${SIMILARITY_FLOOR}`);
    await trx.raw(`SET LOCAL pg_trgm.similarity_threshold = ${SIMILARITY_FLOOR}`);
    // Twice the limit, since one building can come by its name and by an old village name.
    const { full } = spoken(parts.place);
    const latin = isLatin(parts.place);
    const { rows } = await trx.raw(rankSql(latin), {
      region,
      place: parts.place,
      pinyin: full,
      ...(latin ? { initialsLike: `%${parts.place}%` } : {}),
      building: parts.building,
      limit: limit * 2,
    });
    return rows as Array<{ building_id: string; score: number | string; via: string; place_score: number | string }>;
  });
  const seen = new Set<string>();
  const found: Found[] = [];
  for (const r of rows) {
    if (seen.has(r.building_id)) continue;
    seen.add(r.building_id);
    const score = Math.round(Number(r.score) * 1000) / 1000;
    found.push({ buildingId: r.building_id, score, match: kindOf(r.via, Number(r.place_score), score) });
  }
  return found.slice(0, limit);
}

export async function searchAddresses(ctx: AppContext, q: string, limit = 10): Promise<LookupResult[]> {
  const { prefixes } = await searchKeys(ctx);
  const found = await rank(ctx.db.knex, ctx.region, parseAddress(q, prefixes), limit);
  return answersFor(ctx.db.knex, ctx.region, found);
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
  if (r.building_id === null) return answerOf(r, 'point', [lng, lat]);
  const score = Math.round(Math.max(0, 1 - Number(r.building_distance) / POINT_RADIUS_M) * 1000) / 1000;
  return {
    address: String(r.address),
    score,
    ...answerOf(r, 'point', [Number(r.lng), Number(r.lat)]),
    building: { id: String(r.building_id) },
  };
}

/**
 * The best answer per query, null where nothing scores MATCH_THRESHOLD. Exact (place, number)
 * pairs are matched for all rows in one set-based statement; only the rest are searched.
 */
export async function matchAddresses(
  ctx: AppContext,
  queries: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Array<LookupResult | null>> {
  const k = ctx.db.knex;
  const { prefixes } = await searchKeys(ctx);
  const parts = queries.map((q) => parseAddress(q, prefixes));
  const found: Array<Found | null> = parts.map(() => null);
  const { rows } = await k.raw(
    `SELECT DISTINCT ON (q.i) q.i, k.building_id
     FROM jsonb_to_recordset(:rows::jsonb) AS q(i integer, place text, number integer)
     JOIN address_keys k ON k.region = :region AND k.number = q.number AND (k.place = q.place OR k.estate = q.place)
     ORDER BY q.i, (k.place = q.place) DESC, k.building_id`,
    {
      region: ctx.region,
      rows: JSON.stringify(parts.flatMap((p, i) => (p.building === null ? [] : [{ i, place: p.place, number: p.building }]))),
    },
  );
  for (const r of rows as Array<{ i: number; building_id: string }>) found[r.i] = { buildingId: r.building_id, score: 1, match: 'exact' };
  let done = rows.length;
  onProgress?.(done, queries.length);
  for (let i = 0; i < parts.length; i++) {
    if (found[i]) continue;
    const best = (await rank(k, ctx.region, parts[i]!, 1))[0];
    found[i] = best && best.score >= MATCH_THRESHOLD ? best : null;
    done++;
    if (done % 100 === 0 || done === queries.length) onProgress?.(done, queries.length);
  }
  const hits = found.filter((f): f is Found => f !== null);
  const answers = new Map<string, LookupResult>();
  for (let i = 0; i < hits.length; i += 1000) {
    const batch = hits.slice(i, i + 1000);
    const unique = [...new Map(batch.map((f) => [f.buildingId, f])).values()];
    for (const a of await answersFor(k, ctx.region, unique.map((f) => ({ ...f, score: 1, match: 'exact' as const })))) {
      answers.set(a.building!.id, a);
    }
  }
  return found.map((f) => {
    const a = f && answers.get(f.buildingId);
    return a ? { ...a, score: f.score, match: f.match } : null;
  });
}
