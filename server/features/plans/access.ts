// Who may see and save a community's plan: admins, and planners of the community's town.
// Another town's community answers like an unknown one, and the probe is audited.
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { communityTown } from './read';

export async function reachCommunity(ctx: AppContext, user: AuthUser, communityId: string): Promise<void> {
  const town = await communityTown(ctx.db.knex, ctx.region, communityId);
  if (town === undefined) throw notFound(`community "${communityId}"`);
  if (user.role === 'admin' || (user.role === 'planner' && user.towns.includes(town))) return;
  await audit(ctx, { action: 'authz_denied', actorId: user.id, actor: user.username, objectType: 'community', objectId: communityId, detail: { reason: 'outside_towns' } });
  throw notFound(`community "${communityId}"`);
}
