// A community's areas with all their metrics as GeoJSON, a zipped shapefile or KML, named
// after the community. Audited (which community and format, no names or leads).
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { writeKml } from '../../analysis/areas-io/kml-file';
import { writeShapefileZip } from '../../analysis/areas-io/shapefile-write';
import type { AppContext } from '../../context';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { reachCommunity } from '../auth/guard';
import { DBF_FIELDS } from './export-fields';
import type { ImportFormat } from './import';
import { communityAreaMetrics } from './metrics';

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array | string;
}

export async function exportAreas(ctx: AppContext, communityId: string, user: AuthUser, format: ImportFormat): Promise<ExportFile> {
  const community = await reachCommunity(ctx, user, communityId);
  const areas = await communityAreaMetrics(ctx, community.id);
  await audit(ctx, { action: 'areas_export', actorId: user.id, actor: user.username, objectType: 'community', objectId: community.id, detail: { format, areas: areas.length } });
  const base = `${community.name}片区`;
  const features: Feature<Polygon | MultiPolygon>[] = areas.map((a) => ({ type: 'Feature', id: a.metrics.id, properties: { ...a.metrics }, geometry: a.geometry }));
  switch (format) {
    case 'geojson': {
      const collection: FeatureCollection = { type: 'FeatureCollection', features };
      return { fileName: `${base}.geojson`, contentType: 'application/geo+json', bytes: JSON.stringify(collection) };
    }
    case 'kml':
      return { fileName: `${base}.kml`, contentType: 'application/vnd.google-earth.kml+xml', bytes: writeKml(base, features, (f) => String(f.properties!.name)) };
    case 'shapefile': {
      const records = areas.map((a) => ({
        geometry: a.geometry,
        values: Object.fromEntries(DBF_FIELDS.map(({ metric, field }) => [field.name, a.metrics[metric]])),
      }));
      return { fileName: `${base}.zip`, contentType: 'application/zip', bytes: writeShapefileZip('areas', DBF_FIELDS.map((d) => d.field), records) };
    }
  }
}
