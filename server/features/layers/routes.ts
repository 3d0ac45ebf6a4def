import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { isLayerName } from './catalogue';
import { layerQuerySchema } from './schema';
import { layerGeoJson } from './service';

const layerParams = z.object({ layer: z.string() });

export function layerRoutes(ctx: AppContext): Router {
  return Router().get('/api/layers/:layer', async (req, res) => {
    const { params, query } = parseRequest(req, { params: layerParams, query: layerQuerySchema });
    const { layer } = params;
    if (!isLayerName(layer)) throw notFound('layer', layer);
    const { bbox, limit, ...filters } = query;
    const body = await layerGeoJson(ctx, layer, { bbox, limit, filters });
    res.type('application/geo+json').send(body);
  });
}
