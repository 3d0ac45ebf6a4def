import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { parseRequest, wholeNumber } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { ROLES } from '../../domain/roles';
import { forViewer } from './mask';
import { lookupPoint, searchAddresses } from './service';

const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'q: an address to look up').max(200),
  limit: wholeNumber(1, 50).default(10),
});
const coordinate = (name: string, bound: number) =>
  z.string().trim().regex(/^-?\d+(\.\d+)?$/, `${name} must be a decimal number`).transform(Number)
    .refine((v) => Math.abs(v) <= bound, `${name} must lie within ±${bound}`);
const pointQuery = z.strictObject({ lng: coordinate('lng', 180), lat: coordinate('lat', 90) });

export function lookupRoutes(ctx: AppContext): Router {
  return Router()
    .get('/api/lookup', requireRole(...ROLES), async (req, res) => {
      const { q, limit } = parseRequest(req, { query: searchQuery }).query;
      const results = await searchAddresses(ctx, q, limit);
      res.json({ results: results.map((r) => forViewer(r, req.user)) });
    })
    .get('/api/lookup/point', requireRole(...ROLES), async (req, res) => {
      const { lng, lat } = parseRequest(req, { query: pointQuery }).query;
      const result = await lookupPoint(ctx, lng, lat);
      if (!result) throw new HttpError(404, 'no_area_at_point');
      res.json(forViewer(result, req.user));
    });
}
