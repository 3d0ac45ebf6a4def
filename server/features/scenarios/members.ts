// A scenario's groups as villages: whole communities stand for their villages as they are now.
// Every id must be a village or community inside the scenario's towns (others are unknown, so
// a planner learns nothing about other towns), a community must have villages, and no village
// may be in two groups, directly or through its community.
import type { Knex } from 'knex';
import type { Problem } from '../../domain/problems';
import { problem, RefusedError } from '../../http/errors';
import type { ScenarioGroup } from './store';

export interface ResolvedGroup extends ScenarioGroup {
  /** Every village of the group, communities expanded, sorted. */
  members: string[];
}

export async function resolveGroups(k: Knex, region: string, townIds: string[], groups: ScenarioGroup[]): Promise<ResolvedGroup[]> {
  const villageIds = [...new Set(groups.flatMap((g) => g.villages))];
  const communityIds = [...new Set(groups.flatMap((g) => g.communities))];
  const { rows: villages } = await k.raw(
    `SELECT id, community_id FROM villages WHERE region = :region AND town_id = ANY(:towns)
       AND (id IN (SELECT jsonb_array_elements_text(:villages::jsonb)) OR community_id IN (SELECT jsonb_array_elements_text(:communities::jsonb)))`,
    { region, towns: townIds, villages: JSON.stringify(villageIds), communities: JSON.stringify(communityIds) },
  );
  const { rows: communities } = await k.raw(
    `SELECT id FROM communities WHERE region = :region AND town_id = ANY(:towns) AND id IN (SELECT jsonb_array_elements_text(:communities::jsonb))`,
    { region, towns: townIds, communities: JSON.stringify(communityIds) },
  );
  const knownVillages = new Set((villages as Array<{ id: string }>).map((v) => v.id));
  const knownCommunities = new Set((communities as Array<{ id: string }>).map((c) => c.id));
  const villagesOf = new Map<string, string[]>();
  for (const v of villages as Array<{ id: string; community_id: string }>) villagesOf.set(v.community_id, [...(villagesOf.get(v.community_id) ?? []), v.id]);

  const problems: Problem[] = [];
  const unknownVillages = villageIds.filter((v) => !knownVillages.has(v));
  if (unknownVillages.length) problems.push(problem({ code: 'scenario_unknown_villages', params: { ids: unknownVillages }, ids: unknownVillages }));
  const unknownCommunities = communityIds.filter((c) => !knownCommunities.has(c));
  if (unknownCommunities.length) problems.push(problem({ code: 'scenario_unknown_communities', params: { ids: unknownCommunities }, ids: unknownCommunities }));
  const withoutVillages = communityIds.filter((c) => knownCommunities.has(c) && !villagesOf.has(c));
  if (withoutVillages.length) problems.push(problem({ code: 'scenario_communities_without_villages', params: { ids: withoutVillages }, ids: withoutVillages }));

  const keys = groups.map((g) => g.key);
  const repeatedKeys = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
  if (repeatedKeys.length) problems.push(problem({ code: 'scenario_keys_twice', params: { keys: repeatedKeys }, ids: repeatedKeys }));

  const groupOf = new Map<string, string>();
  const twice = new Map<string, Set<string>>();
  const resolved = groups.map((g) => {
    const members = [...new Set([...g.villages.filter((v) => knownVillages.has(v)), ...g.communities.flatMap((c) => villagesOf.get(c) ?? [])])].sort();
    for (const v of members) {
      const first = groupOf.get(v);
      if (first === undefined) groupOf.set(v, g.key);
      else twice.set(v, new Set([...(twice.get(v) ?? [first]), g.key]));
    }
    return { ...g, members };
  });
  for (const [village, inGroups] of twice) problems.push(problem({ code: 'scenario_village_twice', params: { village, groups: [...inGroups] }, ids: [village] }));
  const empty = resolved.filter((g) => !g.members.length && !g.villages.length && !g.communities.length).map((g) => g.key);
  if (empty.length) problems.push(problem({ code: 'scenario_empty_groups', params: { keys: empty }, ids: empty }));

  if (problems.length) throw new RefusedError(problems);
  return resolved;
}
