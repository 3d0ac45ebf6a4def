// An organisation is named after its unit: 社区 name + form word (level 2), 社区 name + 片区 name +
// form word (level 3), 社区 name + group name (level 4). When a unit is renamed, the part of each
// name that is the unit's old name becomes the new one, inside the write that renamed the unit;
// what follows it (the form word) is kept. A community's rename reaches the organisations of its
// areas and groups too, as their names start with it.
import type { Within } from '../../db/write';

export type RenamedUnit = 'community' | 'area' | 'group';

// Per kind of unit: the organisations named after it (`level`, `unit`) and how their names start
// before (`old_start`) and after (`new_start`) the rename.
const NAMED_AFTER: Record<RenamedUnit, string> = {
  community: `
    SELECT 2 AS level, :unit::text AS unit, :from::text AS old_start, :to::text AS new_start
    UNION ALL SELECT 3, a.id, :from::text, :to::text FROM contracted_areas a WHERE a.region = :region AND a.community_id = :unit
    UNION ALL SELECT 4, g.id, :from::text, :to::text
      FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
     WHERE g.region = :region AND a.community_id = :unit`,
  area: `
    SELECT 3 AS level, a.id AS unit, c.name || :from::text AS old_start, c.name || :to::text AS new_start
      FROM contracted_areas a JOIN communities c ON c.region = a.region AND c.id = a.community_id
     WHERE a.region = :region AND a.id = :unit`,
  group: `
    SELECT 4 AS level, g.id AS unit, c.name || :from::text AS old_start, c.name || :to::text AS new_start
      FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
      JOIN communities c ON c.region = a.region AND c.id = a.community_id
     WHERE g.region = :region AND g.id = :unit`,
};

export const namesOrganisations = (kind: string): kind is RenamedUnit => kind in NAMED_AFTER;

/**
 * Renames the organisations named after `unit`, which was called `from` and is now `to`; answers
 * their ids. An organisation whose name does not start with what the unit's name made it has
 * been named by hand (or by the party), and a hand-given name is not ours to rewrite: it is left alone.
 */
export async function followRename(
  { trx, touch }: Within,
  scope: { region: string; actor: string },
  unit: { kind: RenamedUnit; id: string; from: string; to: string },
): Promise<string[]> {
  if (unit.from === unit.to) return [];
  const { region, actor } = scope;
  const { rows } = await trx.raw(
    `UPDATE party_orgs o SET name = r.new_start || substr(o.name, char_length(r.old_start) + 1),
            version = o.version + 1, updated_at = now(), updated_by = :actor
       FROM (${NAMED_AFTER[unit.kind]}) r
      WHERE o.region = :region AND o.level = r.level AND o.unit_id = r.unit AND left(o.name, char_length(r.old_start)) = r.old_start
      RETURNING o.id`,
    { region, actor, unit: unit.id, from: unit.from, to: unit.to },
  );
  const renamed = (rows as { id: string }[]).map((r) => r.id);
  for (const id of renamed) touch('party_orgs', { region, id });
  return renamed;
}
