// The import's preview: read the file, convert it to WGS84 areas, let PostGIS judge what only
// it can (self-intersections) and say which areas lie mostly outside the community. Saves
// nothing: the planner looks, then saves through PUT /api/communities/:id/plan.
import { toAreaFeatures, type Preview } from '../../analysis/areas-io/features';
import { readGeoJson } from '../../analysis/areas-io/geojson-file';
import { readKml } from '../../analysis/areas-io/kml-file';
import { FileProblem } from '../../analysis/areas-io/problem';
import { crsFromChoice } from '../../analysis/areas-io/projections';
import type { RawFile } from '../../analysis/areas-io/raw';
import { readShapefileZip } from '../../analysis/areas-io/shapefile-zip';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { acceptGeometry } from '../writes/geometry';
import { editableCommunity } from './access';

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'kml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Below this share of its land inside the community, an area is probably misplaced (wrong system?). */
const INSIDE_SHARE_WARNING = 0.5;

function readFile(format: ImportFormat, bytes: Uint8Array): Promise<RawFile> | RawFile {
  switch (format) {
    case 'geojson': return readGeoJson(bytes);
    case 'kml': return readKml(bytes);
    case 'shapefile': return readShapefileZip(bytes);
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
  const community = await editableCommunity(ctx, communityId, user);
  const chosen = file.crs === undefined ? undefined : crsFromChoice(file.crs);
  if (file.crs !== undefined && !chosen) {
    throw new HttpError(400, `query.crs: "${file.crs}" is not a coordinate system we convert: wgs84, cgcs2000, gcj02, bd09, 3857 or a CGCS2000 Gauss-Krüger EPSG code (4513–4554)`);
  }
  const preview = toAreaFeatures(await readFile(file.format, file.bytes), chosen);
  for (const [i, feature] of preview.features.entries()) {
    try {
      await acceptGeometry(ctx.db.knex, feature.geometry, 'WGS84', 'polygonal');
    } catch (err) {
      if (err instanceof HttpError) throw new FileProblem(422, `feature ${i + 1} ("${feature.name}"): ${err.message}`, { feature: i, ...(err.details as object) });
      throw err;
    }
  }
  (await insideShares(ctx, community.id, preview)).forEach((share, i) => {
    if (share < INSIDE_SHARE_WARNING) {
      preview.warnings.push({ code: 'outside_community', feature: i, message: `feature ${i + 1} ("${preview.features[i]!.name}") lies ${Math.round((1 - share) * 100)} % outside the community` });
    }
  });
  // Which file and how many areas, not the names: those are the planner's to save or drop.
  await audit(ctx, {
    action: 'areas_import', actorId: user.id, actor: user.username, objectType: 'community', objectId: community.id,
    detail: { format: file.format, bytes: file.bytes.length, features: preview.features.length, crs: preview.crs.used, preview: true },
  });
  return preview;
}
