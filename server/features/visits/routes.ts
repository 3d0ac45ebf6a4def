// The area lead's visit diary: the lead's own areas only (keepsDiary), from a phone.
import { Router } from 'express';
import type { AppContext } from '../../context';
import { keepsDiary } from '../../domain/jurisdiction';
import { ROLES } from '../../domain/roles';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import type { RequestSettings } from '../requests/settings';
import { diaryQuery, newVisit, visitParams, visitToRequest as visitToRequestBody } from './schema';
import { diaryBuildings, listVisits, recordVisit, visitToRequest } from './service';

export function visitRoutes(ctx: AppContext, settings: RequestSettings): Router {
  const leads = requireRole(...ROLES.filter((role) => keepsDiary({ role, towns: [] })));
  return Router()
    .get('/api/visits', leads, async (req, res) => {
      const { query } = parseRequest(req, { query: diaryQuery });
      res.json({ visits: await listVisits(ctx, req.user!, query) });
    })
    .get('/api/visits/buildings', leads, async (req, res) => {
      parseRequest(req, {});
      res.json({ buildings: await diaryBuildings(ctx, req.user!) });
    })
    .post('/api/visits', leads, async (req, res) => {
      const { body } = parseRequest(req, { body: newVisit });
      res.status(201).json(await recordVisit(ctx, req.user!, body));
    })
    .post('/api/visits/:id/request', leads, async (req, res) => {
      const { params, body } = parseRequest(req, { params: visitParams, body: visitToRequestBody });
      res.status(201).json(await visitToRequest(ctx, settings, req.user!, params.id, body));
    });
}
