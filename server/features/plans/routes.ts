import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { reachCommunity } from '../auth/guard';
import { readPlan } from './read';
import { planBody } from './schema';
import { savePlan } from './service';

const communityParams = z.object({ id: z.string().min(1).max(64) });

export function planRoutes(ctx: AppContext): Router {
  // Plans carry leads' full phones and change areas: editors only.
  const editors = requireRole('admin', 'planner');
  return Router()
    .get('/api/communities/:id/plan', editors, async (req, res) => {
      const { id } = parseRequest(req, { params: communityParams }).params;
      await reachCommunity(ctx, req.user!, id);
      const plan = await readPlan(ctx.db.knex, ctx.region, id);
      if (!plan) throw notFound('community', id);
      res.json(plan);
    })
    .put('/api/communities/:id/plan', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: communityParams, body: planBody });
      res.json(await savePlan(ctx, req.user!, params.id, body));
    });
}
