// Where people live, as the coverage computations want it: one row per building (its point and
// what it holds) with its estate, community and town as small integers, read in one query and
// kept while the tables it is read from are unchanged (server/db/kept.ts). Every coverage
// request wants it; read each time it kept the embedded database's one connection busy for
// every light request queued behind (issue 17).
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { Kept } from '../../db/kept';
import { notFound } from '../../http/errors';

export interface Named {
  id: string;
  name: string;
  nameEn: string;
}

export interface CityDemand {
  n: number;
  lng: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  households: Float64Array;
  buildings: Float64Array;
  partyMembers: Float64Array;
  /** Indices into `towns`, `communities`, `estates`. */
  town: Int32Array;
  community: Int32Array;
  estate: Int32Array;
  towns: Named[];
  communities: (Named & { townId: string })[];
  estates: (Named & { communityId: string })[];
}

interface Row {
  lng: number;
  lat: number;
  population: number;
  households: number;
  party_members: number;
  estate_id: string;
  estate_name: string;
  community_id: string;
  community_name: string;
  community_name_en: string;
  town_id: string;
  town_name: string;
  town_name_en: string;
}

/** The whole city and the towns last asked for; a town's share is small beside the city. */
const kept = new Kept<CityDemand>(['buildings', 'estates', 'contracted_areas', 'communities', 'towns'], 4);

/**
 * The buildings of the city, or of one town. An unknown town is a 404, not an empty answer. The
 * answer is shared by every request until a write changes what it was read from: its arrays are
 * read, never written, and cross to a worker by copy (runtime/pool.ts posts without transfer).
 */
export function loadDemand(ctx: AppContext, townId?: string): Promise<CityDemand> {
  return kept.get(ctx.db, `${ctx.region}\u0000${townId ?? ''}`, (knex) => readDemand(knex, ctx.region, townId));
}

async function readDemand(knex: Knex, region: string, townId?: string): Promise<CityDemand> {
  if (townId && !(await knex('towns').where({ region, id: townId }).first('id'))) throw notFound('town', townId);
  const { rows } = (await knex.raw(
    `SELECT ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat, b.population, b.households, b.party_members,
            e.id AS estate_id, e.name AS estate_name,
            c.id AS community_id, c.name AS community_name, c.name_en AS community_name_en,
            t.id AS town_id, t.name AS town_name, t.name_en AS town_name_en
       FROM buildings b
       JOIN estates e ON e.region = b.region AND e.id = b.estate_id
       JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
       JOIN communities c ON c.region = a.region AND c.id = a.community_id
       JOIN towns t ON t.region = c.region AND t.id = c.town_id
      WHERE b.region = :region ${townId ? 'AND t.id = :townId' : ''}
      ORDER BY b.id`,
    { region, ...(townId ? { townId } : {}) },
  )) as { rows: Row[] };

  const n = rows.length;
  const numbering = <T>(make: (r: Row) => T & { id: string }) => {
    const index = new Map<string, number>();
    const list: T[] = [];
    return {
      list,
      of(r: Row): number {
        const item = make(r);
        let i = index.get(item.id);
        if (i === undefined) index.set(item.id, (i = list.push(item) - 1));
        return i;
      },
    };
  };
  const towns = numbering((r) => ({ id: r.town_id, name: r.town_name, nameEn: r.town_name_en }));
  const communities = numbering((r) => ({ id: r.community_id, name: r.community_name, nameEn: r.community_name_en, townId: r.town_id }));
  const estates = numbering((r) => ({ id: r.estate_id, name: r.estate_name, nameEn: r.estate_name, communityId: r.community_id }));
  const d: CityDemand = {
    n,
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    population: new Float64Array(n),
    households: new Float64Array(n),
    buildings: new Float64Array(n).fill(1),
    partyMembers: new Float64Array(n),
    town: new Int32Array(n),
    community: new Int32Array(n),
    estate: new Int32Array(n),
    towns: towns.list,
    communities: communities.list,
    estates: estates.list,
  };
  rows.forEach((r, i) => {
    d.lng[i] = Number(r.lng);
    d.lat[i] = Number(r.lat);
    d.population[i] = Number(r.population);
    d.households[i] = Number(r.households);
    d.partyMembers[i] = Number(r.party_members);
    d.town[i] = towns.of(r);
    d.community[i] = communities.of(r);
    d.estate[i] = estates.of(r);
  });
  return d;
}
