import { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { reachCommunity } from './access';
import { readPlan } from './read';
import { planBody } from './schema';
import { PlanRefusedError, PlanStaleError, savePlan } from './service';

const communityParams = z.object({ id: z.string().min(1).max(64) });

/** 409 with the plan as it is now; 422 with every broken rule and the report, so the editor can show both. */
const answerPlanErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof PlanStaleError) res.status(409).json({ error: err.message, current: err.current });
  else if (err instanceof PlanRefusedError) res.status(422).json({ error: err.message, problems: err.problems, report: err.report });
  else next(err);
};

export function planRoutes(ctx: AppContext): Router {
  // Plans carry leads' full phones and change areas: editors only.
  const editors = requireRole('admin', 'planner');
  return Router()
    .get('/api/communities/:id/plan', editors, async (req, res) => {
      const { id } = parseRequest(req, { params: communityParams }).params;
      await reachCommunity(ctx, req.user!, id);
      const plan = await readPlan(ctx.db.knex, ctx.region, id);
      if (!plan) throw notFound(`community "${id}"`);
      res.json(plan);
    })
    .put('/api/communities/:id/plan', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: communityParams, body: planBody });
      res.json(await savePlan(ctx, req.user!, params.id, body));
    })
    .use(answerPlanErrors);
}
