import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { requireRole } from '../auth/middleware';
import { revealLeadPhone } from './reveal';
import { parseRequest } from '../../http/parse';
import { cityInfo, UNIT_LEVELS, unitInfo } from './service';

const unitParams = z.object({ level: z.enum(UNIT_LEVELS), id: z.string().min(1).max(64) });
const areaParams = z.object({ id: z.string().min(1).max(64) });

export function unitRoutes(ctx: AppContext): Router {
  return Router()
    .get('/api/units/city', async (req, res) => {
      parseRequest(req, {});
      res.json(await cityInfo(ctx));
    })
    .get('/api/units/:level/:id', async (req, res) => {
      const { level, id } = parseRequest(req, { params: unitParams }).params;
      res.json(await unitInfo(ctx, level, id, req.user));
    })
    .post('/api/units/area/:id/reveal', requireRole('admin', 'planner', 'staff'), async (req, res) => {
      const { id } = parseRequest(req, { params: areaParams }).params;
      res.json(await revealLeadPhone(ctx, id, req.user!));
    });
}
