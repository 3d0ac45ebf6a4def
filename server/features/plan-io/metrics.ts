// Every area of a community with the figures planners balance by: land (on the spheroid), the
// buildings' totals and compactness (Polsby-Popper 4πA/P²) in one query; the deviation of its
// population from the community's mean and whether it is contiguous by the domain's plan rules,
// the same functions the editor's table and the save judge by.
import type { MultiPolygon, Polygon } from 'geojson';
import type { AppContext } from '../../context';
import { buildingAdjacency } from '../../domain/adjacency';
import { deviations, isContiguous } from '../../domain/plan-rules';
import { readPlan } from '../plans/read';

export interface AreaMetrics {
  id: string;
  name: string;
  nameEn: string;
  lead: string;
  landM2: number;
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
  /** (population − community mean) / mean, in %, two decimals; 0 when the mean is 0. */
  deviationPct: number;
  polsbyPopper: number;
  contiguous: boolean;
  version: number;
}

export interface AreaWithMetrics {
  metrics: AreaMetrics;
  geometry: Polygon | MultiPolygon;
}

export async function communityAreaMetrics({ db, region }: AppContext, communityId: string): Promise<AreaWithMetrics[]> {
  const { rows } = await db.knex.raw(
    `WITH measured AS (
       SELECT a.id, a.name, a.name_en, a.lead_name, a.version, a.geom,
              ST_Area(a.geom::geography) AS land, ST_Perimeter(a.geom::geography) AS perimeter,
              count(b.id) AS buildings, COALESCE(sum(b.households), 0) AS households,
              COALESCE(sum(b.population), 0) AS population, COALESCE(sum(b.party_members), 0) AS party_members
         FROM contracted_areas a
         LEFT JOIN buildings b ON b.region = a.region AND b.area_id = a.id
        WHERE a.region = :region AND a.community_id = :communityId
        GROUP BY a.region, a.id)
     SELECT id, name, name_en, lead_name, version, buildings, households, population, party_members,
            round(land::numeric, 1) AS land_m2,
            round((4 * pi() * land / NULLIF(perimeter * perimeter, 0))::numeric, 4) AS polsby_popper,
            ST_AsGeoJSON(geom, 7) AS geometry
       FROM measured ORDER BY id`,
    { region, communityId },
  );
  const plan = await readPlan(db.knex, region, communityId);
  const buildings = plan?.buildings ?? [];
  const adjacency = plan ? buildingAdjacency(buildings.map((b) => [b.lng, b.lat]), plan.community.geometry) : null;
  const membersOf = (areaId: string) => buildings.flatMap((b, i) => (b.areaId === areaId ? [i] : []));
  const { deviationPct } = deviations((rows as Record<string, unknown>[]).map((r) => Number(r.population)));
  return (rows as Record<string, unknown>[]).map((r, i) => ({
    metrics: {
      id: r.id as string,
      name: r.name as string,
      nameEn: r.name_en as string,
      lead: r.lead_name as string,
      landM2: Number(r.land_m2),
      buildings: Number(r.buildings),
      households: Number(r.households),
      population: Number(r.population),
      partyMembers: Number(r.party_members),
      deviationPct: Math.round((deviationPct[i] ?? 0) * 100) / 100,
      polsbyPopper: Number(r.polsby_popper ?? 0),
      contiguous: !!adjacency && isContiguous(adjacency, membersOf(r.id as string)),
      version: Number(r.version),
    },
    geometry: JSON.parse(r.geometry as string) as Polygon | MultiPolygon,
  }));
}
