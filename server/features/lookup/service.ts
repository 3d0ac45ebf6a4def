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

/**
 * Pinyin is compared whole word against whole word and must all but agree: a sound-alike typo
 * (港州 for 港洲) has the same pinyin, while its small alphabet makes any looser match noise
 * (every name with -cun or -xincheng would come along).
 */
const PINYIN_FLOOR = 0.9;
/** A sound-alike (same pinyin) counts a little less than the same characters, initials less again. */
const PINYIN_WEIGHT = 0.95;
const INITIALS_WEIGHT = 0.9;

/**
 * Candidates by today's names (characters or their pinyin, or pinyin initials when the query is
 * Latin) and by old village names; each gets a place score in 0..1. The score is the place score
 * when the query names no building number, else 0.7 × place + 0.3 × (same number).
 */
function rankSql(latin: boolean): string {
  const initials = latin ? `CASE WHEN p.initials LIKE :initialsLike THEN ${INITIALS_WEIGHT} ELSE 0 END` : '0';
  return `
  WITH named AS (
    SELECT p.estate_id, 'name' AS via,
           CASE WHEN :place = ANY(string_to_array(p.names, ' ')) THEN 1
                ELSE greatest(word_similarity(:place, p.names), ${PINYIN_WEIGHT} * strict_word_similarity(:pinyin, p.names_pinyin), ${initials})
           END AS place_score
    -- Column first: only this form of the operator uses the trigram index. The region is tested
    -- outside (OFFSET 0 keeps it there), or the planner prefers the region's b-tree to the trigram index.
    FROM (SELECT * FROM place_keys p
          WHERE p.names %> :place OR p.names_pinyin %>> :pinyin ${latin ? 'OR p.initials LIKE :initialsLike' : ''}
          OFFSET 0) p
    WHERE p.region = :region
  ), old AS (
    -- An old village name stands for the whole community it went into; it weighs by how much of the query it covers.
    -- Within it, the estates still named after the village (蒋庄村一组) come first.
    SELECT p.estate_id, 'alias' AS via,
           ${ALIAS_WEIGHT} * max(h.sim * CASE WHEN strpos(p.names, h.alias) > 0 THEN 1 ELSE 0.9 END) AS place_score
    FROM (SELECT a.community_id, a.alias,
                 least(1, char_length(a.alias)::float / char_length(:place))
                   * CASE WHEN strpos(:place, a.alias) > 0 THEN 1 ELSE similarity(a.alias, :place) END AS sim
          FROM address_aliases a
          WHERE a.region = :region AND (strpos(:place, a.alias) > 0 OR a.alias % :place)) h
    JOIN place_keys p ON p.region = :region AND p.community_id = h.community_id
    GROUP BY p.estate_id
  ), places AS (
    -- One way per estate: the better one, today's name on a tie.
    SELECT DISTINCT ON (estate_id) * FROM (SELECT * FROM named UNION ALL SELECT * FROM old) c
    ORDER BY estate_id, place_score DESC, via DESC
  )
  SELECT k.building_id, p.via, p.place_score,
         CASE WHEN CAST(:building AS integer) IS NULL THEN p.place_score
              ELSE 0.7 * p.place_score + CASE WHEN k.number = CAST(:building AS integer) THEN 0.3 ELSE 0 END END AS score
  FROM places p
  -- OFFSET 0: one index look-up per found estate, rather than hashing every building of the region.
  CROSS JOIN LATERAL (SELECT k.building_id, k.number FROM address_keys k
                      WHERE k.region = :region AND k.estate_id = p.estate_id OFFSET 0) k
  ORDER BY score DESC, k.number, k.building_id
  LIMIT :limit`;
}

function kindOf(via: string, placeScore: number, score: number): MatchKind {
  if (via === 'alias') return 'alias';
  return placeScore >= 1 && score >= 1 ? 'exact' : 'fuzzy';
}

/** The ranked buildings for a parsed query: the look-up's SQL, without the answer's details. */
export async function rankBuildings(k: Knex, region: string, parts: AddressParts, limit: number): Promise<Found[]> {
  if ([...parts.place].length < 2) return [];
  // The similarity floor holds for this transaction only, whatever pooled connection it runs on.
  const rows = await k.transaction(async (trx) => {
    await trx.raw(`SET LOCAL pg_trgm.word_similarity_threshold = ${SIMILARITY_FLOOR}`);
    await trx.raw(`SET LOCAL pg_trgm.similarity_threshold = ${SIMILARITY_FLOOR}`);
    await trx.raw(`SET LOCAL pg_trgm.strict_word_similarity_threshold = ${PINYIN_FLOOR}`);
    // The planner underrates the trigram index on small tables; scanning every key measured 2-3× slower.
    await trx.raw('SET LOCAL enable_seqscan = off');
    const { full } = spoken(parts.place);
    const latin = isLatin(parts.place);
    const { rows } = await trx.raw(rankSql(latin), {
      region,
      place: parts.place,
      pinyin: full,
      ...(latin ? { initialsLike: `%${parts.place}%` } : {}),
      building: parts.building,
      limit,
    });
    return rows as Array<{ building_id: string; score: number | string; via: string; place_score: number | string }>;
  });
  return rows.map((r) => {
    const score = Math.round(Number(r.score) * 1000) / 1000;
    return { buildingId: r.building_id, score, match: kindOf(r.via, Number(r.place_score), score) };
  });
}

export async function searchAddresses(ctx: AppContext, q: string, limit = 10): Promise<LookupResult[]> {
  const { prefixes } = await searchKeys(ctx);
  const found = await rankBuildings(ctx.db.knex, ctx.region, parseAddress(q, prefixes), limit);
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

/** Rows searched at once by the bulk matcher's last pass (PostgreSQL runs them on pooled connections). */
const BULK_CONCURRENCY = 4;
/** A row found by its estate's name inside its place words, and its building number. */
const ESTATE_IN_PLACE_SCORE = 0.95;

/**
 * The best answer per query, null where nothing scores MATCH_THRESHOLD. Three passes, cheapest
 * first: (1) place and number exactly as the register writes them, for all rows in one set-based
 * statement; (2) a known estate name ending the place words (长泾港洲新城3幢: 社区 left out) and
 * the number, again set-based; (3) the full search for what is left.
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
  let done = 0;
  const settle = (rows: Array<{ i: number; building_id: string }>, score: number, match: MatchKind) => {
    for (const r of rows) found[r.i] = { buildingId: r.building_id, score, match };
    done += rows.length;
    onProgress?.(done, queries.length);
  };

  const numbered = parts.flatMap((p, i) => (p.building === null ? [] : [{ i, place: p.place, number: p.building }]));
  const { rows: exact } = await k.raw(
    `SELECT DISTINCT ON (q.i) q.i, k.building_id
     FROM jsonb_to_recordset(:rows::jsonb) AS q(i integer, place text, number integer)
     JOIN address_keys k ON k.region = :region AND k.number = q.number AND (k.place = q.place OR k.estate = q.place)
     ORDER BY q.i, (k.place = q.place) DESC, k.building_id`,
    { region: ctx.region, rows: JSON.stringify(numbered) },
  );
  settle(exact, 1, 'exact');

  const estates = await estatesByName(k, ctx.region);
  const byEstate = numbered.flatMap(({ i, place, number }) => {
    if (found[i]) return [];
    const estateId = estateEnding(place, estates);
    return estateId === null ? [] : [{ i, estate_id: estateId, number }];
  });
  const { rows: inPlace } = await k.raw(
    `SELECT DISTINCT ON (q.i) q.i, k.building_id
     FROM jsonb_to_recordset(:rows::jsonb) AS q(i integer, estate_id text, number integer)
     JOIN address_keys k ON k.region = :region AND k.estate_id = q.estate_id AND k.number = q.number
     ORDER BY q.i, k.building_id`,
    { region: ctx.region, rows: JSON.stringify(byEstate) },
  );
  settle(inPlace, ESTATE_IN_PLACE_SCORE, 'fuzzy');

  const rest = parts.flatMap((_, i) => (found[i] ? [] : [i]));
  let next = 0;
  await Promise.all(
    Array.from({ length: BULK_CONCURRENCY }, async () => {
      while (next < rest.length) {
        const i = rest[next++]!;
        const best = (await rankBuildings(k, ctx.region, parts[i]!, 1))[0];
        found[i] = best && best.score >= MATCH_THRESHOLD ? best : null;
        done++;
        if (done % 100 === 0 || done === queries.length) onProgress?.(done, queries.length);
      }
    }),
  );
  if (rest.length === 0 && done < queries.length) onProgress?.(queries.length, queries.length);

  const answers = new Map<string, LookupResult>();
  const ids = [...new Set(found.flatMap((f) => (f ? [f.buildingId] : [])))];
  for (let i = 0; i < ids.length; i += 1000) {
    const batch = ids.slice(i, i + 1000).map((buildingId) => ({ buildingId, score: 1, match: 'exact' as const }));
    for (const a of await answersFor(k, ctx.region, batch)) answers.set(a.building!.id, a);
  }
  return found.map((f) => {
    const a = f && answers.get(f.buildingId);
    return a ? { ...a, score: f.score, match: f.match } : null;
  });
}

/** Canonical estate name → its estate, for names that belong to one estate only. */
async function estatesByName(k: Knex, region: string): Promise<Map<string, string | null>> {
  const rows: Array<{ estate: string; estate_id: string }> = await k('address_keys').where({ region }).distinct('estate', 'estate_id');
  const map = new Map<string, string | null>();
  // A name two estates share says nothing about which: null, and the row goes on to the search.
  for (const r of rows) map.set(r.estate, map.has(r.estate) && map.get(r.estate) !== r.estate_id ? null : r.estate_id);
  return map;
}

/** The estate whose name ends the place words, the longest such name first. */
function estateEnding(place: string, estates: Map<string, string | null>): string | null {
  const chars = [...place];
  for (let from = 0; from < chars.length - 1; from++) {
    const id = estates.get(chars.slice(from).join(''));
    if (id !== undefined) return id;
  }
  return null;
}
