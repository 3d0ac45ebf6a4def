// Anonymous routes for residents, behind their own stricter rate limit (app.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { publicAreaCard, publicLookup } from './service';

const areaParams = z.object({ id: z.string().min(1).max(64) });
const lookupQuery = z.strictObject({
  q: z.string().trim().min(1, 'type an address').max(100, 'an address is at most 100 characters'),
});

export function publicRoutes(ctx: AppContext): Router {
  return Router()
    .get('/api/public/lookup', async (req, res) => {
      const { q } = parseRequest(req, { query: lookupQuery }).query;
      res.json(await publicLookup(ctx, q));
    })
    .get('/api/public/areas/:id', async (req, res) => {
      const { id } = parseRequest(req, { params: areaParams }).params;
      res.json(await publicAreaCard(ctx, id));
    });
}
