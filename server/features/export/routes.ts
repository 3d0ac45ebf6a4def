// GET /api/export/{layer}?format=: the public contract's export of every layer, for admins.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { IMPORT_LAYERS } from '../../domain/layers';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { EXPORT_FORMATS } from '../../analysis/layer-export';
import { exportLayer } from './service';

const params = z.strictObject({ layer: z.enum(IMPORT_LAYERS) });
const query = z.strictObject({ format: z.enum(EXPORT_FORMATS).default('geojson') });

export function exportRoutes(ctx: AppContext): Router {
  return Router().get('/api/export/:layer', requireRole('admin'), async (req, res) => {
    const parsed = parseRequest(req, { params, query });
    const file = await exportLayer(ctx, req.user!, parsed.params.layer, parsed.query.format);
    res.type(file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    res.send(typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes));
  });
}
