// Levels 3 and 4 kept consistent with where the buildings are, inside the write that moved them:
// a building whose party group lies in another area joins the nearest group of its new area
// (by the centroid of that group's buildings), or a first group made for an area without one;
// groups left empty go with their level-4 organisation; then the organisations follow
// (organisations/follow.ts: made for a new area, gone with a removed one, members and form).
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { GROUP_OUTLINE } from '../groups/outline';
import type { AuthUser } from '../auth/service';
import { areaOrgId, followMembers, groupOrgId } from '../organisations/follow';
import type { Within } from '../../db/write';

export interface OrganisationChanges {
  buildingsRegrouped: number;
  groupsCreated: string[];
  groupsDeleted: string[];
  orgsCreated: string[];
  orgsUpdated: string[];
  orgsDeleted: string[];
}

type Row = Record<string, unknown>;
const ids = (rows: Row[], column = 'id') => rows.map((r) => String(r[column]));
const list = (values: Iterable<string>) => JSON.stringify([...values]);
const IN_LIST = (column: string, binding: string) => `${column} IN (SELECT jsonb_array_elements_text(:${binding}::jsonb))`;

async function newGroupId(trx: Knex.Transaction, region: string): Promise<string> {
  for (;;) {
    const id = `G-${randomBytes(6).toString('hex')}`;
    const taken = await trx('party_groups').where({ region, id }).first('id');
    if (!taken) return id;
  }
}

/**
 * Where each group of the community (`:region`, `:community`) is, for a building to join the
 * nearest: the centroid of its buildings that lie in its own area (`id`, `area_id`, `centre`).
 */
export const GROUP_ANCHORS = `
  SELECT g.id, g.area_id, ST_Centroid(ST_Collect(b.geom)) AS centre
  FROM party_groups g JOIN buildings b ON b.region = g.region AND b.group_id = g.id AND b.area_id = g.area_id
  JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
  WHERE g.region = :region AND a.community_id = :community
  GROUP BY g.id, g.area_id`;

/** An area's first party group, named after it (第一党小组); its organisation follows with the members. */
export async function firstGroup({ trx, touch }: Within, region: string, actor: string, area: { id: string; name: string; name_en: string }): Promise<string> {
  const id = await newGroupId(trx, region);
  await trx('party_groups').insert({ region, id, area_id: area.id, name: `${area.name}第一党小组`, name_en: `${area.name_en} Group 1`, updated_by: actor });
  touch('party_groups', { region, id });
  return id;
}

/**
 * Brings the community's groups and level-3/4 organisations in line with its buildings' areas.
 * `removedAreas` are about to be deleted: their level-3 organisations go now (their groups are
 * empty by then, the save having moved every building). `reshaped` are groups whose buildings
 * the caller added, moved or removed: their outlines are redrawn (or they go, when left empty).
 */
export async function refreshOrganisations(
  ctx: AppContext,
  { trx, touch }: Within,
  actor: AuthUser,
  community: string,
  removedAreas: string[],
  reshaped: readonly string[] = [],
): Promise<OrganisationChanges> {
  const { region } = ctx;
  const base = { region, community, actor: actor.username };
  const changes: OrganisationChanges = { buildingsRegrouped: 0, groupsCreated: [], groupsDeleted: [], orgsCreated: [], orgsUpdated: [], orgsDeleted: [] };

  const { rows: misplaced } = await trx.raw(
    `SELECT b.id, b.area_id, b.group_id, g.area_id AS group_area
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     JOIN party_groups g ON g.region = b.region AND g.id = b.group_id
     WHERE b.region = :region AND a.community_id = :community AND g.area_id <> b.area_id`,
    base,
  );
  const changedGroups = new Set([...reshaped, ...ids(misplaced, 'group_id')]);
  const regroup = (sql: string, bindings: Record<string, Knex.Value>) =>
    trx.raw(
      `UPDATE buildings b SET group_id = m.group_id, version = b.version + 1, updated_at = now(), updated_by = :actor
       FROM (${sql}) m WHERE b.region = :region AND b.id = m.id AND b.group_id <> m.group_id
       RETURNING b.id, b.group_id`,
      { ...base, ...bindings },
    );
  const regrouped = (rows: Row[]) => {
    for (const r of rows) {
      touch('buildings', { region, id: String(r.id) });
      changedGroups.add(String(r.group_id));
    }
    changes.buildingsRegrouped += rows.length;
  };

  // Areas receiving buildings but without a group that has any of its own buildings: a first group.
  const { rows: groupless } = await trx.raw(
    `SELECT a.id, a.name, a.name_en FROM contracted_areas a
     WHERE a.region = :region AND ${IN_LIST('a.id', 'areas')}
       AND NOT EXISTS (SELECT 1 FROM party_groups g JOIN buildings b ON b.region = g.region AND b.group_id = g.id AND b.area_id = g.area_id
                       WHERE g.region = a.region AND g.area_id = a.id)
     ORDER BY a.id`,
    { region, areas: list(new Set(ids(misplaced, 'area_id'))) },
  );
  for (const a of groupless) {
    const id = await firstGroup({ trx, touch }, region, actor.username, a);
    changes.groupsCreated.push(id);
    const { rows } = await regroup(
      `SELECT b.id, :group::text AS group_id FROM buildings b JOIN party_groups g ON g.region = b.region AND g.id = b.group_id
       WHERE b.region = :region AND b.area_id = :area AND g.area_id <> b.area_id`,
      { group: id, area: String(a.id) },
    );
    regrouped(rows);
  }

  // The rest join the nearest group of their new area that has buildings of its own.
  const { rows: nearest } = await regroup(
    `WITH anchor AS (${GROUP_ANCHORS})
     SELECT b.id, (SELECT n.id FROM anchor n WHERE n.area_id = b.area_id ORDER BY ST_Distance(n.centre, b.geom), n.id LIMIT 1) AS group_id
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     JOIN party_groups g ON g.region = b.region AND g.id = b.group_id
     WHERE b.region = :region AND a.community_id = :community AND g.area_id <> b.area_id`,
    {},
  );
  regrouped(nearest);

  const { rows: emptied } = await trx.raw(
    `DELETE FROM party_groups g USING contracted_areas a
     WHERE g.region = :region AND a.region = g.region AND a.id = g.area_id AND a.community_id = :community
       AND NOT EXISTS (SELECT 1 FROM buildings b WHERE b.region = g.region AND b.group_id = g.id)
     RETURNING g.id`,
    base,
  );
  changes.groupsDeleted = ids(emptied);
  for (const id of changes.groupsDeleted) {
    touch('party_groups', { region, id });
    changedGroups.delete(id);
  }

  if (changedGroups.size) {
    const { rows } = await trx.raw(
      `UPDATE party_groups g SET geom = h.geom, version = g.version + 1, updated_at = now(), updated_by = :actor
       FROM (SELECT group_id, ${GROUP_OUTLINE} AS geom FROM buildings WHERE region = :region AND ${IN_LIST('group_id', 'groups')} GROUP BY group_id) h
       WHERE g.region = :region AND g.id = h.group_id
       RETURNING g.id`,
      { ...base, groups: list(changedGroups) },
    );
    for (const r of rows as Row[]) touch('party_groups', { region, id: String(r.id) });
  }

  const followed = await followMembers({ trx, touch }, base, [...removedAreas.map(areaOrgId), ...changes.groupsDeleted.map(groupOrgId)]);
  Object.assign(changes, { orgsCreated: followed.created, orgsUpdated: followed.updated, orgsDeleted: followed.deleted });
  return changes;
}
