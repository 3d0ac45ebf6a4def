// Level-3 (片区党支部 …) and level-4 (楼栋党小组) organisations follow the units and buildings under
// them, inside the write that changed those, whichever write it is (a plan of areas, an area's
// groups): every area and group of the community has its organisation (made when missing; the
// secretary is the party's choice, so left blank), members are the party members of the unit's
// buildings, a level-3 organisation's form follows them (formFor: ≥ 100 党委, 50–99 党总支,
// < 50 党支部) and so does the form word in its name; the organisations of units about to go are
// deleted first.
import { formFor, type OrgForm } from '../../domain/organisations';
import type { Within } from '../../db/write';

export const areaOrgId = (areaId: string) => `P3-${areaId}`;
export const groupOrgId = (groupId: string) => `P4-${groupId}`;

export interface OrganisationsFollowed {
  created: string[];
  updated: string[];
  deleted: string[];
}

interface UnitRow {
  level: number;
  unit: string;
  name: string;
  members: number;
  org: string | null;
  org_name: string | null;
  had: number | null;
  was: OrgForm | null;
}

/** 某片区党支部 becomes 某片区党总支 when its members pass 50. */
const renamedForForm = (name: string, before: string, after: OrgForm) => (name.endsWith(before) ? name.slice(0, name.length - before.length) + after : name);

export async function followMembers(
  { trx, touch }: Within,
  scope: { region: string; community: string; actor: string },
  /** Organisation ids whose units are being deleted in this write. */
  gone: readonly string[],
): Promise<OrganisationsFollowed> {
  const { region, community, actor } = scope;
  const followed: OrganisationsFollowed = { created: [], updated: [], deleted: [] };
  if (gone.length) {
    const { rows } = await trx.raw(`DELETE FROM party_orgs WHERE region = ? AND id IN (SELECT jsonb_array_elements_text(?::jsonb)) RETURNING id`, [region, JSON.stringify(gone)]);
    followed.deleted = (rows as { id: string }[]).map((r) => r.id);
    for (const id of followed.deleted) touch('party_orgs', { region, id });
  }
  const { rows } = await trx.raw(
    `SELECT 3 AS level, a.id AS unit, c.name || a.name AS name, coalesce(sum(b.party_members), 0)::int AS members,
            o.id AS org, o.name AS org_name, o.members AS had, o.form AS was
       FROM contracted_areas a JOIN communities c ON c.region = a.region AND c.id = a.community_id
       LEFT JOIN buildings b ON b.region = a.region AND b.area_id = a.id
       LEFT JOIN party_orgs o ON o.region = a.region AND o.id = 'P3-' || a.id
      WHERE a.region = :region AND a.community_id = :community
      GROUP BY a.id, a.name, c.name, o.id, o.name, o.members, o.form
     UNION ALL
     SELECT 4, g.id, c.name || g.name, coalesce(sum(b.party_members), 0)::int, o.id, o.name, o.members, o.form
       FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
       JOIN communities c ON c.region = a.region AND c.id = a.community_id
       LEFT JOIN buildings b ON b.region = g.region AND b.group_id = g.id
       LEFT JOIN party_orgs o ON o.region = g.region AND o.id = 'P4-' || g.id
      WHERE g.region = :region AND a.community_id = :community
      GROUP BY g.id, g.name, c.name, o.id, o.name, o.members, o.form`,
    { region, community },
  );
  const going = new Set(gone);
  for (const u of rows as UnitRow[]) {
    const level = Number(u.level);
    const id = level === 3 ? areaOrgId(u.unit) : groupOrgId(u.unit);
    if (going.has(id)) continue;
    const members = Number(u.members);
    const form: OrgForm = level === 3 ? formFor(members) : '党小组';
    if (u.org === null) {
      await trx('party_orgs').insert({ region, id, level, unit_id: u.unit, name: level === 3 ? `${u.name}${form}` : u.name, form, members, secretary: '', updated_by: actor });
      followed.created.push(id);
    } else if (Number(u.had) !== members || u.was !== form) {
      const name = renamedForForm(u.org_name!, u.was!, form);
      await trx('party_orgs').where({ region, id }).update({ members, form, name, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor });
      followed.updated.push(id);
    } else continue;
    touch('party_orgs', { region, id });
  }
  return followed;
}
