import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { checkHealth } from './service';

export function healthRoutes(ctx: AppContext): Router {
  return Router().get('/api/health', async (req, res) => {
    parseRequest(req, {});
    try {
      res.json(await checkHealth(ctx));
    } catch (err) {
      res.status(503).json({ status: 'unavailable', database: ctx.db.kind, reason: (err as Error).message });
    }
  });
}
