import { Router } from 'express';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { isLayerName } from './catalogue';
import { layerQuerySchema } from './schema';
import { layerGeoJson } from './service';

export function layerRoutes(ctx: AppContext): Router {
  return Router().get('/api/layers/:layer', async (req, res) => {
    const { layer } = req.params;
    if (!isLayerName(layer)) throw notFound(`layer "${layer}"`);
    const { bbox, limit, ...filters } = layerQuerySchema.parse(req.query);
    const body = await layerGeoJson(ctx, layer, { bbox, limit, filters });
    res.type('application/geo+json').send(body);
  });
}
