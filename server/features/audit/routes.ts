import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { auditQuery, listAudit } from './query';

export function auditRoutes(ctx: AppContext): Router {
  return Router().get('/api/audit', requireRole('admin'), async (req, res) => {
    res.json(await listAudit(ctx, parseRequest(req, { query: auditQuery }).query));
  });
}
