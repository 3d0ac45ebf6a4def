import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { adoptScenario, undoAdoption } from './adopt';
import { compareScenario } from './compare';
import { createScenario, discardScenario, updateScenario } from './edit';
import { exportChanges, exportGeoJson } from './export';
import { createBody, scenarioParams, updateBody, versionBody } from './schema';
import { listScenarios, reachScenario } from './store';

export function scenarioRoutes(ctx: AppContext): Router {
  const editors = requireRole('admin', 'planner');
  // Leaders decide on mergers: they read scenarios and their comparisons, and change nothing.
  const readers = requireRole('admin', 'planner', 'leader');
  return Router()
    .get('/api/scenarios', readers, async (req, res) => {
      parseRequest(req, {});
      res.json({ scenarios: await listScenarios(ctx, req.user!) });
    })
    .post('/api/scenarios', editors, async (req, res) => {
      const { body } = parseRequest(req, { body: createBody });
      res.status(201).json(await createScenario(ctx, req.user!, body));
    })
    .get('/api/scenarios/:id', readers, async (req, res) => {
      const { id } = parseRequest(req, { params: scenarioParams }).params;
      res.json(await reachScenario(ctx, req.user!, id));
    })
    .put('/api/scenarios/:id', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: scenarioParams, body: updateBody });
      res.json(await updateScenario(ctx, req.user!, params.id, body));
    })
    .delete('/api/scenarios/:id', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: scenarioParams, body: versionBody });
      res.json(await discardScenario(ctx, req.user!, params.id, body.version));
    })
    .get('/api/scenarios/:id/compare', readers, async (req, res) => {
      const { id } = parseRequest(req, { params: scenarioParams }).params;
      res.json(await compareScenario(ctx, await reachScenario(ctx, req.user!, id)));
    })
    .get('/api/scenarios/:id/export.geojson', readers, async (req, res) => {
      const { id } = parseRequest(req, { params: scenarioParams }).params;
      const scenario = await reachScenario(ctx, req.user!, id);
      res.type('application/geo+json').attachment(`${scenario.id}.geojson`).send(JSON.stringify(await exportGeoJson(ctx, scenario)));
    })
    .get('/api/scenarios/:id/changes.xlsx', readers, async (req, res) => {
      const { id } = parseRequest(req, { params: scenarioParams }).params;
      const file = await exportChanges(ctx, await reachScenario(ctx, req.user!, id));
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .setHeader('content-disposition', `attachment; filename="${id}-changes.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.bytes);
    })
    .post('/api/scenarios/:id/adopt', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: scenarioParams, body: versionBody });
      res.json(await adoptScenario(ctx, req.user!, params.id, body.version));
    })
    .post('/api/scenarios/:id/undo-adopt', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: scenarioParams, body: versionBody });
      res.json(await undoAdoption(ctx, req.user!, params.id, body.version));
    });
}
