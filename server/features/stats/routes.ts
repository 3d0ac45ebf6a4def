import { Router } from 'express';
import type { AppContext } from '../../context';
import { computeStats } from './service';

export function statsRoutes(ctx: AppContext): Router {
  return Router().get('/api/stats', async (_req, res) => {
    res.json(await computeStats(ctx));
  });
}
