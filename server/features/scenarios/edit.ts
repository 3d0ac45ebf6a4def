// Creating, saving and discarding drafts. A save replaces the scenario's groups whole, after
// every id and overlap is checked, so a refused save leaves the stored draft as it was.
import { communityNameEn } from '../../analysis/name-en';
import type { AppContext } from '../../context';
import { problem, RefusedError } from '../../http/errors';
import { editsTown } from '../../domain/jurisdiction';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { resolveGroups } from './members';
import type { CreateScenario, UpdateScenario } from './schema';
import { bumpScenario, lockScenario, newScenarioId, reachScenario, type Scenario } from './store';

export async function createScenario(ctx: AppContext, user: AuthUser, body: CreateScenario): Promise<Scenario> {
  const { region } = ctx;
  const allTowns = (await ctx.db.knex('towns').where({ region }).orderBy('id').pluck('id')) as string[];
  const reachable = allTowns.filter((t) => editsTown(user, t));
  const townIds = body.townIds ? [...new Set(body.townIds)].sort() : reachable;
  const outside = townIds.filter((t) => !reachable.includes(t));
  if (outside.length) throw new RefusedError([problem({ code: 'scenario_towns_outside', params: { towns: outside }, ids: outside })]);
  if (!townIds.length) throw new RefusedError([problem({ code: 'scenario_no_towns' })]);
  const id = newScenarioId();
  await ctx.db.write(async (trx, touch) => {
    await trx('scenarios').insert({ region, id, name: body.name, town_ids: townIds, created_by: user.username, updated_by: user.username });
    touch('scenarios', { region, id });
    await audit(ctx, { action: 'create', actorId: user.id, actor: user.username, objectType: 'scenario', objectId: id, versionAfter: 1, detail: { name: body.name, townIds } }, { trx, touch });
  });
  return reachScenario(ctx, user, id);
}

export async function updateScenario(ctx: AppContext, user: AuthUser, id: string, body: UpdateScenario): Promise<Scenario> {
  const { region } = ctx;
  // Out of reach is a 404 before anything about the body's ids is said.
  await reachScenario(ctx, user, id, true);
  return ctx.db.write(async (trx, touch) => {
    const within = { trx, touch };
    const before = await lockScenario(ctx, within, user, id, body.version);
    const groups = body.groups.map((g, i) => ({ key: g.key ?? `g${i + 1}`, name: g.name, nameEn: g.nameEn ?? communityNameEn(g.name), villages: [...new Set(g.villages)], communities: [...new Set(g.communities)] }));
    await resolveGroups(trx, region, before.townIds, groups);

    for (const g of before.groups) touch('scenario_groups', { region, scenario_id: id, key: g.key });
    for (const g of before.groups) {
      for (const v of g.villages) touch('scenario_members', { region, scenario_id: id, kind: 'village', member_id: v });
      for (const c of g.communities) touch('scenario_members', { region, scenario_id: id, kind: 'community', member_id: c });
    }
    await trx('scenario_groups').where({ region, scenario_id: id }).delete();
    for (const [position, g] of groups.entries()) {
      await trx('scenario_groups').insert({ region, scenario_id: id, key: g.key, position, name: g.name, name_en: g.nameEn });
      touch('scenario_groups', { region, scenario_id: id, key: g.key });
      const members = [...g.villages.map((m) => ['village', m]), ...g.communities.map((m) => ['community', m])];
      if (members.length) await trx('scenario_members').insert(members.map(([kind, member]) => ({ region, scenario_id: id, group_key: g.key, kind, member_id: member })));
      for (const [kind, member] of members) touch('scenario_members', { region, scenario_id: id, kind: kind!, member_id: member! });
    }
    return bumpScenario(ctx, within, user, before, body.name ? { name: body.name } : {}, 'update', { groups: groups.length, ...(body.name ? { name: body.name } : {}) });
  });
}

export async function discardScenario(ctx: AppContext, user: AuthUser, id: string, version: number): Promise<Scenario> {
  await reachScenario(ctx, user, id, true);
  return ctx.db.write(async (trx, touch) => {
    const within = { trx, touch };
    const before = await lockScenario(ctx, within, user, id, version);
    return bumpScenario(ctx, within, user, before, { status: 'discarded' }, 'discard', {});
  });
}
