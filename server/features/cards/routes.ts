import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { communityCards } from './service';

const communityParams = z.object({ id: z.string().min(1).max(64) });

/** `publicUrl`: GRIDMAP_PUBLIC_URL, where the cards' QR codes point. */
export function cardRoutes(ctx: AppContext, publicUrl: string | undefined): Router {
  return Router().get('/api/cards/community/:id', requireRole('staff', 'admin', 'planner'), async (req, res) => {
    const { id } = parseRequest(req, { params: communityParams }).params;
    res.json(await communityCards(ctx, id, req.user!, publicUrl));
  });
}
