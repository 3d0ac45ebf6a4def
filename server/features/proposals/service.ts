// The automatic proposal for one community: read its buildings (through their areas), estates
// and the rivers and major roads that cross it, and hand them to the pure algorithm. Read-only:
// it proposes, nothing is saved.
import type { LineString } from 'geojson';
import { groupsForTarget, kMeansBaseline, proposeAreas } from '../../analysis/districting/propose';
import { DistrictingInputError, type DistrictBuilding, type Measure, type ProposalReport } from '../../analysis/districting/types';
import type { AppContext } from '../../context';
import { HttpError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';

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

async function communityBuildings({ db, region }: AppContext, communityId: string): Promise<DistrictBuilding[]> {
  const rows: { id: string; lng: number; lat: number; population: number; households: number; estate_id: string; concentrated: boolean }[] = await db
    .knex('buildings as b')
    .join('contracted_areas as a', function () {
      this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
    })
    .join('estates as e', function () {
      this.on('e.region', 'b.region').andOn('e.id', 'b.estate_id');
    })
    .where({ 'b.region': region, 'a.community_id': communityId })
    .orderBy('b.id')
    .select('b.id', db.knex.raw('ST_X(b.geom) AS lng'), db.knex.raw('ST_Y(b.geom) AS lat'), 'b.population', 'b.households', 'b.estate_id', 'e.concentrated');
  return rows.map((r) => ({
    id: r.id,
    point: [Number(r.lng), Number(r.lat)],
    population: Number(r.population),
    households: Number(r.households),
    estateId: r.estate_id,
    concentrated: Boolean(r.concentrated),
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
  const community = await ctx.db.knex('communities').where({ region: ctx.region, id: communityId }).first('town_id');
  if (!community) throw notFound(`community "${communityId}"`);
  // Another town's community answers as an unknown one, and the probe is audited.
  if (viewer.role !== 'admin' && !(viewer.role === 'planner' && viewer.towns.includes(community.town_id as string))) {
    await audit(ctx, { action: 'authz_denied', actorId: viewer.id, actor: viewer.username, objectType: 'community', objectId: communityId, detail: { reason: 'outside_towns' } });
    throw notFound(`community "${communityId}"`);
  }
  const buildings = await communityBuildings(ctx, communityId);
  if (!buildings.length) throw new HttpError(400, `community "${communityId}" has no buildings to divide`);
  const barriers = await communityBarriers(ctx, communityId);
  const measure = (b: DistrictBuilding) => (request.by === 'buildings' ? 1 : b[request.by]);
  const k = request.k ?? groupsForTarget(buildings.reduce((s, b) => s + measure(b), 0), request.targetSize!);
  const input = { buildings, barriers, k, by: request.by };
  try {
    const report = proposeAreas(input);
    return {
      communityId,
      k,
      by: request.by,
      compactness: 'convex hull of the buildings',
      barriers: barriers.length,
      ...report,
      ...(request.baseline ? { baseline: kMeansBaseline(input) } : {}),
    };
  } catch (err) {
    if (err instanceof DistrictingInputError) throw new HttpError(400, err.message);
    throw err;
  }
}
