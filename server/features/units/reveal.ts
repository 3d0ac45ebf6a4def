// A deliberate look at an area lead's full phone number: allowed where the info panel offers
// it (phoneRevealable), and always audited (the area, never the number).
import type { AppContext } from '../../context';
import { audit } from '../audit/service';
import { refuseOutsideTowns } from '../auth/guard';
import type { AuthUser } from '../auth/service';

export async function revealLeadPhone(ctx: AppContext, areaId: string, viewer: AuthUser): Promise<{ phone: string }> {
  const { db, region } = ctx;
  const area = await db
    .knex('contracted_areas as a')
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where({ 'a.region': region, 'a.id': areaId })
    .first('a.lead_phone', 'c.town_id');
  await refuseOutsideTowns(ctx, viewer, 'area', areaId, area && [area.town_id as string], 'leadPhone');
  await audit(ctx, {
    action: 'reveal', actorId: viewer.id, actor: viewer.username, objectType: 'area', objectId: areaId, detail: { field: 'lead_phone', role: viewer.role },
  });
  return { phone: area.lead_phone };
}
