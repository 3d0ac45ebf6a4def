// Import and export are for those who draw a community's areas: admins and the planners of its
// town. Another town's community answers as an unknown one, and the probe is audited.
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';

export interface EditableCommunity {
  id: string;
  name: string;
  nameEn: string;
}

export async function editableCommunity(ctx: AppContext, communityId: string, user: AuthUser): Promise<EditableCommunity> {
  const row = await ctx.db.knex('communities').where({ region: ctx.region, id: communityId }).first('id', 'name', 'name_en', 'town_id');
  if (!row) throw notFound(`community "${communityId}"`);
  if (user.role !== 'admin' && !(user.role === 'planner' && user.towns.includes(row.town_id as string))) {
    await audit(ctx, { action: 'authz_denied', actorId: user.id, actor: user.username, objectType: 'community', objectId: communityId, detail: { reason: 'outside_towns' } });
    throw notFound(`community "${communityId}"`);
  }
  return { id: row.id as string, name: row.name as string, nameEn: row.name_en as string };
}
