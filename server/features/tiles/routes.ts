import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { isLayerName } from '../layers/catalogue';
import { renderTile } from './service';

const tileParams = z
  .object({
    layer: z.string(),
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    // The last path segment is `{y}.pbf`.
    file: z
      .string()
      .regex(/^\d+\.pbf$/, 'tile path must end in {y}.pbf')
      .transform((file) => Number(file.slice(0, -'.pbf'.length))),
  })
  .transform(({ file, ...rest }) => ({ ...rest, y: file }))
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z' });

export function tileRoutes(ctx: AppContext): Router {
  return Router().get('/tiles/:layer/:z/:x/:file', async (req, res) => {
    const { layer, ...tile } = parseRequest(req, { params: tileParams }).params;
    if (!isLayerName(layer)) throw notFound(`layer "${layer}"`);
    const body = await renderTile(ctx, layer, tile);
    if (!body) {
      res.status(204).end();
      return;
    }
    res.type('application/x-protobuf').set('Cache-Control', 'no-cache').send(Buffer.from(body));
  });
}
