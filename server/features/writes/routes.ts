import { Router, type ErrorRequestHandler } from 'express';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { listVersions, objectAsOf, restoreVersion } from './history';
import { EDITABLE, isObjectType, OBJECT_TYPES, type ObjectType } from './objects';
import { historyParams, objectParams, restoreBody, updateBody, versionParams } from './schema';
import { getObject, StaleVersionError, updateObject } from './service';

/** 409 with the object as it is now, so the client can show what changed and reapply. */
export const answerStale: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof StaleVersionError)) return next(err);
  res.status(409).json({ error: err.message, current: err.current });
};

function objectType(type: string): ObjectType {
  if (!isObjectType(type)) throw notFound(`object type "${type}"`);
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
        const parsed = parseRequest(req, { params: objectParams, body });
        res.json(await updateObject(ctx, req.user!, type, parsed.params.id, parsed.body));
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
      res.json(await restoreVersion(ctx, req.user!, objectType(params.type), params.id, params.version, body.version));
    })
    .use(answerStale);
}
