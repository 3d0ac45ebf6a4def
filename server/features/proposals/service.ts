// The automatic proposal for one community: read its buildings (through their areas), estates,
// outline and the rivers and major roads that cross it, and hand them to the pure algorithm,
// which grows groups only along the plan's own neighbour graph, so a group it calls contiguous
// is contiguous when saved. Read-only: it proposes, nothing is saved.
import type { LineString } from 'geojson';
import { groupsForTarget } from '../../analysis/districting/propose';
import { type DistrictBuilding, type Measure, type ProposalReport } from '../../analysis/districting/types';
import type { AppContext } from '../../context';
import { runJob } from '../../runtime/pool';
import { HttpError } from '../../http/errors';
import { reachCommunity } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { readPlan, type Plan } from '../plans/read';

/** basemap_features kinds that a contracted area should not straddle (see data/generator/basemap.ts). */
export const BARRIER_KINDS = ['river', 'expressway', 'main_road'] as const;

export interface ProposalRequest {
  k?: number;
  targetSize?: number;
  by: Measure;
  baseline?: boolean;
}

export interface Proposal extends ProposalReport {
  communityId: string;
  k: number;
  by: Measure;
  /** How Polsby-Popper was measured. */
  compactness: 'convex hull of the buildings';
  barriers: number;
  baseline?: ProposalReport;
}

/** The buildings as the plan reads them (the same points, in the same order, as 检查 and 保存 judge). */
function districtBuildings(plan: Plan): DistrictBuilding[] {
  const concentrated = new Map(plan.estates.map((e) => [e.id, e.concentrated]));
  return plan.buildings.map((b) => ({
    id: b.id,
    point: [b.lng, b.lat],
    population: b.population,
    households: b.households,
    estateId: b.estateId,
    concentrated: concentrated.get(b.estateId) ?? false,
  }));
}

/** Rivers and major roads inside the community as lines (a river drawn as an area counts by its banks). */
async function communityBarriers({ db, region }: AppContext, communityId: string): Promise<LineString[]> {
  const { rows } = await db.knex.raw(
    `SELECT ST_AsGeoJSON((ST_Dump(ST_CollectionExtract(ST_Intersection(
              CASE WHEN ST_Dimension(f.geom) = 2 THEN ST_Boundary(f.geom) ELSE f.geom END, c.geom), 2))).geom, 7) AS line
       FROM basemap_features f
       JOIN communities c ON c.region = f.region AND c.id = :communityId
      WHERE f.region = :region AND f.kind IN (${BARRIER_KINDS.map((kind) => `'${kind}'`).join(', ')}) AND ST_Intersects(f.geom, c.geom)`,
    { region, communityId },
  );
  return (rows as { line: string }[]).map((r) => JSON.parse(r.line) as LineString);
}

export async function proposeForCommunity(ctx: AppContext, communityId: string, viewer: AuthUser, request: ProposalRequest): Promise<Proposal> {
  await reachCommunity(ctx, viewer, communityId);
  const plan = (await readPlan(ctx.db.knex, ctx.region, communityId))!;
  const buildings = districtBuildings(plan);
  if (!buildings.length) throw new HttpError(400, 'community_no_buildings', { id: communityId });
  const barriers = await communityBarriers(ctx, communityId);
  const measure = (b: DistrictBuilding) => (request.by === 'buildings' ? 1 : b[request.by]);
  const k = request.k ?? groupsForTarget(buildings.reduce((s, b) => s + measure(b), 0), request.targetSize!);
  const input = { buildings, barriers, within: plan.community.geometry, k, by: request.by };
  // On a worker thread: a large community's proposal takes seconds.
  const { report, baseline } = await runJob('districting.areas', { input, baseline: Boolean(request.baseline) });
  return {
    communityId,
    k,
    by: request.by,
    compactness: 'convex hull of the buildings',
    barriers: barriers.length,
    ...report,
    ...(baseline ? { baseline } : {}),
  };
}
