// The one server answer to "may this user reach this object of these towns": the jurisdiction
// rule of the domain, else the same 404 as an unknown id (so a planner cannot tell another
// town's ids from made-up ones), and the probe is audited for the admins to see.
import type { AppContext } from '../../context';
import { editsTowns, readsTowns, seesLeadPhone } from '../../domain/jurisdiction';
import type { Viewer } from '../../domain/roles';
import type { ObjectWord } from '../../domain/words';
import { notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from './service';

/** What the caller wants of the object: change it, read it, or see its lead's phone (cards, reveal). */
const RULES = {
  edit: editsTowns,
  read: readsTowns,
  leadPhone: (v: Viewer, townIds: readonly string[]) => townIds.every((t) => seesLeadPhone(v, t)),
} satisfies Record<string, (v: Viewer, townIds: readonly string[]) => boolean>;
export type Access = keyof typeof RULES;

/**
 * Throws the 404 unless `user` may `access` (edit by default) an object lying in `townIds`;
 * `townIds` undefined means there is no such object (404, nothing audited).
 */
export async function refuseOutsideTowns(
  ctx: AppContext,
  user: AuthUser,
  what: ObjectWord,
  id: string,
  townIds: readonly string[] | undefined,
  access: Access = 'edit',
): Promise<void> {
  if (townIds === undefined) throw notFound(what, id);
  await refuseUnless(ctx, user, what, id, RULES[access](user, townIds));
}

/**
 * The same answer where reach is not towns alone (a request: its area's lead, its town's
 * staff, the city's readers): the 404 of an unknown id unless `allowed`, and the probe audited.
 */
export async function refuseUnless(ctx: AppContext, user: AuthUser, what: ObjectWord, id: string, allowed: boolean): Promise<void> {
  if (allowed) return;
  await audit(ctx, { action: 'authz_denied', actorId: user.id, actor: user.username, objectType: what, objectId: id, detail: { reason: 'outside_towns' } });
  throw notFound(what, id);
}

/** A community the user may edit (plans, import and export): its names, or the guard's 404. */
export async function reachCommunity(ctx: AppContext, user: AuthUser, communityId: string): Promise<{ id: string; name: string; nameEn: string }> {
  const row = await ctx.db.knex('communities').where({ region: ctx.region, id: communityId }).first('id', 'name', 'name_en', 'town_id');
  await refuseOutsideTowns(ctx, user, 'community', communityId, row && [row.town_id as string]);
  return { id: row.id as string, name: row.name as string, nameEn: row.name_en as string };
}
