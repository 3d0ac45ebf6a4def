// A deliberate look at an area lead's full phone number: allowed where the info panel offers
// it (phoneRevealable), and always audited (the area, never the number).
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { leadPhoneAccess } from './service';

export async function revealLeadPhone(ctx: AppContext, areaId: string, viewer: AuthUser): Promise<{ phone: string }> {
  const { db, region } = ctx;
  const area = await db
    .knex('contracted_areas as a')
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where({ 'a.region': region, 'a.id': areaId })
    .first('a.lead_phone', 'c.town_id');
  // A planner of another town hears what an unknown id hears, so ids can't be probed.
  if (!area || leadPhoneAccess(viewer, area.town_id) === 'masked') throw notFound(`area "${areaId}"`);
  await audit(ctx, {
    action: 'reveal', actorId: viewer.id, actor: viewer.username, objectType: 'area', objectId: areaId, detail: { field: 'lead_phone', role: viewer.role },
  });
  return { phone: area.lead_phone };
}
