// A community's plan as editors see it: the community, its contracted areas (full lead phones),
// its buildings with the figures the editor balances, and its estates. Read inside a save's
// transaction too, so a 409 answers with exactly what the save was checked against.
import type { Knex } from 'knex';
import type { MultiPolygon } from 'geojson';

export interface PlanCommunity {
  id: string;
  name: string;
  nameEn: string;
  townId: string;
  geometry: MultiPolygon;
  landM2: number;
}

export interface PlanArea {
  id: string;
  version: number;
  name: string;
  nameEn: string;
  leadName: string;
  leadPhone: string;
  geometry: MultiPolygon;
  landM2: number;
}

export interface PlanBuilding {
  id: string;
  areaId: string;
  groupId: string;
  estateId: string;
  lng: number;
  lat: number;
  households: number;
  population: number;
  partyMembers: number;
}

export interface PlanEstate {
  id: string;
  name: string;
  concentrated: boolean;
}

export interface Plan {
  community: PlanCommunity;
  areas: PlanArea[];
  buildings: PlanBuilding[];
  estates: PlanEstate[];
}

type Row = Record<string, unknown>;

// Land in square metres on the spheroid; float8 so both drivers hand back a number.
const LAND = 'ST_Area(geom::geography)::float8';

export async function readPlan(k: Knex, region: string, communityId: string): Promise<Plan | undefined> {
  const community: Row | undefined = await k('communities')
    .where({ region, id: communityId })
    .first('id', 'name', 'name_en', 'town_id', k.raw('ST_AsGeoJSON(geom) AS geojson'), k.raw(`${LAND} AS land`));
  if (!community) return undefined;
  const areas: Row[] = await k('contracted_areas')
    .where({ region, community_id: communityId })
    .orderBy('id')
    .select('id', 'version', 'name', 'name_en', 'lead_name', 'lead_phone', k.raw('ST_AsGeoJSON(geom) AS geojson'), k.raw(`${LAND} AS land`));
  const buildings: Row[] = await k('buildings as b')
    .join('contracted_areas as a', function () {
      this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
    })
    .where({ 'b.region': region, 'a.community_id': communityId })
    .orderBy('b.id')
    .select(
      'b.id', 'b.area_id', 'b.group_id', 'b.estate_id', k.raw('ST_X(b.geom)::float8 AS lng'), k.raw('ST_Y(b.geom)::float8 AS lat'),
      'b.households', 'b.population', 'b.party_members',
    );
  const estates: Row[] = await k('estates').where({ region, community_id: communityId }).orderBy('id').select('id', 'name', 'concentrated');
  return {
    community: {
      id: community.id as string,
      name: community.name as string,
      nameEn: community.name_en as string,
      townId: community.town_id as string,
      geometry: JSON.parse(community.geojson as string) as MultiPolygon,
      landM2: Number(community.land),
    },
    areas: areas.map((a) => ({
      id: a.id as string,
      version: Number(a.version),
      name: a.name as string,
      nameEn: a.name_en as string,
      leadName: a.lead_name as string,
      leadPhone: a.lead_phone as string,
      geometry: JSON.parse(a.geojson as string) as MultiPolygon,
      landM2: Number(a.land),
    })),
    buildings: buildings.map((b) => ({
      id: b.id as string,
      areaId: b.area_id as string,
      groupId: b.group_id as string,
      estateId: b.estate_id as string,
      lng: Number(b.lng),
      lat: Number(b.lat),
      households: Number(b.households),
      population: Number(b.population),
      partyMembers: Number(b.party_members),
    })),
    estates: estates.map((e) => ({ id: e.id as string, name: e.name as string, concentrated: Boolean(e.concentrated) })),
  };
}
