import { Router } from 'express';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { restoreAreaPlan } from '../plans/restore';
import { restoreBuilding, updateBuilding } from '../registers/buildings';
import { listVersions, objectAsOf, restoreVersion } from './history';
import { EDITABLE, isObjectType, OBJECT_TYPES, type ObjectType } from './objects';
import { historyParams, objectParams, restoreBody, updateBody, versionParams } from './schema';
import { getObject, updateObject } from './service';

function objectType(type: string): ObjectType {
  if (!isObjectType(type)) throw new HttpError(404, 'unknown_object_type', { type });
  return type;
}

export function writeRoutes(ctx: AppContext): Router {
  const router = Router();
  // Everything here reads or changes what only editors see (full phones, earlier versions).
  const editors = requireRole('admin', 'planner');

  for (const type of OBJECT_TYPES) {
    const t = EDITABLE[type];
    const body = updateBody(t);
    router
      .get(`/api/${t.plural}/:id`, editors, async (req, res) => {
        const { id } = parseRequest(req, { params: objectParams }).params;
        res.json(await getObject(ctx, req.user!, type, id));
      })
      .patch(`/api/${t.plural}/:id`, editors, async (req, res) => {
        const { params, body: update } = parseRequest(req, { params: objectParams, body });
        // A building's place decides its area, group and organisations: they follow in its write.
        if (type === 'building') res.json(await updateBuilding(ctx, req.user!, params.id, update));
        else res.json(await updateObject(ctx, req.user!, type, params.id, update));
      });
  }

  return router
    .get('/api/history/:type/:id', editors, async (req, res) => {
      const { type, id } = parseRequest(req, { params: historyParams }).params;
      res.json(await listVersions(ctx, req.user!, objectType(type), id));
    })
    .get('/api/history/:type/:id/:version', editors, async (req, res) => {
      const { type, id, version } = parseRequest(req, { params: versionParams }).params;
      res.json(await objectAsOf(ctx, req.user!, objectType(type), id, version));
    })
    .post('/api/history/:type/:id/:version/restore', editors, async (req, res) => {
      const { params, body } = parseRequest(req, { params: versionParams, body: restoreBody });
      const type = objectType(params.type);
      // An area comes back with its whole community's plan of that moment, so areas never overlap or leave gaps.
      if (type === 'area') res.json(await restoreAreaPlan(ctx, req.user!, params.id, params.version, body.version));
      // A building comes back where that version stood, with its area, group and organisations following.
      else if (type === 'building') res.json(await restoreBuilding(ctx, req.user!, params.id, params.version, body.version));
      else res.json(await restoreVersion(ctx, req.user!, type, params.id, params.version, body.version));
    });
}
