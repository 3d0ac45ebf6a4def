import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { areaParams, proposalBody, saveBody } from './schema';
import { getGrouping, proposeGrouping, saveGrouping } from './service';

export function groupRoutes(ctx: AppContext): Router {
  // Grouping buildings is the planners' work: admins and the planners of the area's town.
  const editors = requireRole('admin', 'planner');
  return Router()
    .get('/api/areas/:id/groups', editors, async (req, res) => {
      const { params } = parseRequest(req, { params: areaParams });
      res.json(await getGrouping(ctx, req.user!, params.id));
    })
    .post('/api/areas/:id/groups/proposal', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: areaParams, body: proposalBody });
      res.json(await proposeGrouping(ctx, req.user!, params.id, body.targetSize, body.by));
    })
    .put('/api/areas/:id/groups', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: areaParams, body: saveBody });
      res.json(await saveGrouping(ctx, req.user!, params.id, body));
    });
}
