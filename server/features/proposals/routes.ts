import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { PROPOSAL_MEASURES } from '../../domain/plan-rules';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { proposeForCommunity } from './service';

const communityParams = z.object({ id: z.string().min(1).max(64) });
const proposalBody = z
  .strictObject({
    k: z.number().int().min(1).max(10_000).optional(),
    targetSize: z.number().positive().optional(),
    by: z.enum(PROPOSAL_MEASURES),
    /** Also the plain k-means grouping, for comparison. */
    baseline: z.boolean().optional(),
  })
  .refine((b) => (b.k === undefined) !== (b.targetSize === undefined), { message: 'give either k or targetSize, not both and not neither' });

export function proposalRoutes(ctx: AppContext): Router {
  // Proposals are for those who draw areas: admins and the planners of the community's town.
  return Router().post('/api/communities/:id/proposal', requireRole('admin', 'planner'), async (req, res) => {
    const { params, body } = parseRequest(req, { params: communityParams, body: proposalBody });
    res.json(await proposeForCommunity(ctx, params.id, req.user!, body));
  });
}
