// Residents' requests: the resident page's three anonymous routes (file, follow by ticket, rate;
// behind the resident rate limit and the per-address filing limit, app.ts), and the signed-in
// routes of hall staff, area leads, the community's and town's staff and leaders. Who may do
// what is the domain's (jurisdiction.ts); the services say it as 403/404.
import { Router } from 'express';
import type { AppContext } from '../../context';
import { filesForResidents } from '../../domain/jurisdiction';
import { ROLES } from '../../domain/roles';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { readFigures } from './figures';
import { fileRequest } from './file';
import { listRequests } from './list';
import { readPoints } from './points';
import { rateRequest, followRequest } from './resident';
import { revealRequester } from './reveal';
import { figuresQuery, idParams, listQuery, pointsQuery, publicFiling, ratingBody, staffFiling, stepBody, ticketParams } from './schema';
import type { RequestSettings } from './settings';
import { readRequest, takeStep } from './steps';
import { figuresWorkbook, figuresWorkbookName } from './workbook';
import { nowOf } from '../../context';

export function requestRoutes(ctx: AppContext, settings: RequestSettings): Router {
  const signedIn = requireRole(...ROLES);
  const filers = requireRole(...ROLES.filter((role) => filesForResidents({ role, towns: [] })));
  return Router()
    .post('/api/public/requests', async (req, res) => {
      const { body } = parseRequest(req, { body: publicFiling });
      const filed = await fileRequest(ctx, settings, { ...body, channel: 'public' }, { id: null, username: null });
      res.status(201).json({ ticket: filed.id });
    })
    .get('/api/public/requests/:ticket', async (req, res) => {
      const { ticket } = parseRequest(req, { params: ticketParams }).params;
      res.json(await followRequest(ctx, ticket));
    })
    .post('/api/public/requests/:ticket/rating', async (req, res) => {
      const { params, body } = parseRequest(req, { params: ticketParams, body: ratingBody });
      res.json(await rateRequest(ctx, settings, params.ticket, body));
    })
    .get('/api/requests', signedIn, async (req, res) => {
      const { query } = parseRequest(req, { query: listQuery });
      res.json(await listRequests(ctx, req.user!, query));
    })
    .post('/api/requests', filers, async (req, res) => {
      const { body } = parseRequest(req, { body: staffFiling });
      const filed = await fileRequest(ctx, settings, body, { id: req.user!.id, username: req.user!.username });
      res.status(201).json(await readRequest(ctx, req.user!, filed.id));
    })
    // Before /:id, which would take "figures" for an id.
    .get('/api/requests/figures', signedIn, async (req, res) => {
      const { query } = parseRequest(req, { query: figuresQuery });
      res.json(await readFigures(ctx, query));
    })
    .get('/api/requests/figures.xlsx', signedIn, async (req, res) => {
      const { query } = parseRequest(req, { query: figuresQuery });
      const at = nowOf(ctx);
      const bytes = await figuresWorkbook(await readFigures(ctx, query), at);
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="requests-${at.toLocaleDateString('sv-SE')}.xlsx"; filename*=UTF-8''${encodeURIComponent(figuresWorkbookName(at))}`);
      res.send(bytes);
    })
    .get('/api/requests/points', signedIn, async (req, res) => {
      const { query } = parseRequest(req, { query: pointsQuery });
      res.json(await readPoints(ctx, query));
    })
    .get('/api/requests/:id', signedIn, async (req, res) => {
      const { id } = parseRequest(req, { params: idParams }).params;
      res.json(await readRequest(ctx, req.user!, id));
    })
    .post('/api/requests/:id/steps', signedIn, async (req, res) => {
      const { params, body } = parseRequest(req, { params: idParams, body: stepBody });
      res.json(await takeStep(ctx, settings, req.user!, params.id, body));
    })
    .post('/api/requests/:id/reveal', signedIn, async (req, res) => {
      const { id } = parseRequest(req, { params: idParams }).params;
      res.json(await revealRequester(ctx, req.user!, id));
    });
}
