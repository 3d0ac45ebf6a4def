import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { exportAreas } from './export';
import { IMPORT_FORMATS, previewImport } from './import';
import { importBody, importedBytes } from './upload';

const communityParams = z.object({ id: z.string().min(1).max(64) });
const importQuery = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  /** wgs84 | cgcs2000 | gcj02 | bd09 | an EPSG code: the user's choice, over the file's own. */
  crs: z.string().trim().min(1).max(20).optional(),
});
const exportQuery = z.strictObject({ format: z.enum(IMPORT_FORMATS) });

/** Mounted ahead of the JSON body parser: the import's body is the file itself. */
export function planIoRoutes(ctx: AppContext): Router {
  const editors = requireRole('admin', 'planner');
  return Router()
    .post('/api/communities/:id/areas/import', editors, importBody(), async (req, res) => {
      const { params, query } = parseRequest(req, { params: communityParams, query: importQuery });
      res.json(await previewImport(ctx, params.id, req.user!, { format: query.format, crs: query.crs, bytes: importedBytes(req) }));
    })
    .get('/api/communities/:id/areas/export', editors, async (req, res) => {
      const { params, query } = parseRequest(req, { params: communityParams, query: exportQuery });
      const file = await exportAreas(ctx, params.id, req.user!, query.format);
      const ascii = `community-${params.id.replace(/[^\w-]/g, '_')}-areas${file.fileName.slice(file.fileName.lastIndexOf('.'))}`;
      res.type(file.contentType);
      res.setHeader('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      res.send(typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes));
    });
}
