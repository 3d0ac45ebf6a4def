// The import's preview: read the file, convert it to WGS84 areas, let PostGIS judge what only
// it can (self-intersections) and say which areas lie mostly outside the community. Saves
// nothing: the planner looks, then saves through PUT /api/communities/:id/plan.
import { importWarning, type Preview } from '../../analysis/areas-io/features';
import { featureProblem, FileProblem } from '../../analysis/areas-io/problem';
import { crsFromChoice, type SourceCrs } from '../../analysis/areas-io/projections';
import type { AppContext } from '../../context';
import { fromMessage, HttpError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { acceptGeometry } from '../writes/geometry';
import { reachCommunity } from '../auth/guard';
import { runJob } from '../../runtime/pool';

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'kml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Below this share of its land inside the community, an area is probably misplaced (wrong system?). */
const INSIDE_SHARE_WARNING = 0.5;

/** The file's areas, or the refusal that names what is wrong with it, in the one error body. */
async function readAreas(format: ImportFormat, bytes: Uint8Array, chosen: SourceCrs | undefined): Promise<Preview> {
  try {
    // Parsed on a worker thread: a large shapefile takes seconds.
    return await runJob('file.areas', { format, bytes, ...(chosen ? { chosen } : {}) });
  } catch (err) {
    if (err instanceof FileProblem) throw fromMessage(err.status, err, err.extra);
    throw err;
  }
}

async function insideShares(ctx: AppContext, communityId: string, preview: Preview): Promise<number[]> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT x.i, ST_Area(ST_Intersection(g.geom, c.geom)) / NULLIF(ST_Area(g.geom), 0) AS share
       FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS x(geometry, i)
       CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(x.geometry::text), 4326) AS geom) g
       JOIN communities c ON c.region = ? AND c.id = ?
      ORDER BY x.i`,
    [JSON.stringify(preview.features.map((f) => f.geometry)), ctx.region, communityId],
  );
  return (rows as { share: number | null }[]).map((r) => Number(r.share ?? 0));
}

export async function previewImport(
  ctx: AppContext, communityId: string, user: AuthUser, file: { format: ImportFormat; bytes: Uint8Array; crs?: string },
): Promise<Preview> {
  const community = await reachCommunity(ctx, user, communityId);
  const chosen = file.crs === undefined ? undefined : crsFromChoice(file.crs);
  if (file.crs !== undefined && !chosen) {
    throw new HttpError(400, 'import_unknown_crs', { crs: file.crs });
  }
  const preview = await readAreas(file.format, file.bytes, chosen);
  for (const [i, feature] of preview.features.entries()) {
    try {
      await acceptGeometry(ctx.db.knex, feature.geometry, 'WGS84', 'polygonal');
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      throw new HttpError(422, 'import_feature_problem', featureProblem(i + 1, feature.name, err), { feature: i, ...(err.extra.details as object | undefined) });
    }
  }
  (await insideShares(ctx, community.id, preview)).forEach((share, i) => {
    if (share < INSIDE_SHARE_WARNING) {
      preview.warnings.push(importWarning('import_outside_community', { number: i + 1, name: preview.features[i]!.name, pct: Math.round((1 - share) * 100) }, i));
    }
  });
  // Which file and how many areas, not the names: those are the planner's to save or drop.
  await audit(ctx, {
    action: 'areas_import', actorId: user.id, actor: user.username, objectType: 'community', objectId: community.id,
    detail: { format: file.format, bytes: file.bytes.length, features: preview.features.length, crs: preview.crs.used, preview: true },
  });
  return preview;
}
