import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { HttpError, notFound } from '../../http/errors';
import { isLayerName } from '../layers/catalogue';
import { renderTile } from './service';

const tileParams = z
  .object({
    layer: z.string(),
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z' });

export function tileRoutes(ctx: AppContext): Router {
  return Router().get('/tiles/:layer/:z/:x/:file', async (req, res) => {
    const match = /^(\d+)\.pbf$/.exec(req.params.file);
    if (!match) throw new HttpError(400, 'tile path must end in {y}.pbf');
    const { layer, ...tile } = tileParams.parse({ ...req.params, y: match[1] });
    if (!isLayerName(layer)) throw notFound(`layer "${layer}"`);
    const body = await renderTile(ctx, layer, tile);
    if (!body) {
      res.status(204).end();
      return;
    }
    res.type('application/x-protobuf').set('Cache-Control', 'no-cache').send(Buffer.from(body));
  });
}
