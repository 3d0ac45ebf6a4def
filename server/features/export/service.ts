// GET /api/export/{layer}: a layer of the city in the county's formats, for admins (the areas'
// file holds the leads' names and phones). Rows read here, the file written on the worker pool.
// Audited: which layer, format and how many rows.
import { LAYER_SPECS, type ImportLayer } from '../../domain/layers';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import type { ExportFile, ExportFormat } from '../../analysis/layer-export';
import { runJob } from '../../runtime/pool';
import { layerRows } from './rows';

export async function exportLayer(ctx: AppContext, user: AuthUser, layer: ImportLayer, format: ExportFormat): Promise<ExportFile> {
  const spec = LAYER_SPECS[layer];
  const rows = await layerRows(ctx, layer);
  const file = await runJob('file.export', { layer, rows, format });
  if (file === 'no_places') throw new HttpError(400, 'export_no_places', { layer: spec.zh, layerEn: spec.en, format });
  await audit(ctx, { action: 'layer_export', actorId: user.id, actor: user.username, objectType: 'layer', objectId: layer, detail: { format, rows: rows.length } });
  return file;
}
