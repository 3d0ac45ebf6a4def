import { Router } from 'express';
import type { AppContext } from '../../context';
import { dataVersion } from '../../db/versions';
import { notFound } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { isLayerName, LAYERS } from '../layers/catalogue';
import { TileCache } from './cache';
import { tileParams } from './schema';
import { renderTile } from './service';

/** 64 MB holds ~10,000 building tiles of a dense town at z14-16. */
const CACHE_BYTES = 64 * 1024 * 1024;
/** A tile rendered from a replica that had not replayed a change yet is kept at most this long. */
const CACHE_AGE_MS = 60_000;

export function tileRoutes(ctx: AppContext): Router {
  const cache = new TileCache(CACHE_BYTES, CACHE_AGE_MS);
  return Router().get('/tiles/:layer/:z/:x/:file', async (req, res) => {
    const { layer, ...tile } = parseRequest(req, { params: tileParams }).params;
    if (!isLayerName(layer)) throw notFound('layer', layer);
    // Read before the rows are: a write landing meanwhile leaves this rendering under the old version.
    const version = dataVersion(ctx.db, LAYERS[layer].table);
    const { tile: found, hit } = await cache.get(`${layer}/${tile.z}/${tile.x}/${tile.y}`, version, () => renderTile(ctx, layer, tile));
    // no-cache: the browser keeps the tile but asks each time, and a 304 costs no rendering.
    res.set({ 'Cache-Control': 'no-cache', ETag: found.etag, 'X-Cache': hit ? 'hit' : 'miss' });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    if (!found.body) {
      res.status(204).end();
      return;
    }
    res.type('application/x-protobuf').send(found.body);
  });
}
