// One area's building party groups: read them, propose a grouping, save a whole grouping.
// A save is one transaction: the area row is locked (so two saves of one area queue), every
// group's version is compared with the one the client started from, the rules are checked,
// then buildings move, groups are created, redrawn or deleted, and the organisations recounted.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { checkGrouping } from '../../analysis/grouping/check';
import type { GroupingProposal, GroupMeasure } from '../../analysis/grouping/propose';
import type { AppContext } from '../../context';
import { runJob } from '../../runtime/pool';
import { ConflictError, notFound, problem, RefusedError } from '../../http/errors';
import { audit } from '../audit/service';
import { refuseOutsideTowns } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { GROUP_OUTLINE } from './outline';
import { areaOrgId, followMembers, groupOrgId } from '../organisations/follow';
import { followRename } from '../organisations/rename';
import type { AreaGrouping, GroupOrg, PartyGroup } from './types';

export interface GroupDraft {
  id?: string;
  version?: number;
  name: string;
  nameEn?: string;
  buildings: string[];
}

export interface GroupingSave {
  groups: GroupDraft[];
  removed?: { id: string; version: number }[];
}


/** The area if this user may edit it; another town's area is the same 404 as a missing one, and audited. */
async function reachArea(ctx: AppContext, user: AuthUser, areaId: string): Promise<void> {
  const row = await ctx.db
    .knex('contracted_areas as a')
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where({ 'a.region': ctx.region, 'a.id': areaId })
    .first('c.town_id');
  await refuseOutsideTowns(ctx, user, 'area', areaId, row && [row.town_id as string]);
}

const orgOf = (row: { form: string | null; members: number | null; secretary: string | null }): GroupOrg | null =>
  row.form === null ? null : { form: row.form as GroupOrg['form'], members: Number(row.members), secretary: row.secretary ?? '' };

/** The grouping as it is, read with `k` (the caller's transaction or the pool). */
async function readGrouping(k: Knex, region: string, areaId: string): Promise<AreaGrouping> {
  const area = (
    await k.raw(
      `SELECT a.id, a.version, a.name, a.name_en, a.lead_name, a.lead_phone, c.id AS community_id, c.name AS community_name, c.name_en AS community_name_en,
              o.form, o.members, o.secretary
         FROM contracted_areas a
         JOIN communities c ON c.region = a.region AND c.id = a.community_id
         LEFT JOIN party_orgs o ON o.region = a.region AND o.id = ?
        WHERE a.region = ? AND a.id = ?`,
      [areaOrgId(areaId), region, areaId],
    )
  ).rows[0];
  if (!area) throw notFound('area', areaId);
  const groups: Array<Record<string, unknown>> = (
    await k.raw(
      `SELECT g.id, g.version, g.name, g.name_en, o.form, o.members, o.secretary
         FROM party_groups g
         LEFT JOIN party_orgs o ON o.region = g.region AND o.level = 4 AND o.id = 'P4-' || g.id
        WHERE g.region = ? AND g.area_id = ?
        ORDER BY g.id`,
      [region, areaId],
    )
  ).rows;
  const buildings: Array<Record<string, unknown>> = (
    await k.raw(
      `SELECT id, group_id, address, ST_X(geom) AS lng, ST_Y(geom) AS lat, households, population, party_members
         FROM buildings WHERE region = ? AND area_id = ? ORDER BY id`,
      [region, areaId],
    )
  ).rows;
  const byGroup = new Map<string, PartyGroup>(
    groups.map((g) => [
      g.id as string,
      {
        id: g.id as string,
        version: Number(g.version),
        name: g.name as string,
        nameEn: g.name_en as string,
        members: 0,
        buildings: [],
        org: orgOf(g as Parameters<typeof orgOf>[0]),
      },
    ]),
  );
  for (const b of buildings) {
    const group = byGroup.get(b.group_id as string);
    if (!group) continue;
    const partyMembers = Number(b.party_members);
    group.members += partyMembers;
    group.buildings.push({
      id: b.id as string,
      address: b.address as string,
      lng: Number(b.lng),
      lat: Number(b.lat),
      households: Number(b.households),
      population: Number(b.population),
      partyMembers,
    });
  }
  return {
    area: {
      id: area.id,
      version: Number(area.version),
      name: area.name,
      nameEn: area.name_en,
      communityId: area.community_id,
      communityName: area.community_name,
      communityNameEn: area.community_name_en,
      leadName: area.lead_name,
      leadPhone: area.lead_phone,
      org: orgOf(area),
    },
    groups: [...byGroup.values()],
  };
}

export async function getGrouping(ctx: AppContext, user: AuthUser, areaId: string): Promise<AreaGrouping> {
  await reachArea(ctx, user, areaId);
  return readGrouping(ctx.db.knex, ctx.region, areaId);
}

export async function proposeGrouping(ctx: AppContext, user: AuthUser, areaId: string, targetSize: number, by: GroupMeasure): Promise<GroupingProposal> {
  await reachArea(ctx, user, areaId);
  const rows: Array<Record<string, unknown>> = (
    await ctx.db.knex.raw(
      `SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat, party_members, households, population, estate_id
         FROM buildings WHERE region = ? AND area_id = ? ORDER BY id`,
      [ctx.region, areaId],
    )
  ).rows;
  const buildings = rows.map((r) => ({
    id: r.id as string,
    point: [Number(r.lng), Number(r.lat)] as [number, number],
    partyMembers: Number(r.party_members),
    households: Number(r.households),
    population: Number(r.population),
    estateId: r.estate_id as string,
  }));
  return runJob('districting.groups', { buildings, targetSize, by });
}

/** The 409 for the grouping as it turns out to be now, made once that has been read. */
type Stale = (current: AreaGrouping) => ConflictError<AreaGrouping>;

/** Why the client's picture of the groups is out of date, or null when it is current. */
function staleness(current: Map<string, number>, save: GroupingSave): Stale | null {
  const named = new Set<string>();
  for (const g of [...save.groups.filter((d) => d.id !== undefined), ...(save.removed ?? [])]) {
    const id = g.id!;
    const version = current.get(id);
    if (version === undefined) return (now) => new ConflictError(now, 'group_not_in_area', { id });
    if (version !== g.version) return (now) => new ConflictError(now, 'group', id, version, g.version!);
    named.add(id);
  }
  const unnamed = [...current.keys()].filter((id) => !named.has(id));
  return unnamed.length ? (now) => new ConflictError(now, 'groups_unaccounted', { ids: unnamed }) : null;
}

// A group is drawn as its buildings' outline, as seeded.
const redrawHulls = (groups: number) => `
  UPDATE party_groups g SET geom = h.geom
    FROM (SELECT group_id, ${GROUP_OUTLINE} AS geom FROM buildings WHERE region = ? AND group_id IN (${Array(groups).fill('?').join(', ')}) GROUP BY group_id) h
   WHERE g.region = ? AND g.id = h.group_id`;

export async function saveGrouping(ctx: AppContext, user: AuthUser, areaId: string, save: GroupingSave): Promise<AreaGrouping> {
  await reachArea(ctx, user, areaId);
  const { region } = ctx;
  const stale = await ctx.db.write(async (trx, touch) => {
    // Saves of one area queue here; the area itself is not changed.
    await trx('contracted_areas').where({ region, id: areaId }).forUpdate().first('id');
    const groupRows: { id: string; version: number; name: string; name_en: string }[] = await trx('party_groups')
      .where({ region, area_id: areaId })
      .forUpdate()
      .select('id', 'version', 'name', 'name_en');
    const why = staleness(new Map(groupRows.map((g) => [g.id, Number(g.version)])), save);
    if (why) return why;

    const buildingRows: { id: string; group_id: string }[] = await trx('buildings').where({ region, area_id: areaId }).select('id', 'group_id');
    const removedIds = (save.removed ?? []).map((r) => r.id);
    const problems = checkGrouping(buildingRows.map((b) => b.id), save.groups, removedIds);
    if (problems.length) throw new RefusedError(problems.map((p) => problem(p)));

    const before = new Map(groupRows.map((g) => [g.id, g]));
    const ids = save.groups.map((g) => g.id ?? `G-${randomUUID()}`);
    const created = ids.filter((_, i) => save.groups[i]!.id === undefined);
    for (const [i, g] of save.groups.entries()) {
      if (g.id !== undefined) continue;
      await trx('party_groups').insert({ region, id: ids[i], area_id: areaId, name: g.name, name_en: g.nameEn ?? g.name, updated_by: user.username });
      touch('party_groups', { region, id: ids[i]! });
    }

    const target = new Map<string, string>();
    save.groups.forEach((g, i) => g.buildings.forEach((b) => target.set(b, ids[i]!)));
    const moves = buildingRows.filter((b) => target.get(b.id) !== b.group_id);
    if (moves.length) {
      await trx.raw(
        `UPDATE buildings b SET group_id = m.group_id, version = b.version + 1, updated_at = now(), updated_by = ?
           FROM jsonb_to_recordset(?::jsonb) AS m(id text, group_id text)
          WHERE b.region = ? AND b.id = m.id`,
        [user.username, JSON.stringify(moves.map((b) => ({ id: b.id, group_id: target.get(b.id) }))), region],
      );
      for (const b of moves) touch('buildings', { region, id: b.id });
    }

    const regrouped = new Set([...moves.map((b) => b.group_id), ...moves.map((b) => target.get(b.id)!)]);
    const changed = save.groups.flatMap((g, i) => {
      const was = g.id === undefined ? undefined : before.get(g.id);
      if (!was) return [];
      const nameEn = g.nameEn ?? was.name_en;
      return regrouped.has(g.id!) || was.name !== g.name || was.name_en !== nameEn ? [{ id: ids[i]!, name: g.name, nameEn }] : [];
    });
    for (const g of changed) {
      await trx('party_groups')
        .where({ region, id: g.id })
        .update({ name: g.name, name_en: g.nameEn, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: user.username });
      touch('party_groups', { region, id: g.id });
    }
    const orgsRenamed: string[] = [];
    for (const g of changed) {
      const from = before.get(g.id)!.name;
      orgsRenamed.push(...(await followRename({ trx, touch }, { region, actor: user.username }, { kind: 'group', id: g.id, from, to: g.name })));
    }
    const redraw = [...created, ...changed.map((g) => g.id)];
    if (redraw.length) await trx.raw(redrawHulls(redraw.length), [region, ...redraw, region]);

    const { community_id: community } = await trx('contracted_areas').where({ region, id: areaId }).first('community_id');
    const followed = await followMembers({ trx, touch }, { region, community, actor: user.username }, removedIds.map(groupOrgId));
    if (removedIds.length) {
      await trx('party_groups').where({ region, area_id: areaId }).whereIn('id', removedIds).del();
      for (const id of removedIds) touch('party_groups', { region, id });
    }
    const org = await trx('party_orgs').where({ region, id: areaOrgId(areaId) }).first('form', 'members');

    await audit(
      ctx,
      {
        action: 'update',
        actorId: user.id,
        actor: user.username,
        objectType: 'area_groups',
        objectId: areaId,
        detail: { created, changed: changed.map((g) => g.id), removed: removedIds, buildingsMoved: moves.length, org: org ? { form: org.form, members: Number(org.members) } : null, orgsRemoved: followed.deleted, orgsRenamed },
      },
      { trx, touch },
    );
    return null;
  });
  const current = await readGrouping(ctx.db.knex, region, areaId);
  if (stale) throw stale(current);
  return current;
}
