import { Router } from 'express';
import { CENTRE_KINDS } from '../../domain/kinds';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { ROLES } from '../../domain/roles';
import { populationPoints } from './population';
import { coverageQuery, populationQuery, sitesBody, whatIfBody } from './schema';
import { computeCoverage } from './service';
import { proposeSites } from './sites';

export function coverageRoutes(ctx: AppContext): Router {
  // Figures about residents, not about any one of them: every signed-in role may look, and a
  // what-if or a siting run saves nothing.
  const signedIn = requireRole(...ROLES);
  return Router()
    .get('/api/coverage', signedIn, async (req, res) => {
      const { query } = parseRequest(req, { query: coverageQuery });
      res.json(await computeCoverage(ctx, { kinds: query.kinds ?? [...CENTRE_KINDS], town: query.town }));
    })
    .get('/api/coverage/population', signedIn, async (req, res) => {
      const { query } = parseRequest(req, { query: populationQuery });
      res.json(await populationPoints(ctx, query.town));
    })
    .post('/api/coverage/what-if', signedIn, async (req, res) => {
      const { body } = parseRequest(req, { body: whatIfBody });
      res.json(await computeCoverage(ctx, { ...body, kinds: body.kinds ?? [...CENTRE_KINDS] }));
    })
    .post('/api/coverage/sites', signedIn, async (req, res) => {
      const { body } = parseRequest(req, { body: sitesBody });
      res.json(await proposeSites(ctx, { ...body, kinds: body.kinds ?? [...CENTRE_KINDS] }));
    });
}
