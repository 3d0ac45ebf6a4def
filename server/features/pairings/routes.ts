import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { ROLES } from '../../domain/roles';
import { PAIRING_KINDS, pairingsQuery } from './schema';
import { listPairings } from './service';

export function pairingRoutes(ctx: AppContext): Router {
  // Which organisations work with which communities is no one's private data: every signed-in role.
  return Router().get('/api/pairings', requireRole(...ROLES), async (req, res) => {
    const { query } = parseRequest(req, { query: pairingsQuery });
    res.json(await listPairings(ctx, query.kinds ?? [...PAIRING_KINDS], query.town));
  });
}
