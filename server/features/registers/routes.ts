// The registers (登记簿) of a community: read them whole, add and remove buildings, centres,
// pairings and old village names, and split a building. Their edits (PATCH) and history are the
// shared ones (writes/routes.ts). Editors only; the guard checks the community's or object's town.
import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { objectParams } from '../writes/schema';
import { splitBuilding } from './buildings';
import { readRegisters } from './read';
import { createBody, removeBody, splitBody } from './schema';
import { createObject, CREATABLE, removeObject } from './service';

export function registerRoutes(ctx: AppContext): Router {
  const router = Router();
  const editors = requireRole('admin', 'planner');

  router.get('/api/communities/:id/registers', editors, async (req, res) => {
    const { id } = parseRequest(req, { params: objectParams }).params;
    res.json(await readRegisters(ctx, req.user!, id));
  });

  for (const t of CREATABLE) {
    const body = createBody(t);
    router
      .post(`/api/${t.plural}`, editors, async (req, res) => {
        const parsed = parseRequest(req, { body });
        res.status(201).json(await createObject(ctx, req.user!, t.type, parsed.body));
      })
      .delete(`/api/${t.plural}/:id`, editors, async (req, res) => {
        const { params, body: removal } = parseRequest(req, { params: objectParams, body: removeBody });
        res.json(await removeObject(ctx, req.user!, t.type, params.id, removal.version));
      });
  }

  return router.post('/api/buildings/:id/split', editors, async (req, res) => {
    const { params, body } = parseRequest(req, { params: objectParams, body: splitBody });
    res.json(await splitBuilding(ctx, req.user!, params.id, body));
  });
}
