// Keeps an area's party organisations in step with its buildings: one level-4 党小组 per
// building group (P4-<groupId>, created for a new group, deleted with its group), members
// recounted from the buildings' party members, and the level-3 片区 organisation's members
// recounted with its form following the count (formFor: ≥ 100 党委, 50–99 党总支, < 50 党支部).
import type { Knex } from 'knex';
import type { OrgForm } from '../../../data/city';
import { formFor } from '../../../data/generator/party';
import type { Touch } from '../../db/database';

export const areaOrgId = (areaId: string) => `P3-${areaId}`;
export const groupOrgId = (groupId: string) => `P4-${groupId}`;

interface Within {
  trx: Knex.Transaction;
  touch: Touch;
  region: string;
  actor: string;
}

/** The level-3 name follows its form: 某片区党支部 becomes 某片区党总支 once it has 50 members. */
function renamedForForm(name: string, before: string, after: OrgForm): string {
  return name.endsWith(before) ? name.slice(0, name.length - before.length) + after : name;
}

/** Deletes the 党小组 of groups about to be deleted (before the groups themselves go). */
export async function dropGroupOrganisations({ trx, touch, region }: Within, groupIds: readonly string[]): Promise<void> {
  if (!groupIds.length) return;
  const ids = groupIds.map(groupOrgId);
  await trx('party_orgs').where({ region, level: 4 }).whereIn('id', ids).del();
  for (const id of ids) touch('party_orgs', { region, id });
}

/** Recounts every organisation of the area; answers the level-3 form and members after. */
export async function recountOrganisations(w: Within, areaId: string): Promise<{ form: OrgForm; members: number } | null> {
  const { trx, touch, region, actor } = w;
  const groups: { id: string; name: string; members: number }[] = (
    await trx.raw(
      `SELECT g.id, g.name, coalesce(sum(b.party_members), 0)::int AS members
         FROM party_groups g LEFT JOIN buildings b ON b.region = g.region AND b.group_id = g.id
        WHERE g.region = ? AND g.area_id = ? GROUP BY g.id, g.name ORDER BY g.id`,
      [region, areaId],
    )
  ).rows;
  const orgs = new Map<string, { name: string; members: number }>(
    (await trx('party_orgs').where({ region, level: 4 }).whereIn('unit_id', groups.map((g) => g.id)).select('unit_id', 'name', 'members')).map(
      (o: { unit_id: string; name: string; members: number }) => [o.unit_id, o],
    ),
  );
  for (const g of groups) {
    const org = orgs.get(g.id);
    const id = groupOrgId(g.id);
    if (!org) {
      await trx('party_orgs').insert({ region, id, level: 4, unit_id: g.id, name: g.name, form: '党小组', members: g.members, secretary: '', updated_by: actor });
      touch('party_orgs', { region, id });
    } else if (org.name !== g.name || Number(org.members) !== g.members) {
      await trx('party_orgs').where({ region, id }).update({ name: g.name, members: g.members, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor });
      touch('party_orgs', { region, id });
    }
  }

  const id = areaOrgId(areaId);
  const area = await trx('party_orgs').where({ region, id }).first('name', 'form', 'members');
  if (!area) return null;
  const members = Number(
    (await trx('buildings').where({ region, area_id: areaId }).sum({ n: 'party_members' }).first())?.n ?? 0,
  );
  const form = formFor(members);
  if (form !== area.form || members !== Number(area.members)) {
    await trx('party_orgs')
      .where({ region, id })
      .update({ form, members, name: renamedForForm(area.name, area.form, form), version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor });
    touch('party_orgs', { region, id });
  }
  return { form, members };
}
