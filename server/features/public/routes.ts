// Anonymous routes for residents, behind their own stricter rate limit (app.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { publicAreaCard } from './service';

const areaParams = z.object({ id: z.string().min(1).max(64) });

export function publicRoutes(ctx: AppContext): Router {
  return Router().get('/api/public/areas/:id', async (req, res) => {
    const { id } = parseRequest(req, { params: areaParams }).params;
    res.json(await publicAreaCard(ctx, id));
  });
}
