import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { computeStats } from './service';

export function statsRoutes(ctx: AppContext): Router {
  return Router().get('/api/stats', async (req, res) => {
    parseRequest(req, {});
    res.json(await computeStats(ctx));
  });
}
