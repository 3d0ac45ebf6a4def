// The scenario being edited, as one value: its groups (new communities) with their villages and
// whole communities. Every edit is a function returning the next draft, and every edit keeps a
// village in at most one group, directly or through its community, as the server requires.
import type { ScenarioGroup } from './api';

/** A group as edited. Its English name stays unset until someone types one: the server then gives its pinyin. */
export type DraftGroup = Omit<ScenarioGroup, 'nameEn'> & { nameEn?: string };

export interface Draft {
  name: string;
  groups: DraftGroup[];
}

/** Which community each village of the scenario's towns is in, and the reverse. */
export interface Places {
  communityOf: ReadonlyMap<string, string>;
  villagesOf: ReadonlyMap<string, readonly string[]>;
}

export function placesOf(villages: ReadonlyArray<{ id: string; communityId: string }>): Places {
  const communityOf = new Map<string, string>();
  const villagesOf = new Map<string, string[]>();
  for (const v of villages) {
    communityOf.set(v.id, v.communityId);
    villagesOf.set(v.communityId, [...(villagesOf.get(v.communityId) ?? []), v.id]);
  }
  return { communityOf, villagesOf };
}

/** The group a village is in, directly or through its whole community; null when in none. */
export function groupOf(draft: Draft, village: string, places: Places): string | null {
  const community = places.communityOf.get(village);
  return draft.groups.find((g) => g.villages.includes(village) || (community !== undefined && g.communities.includes(community)))?.key ?? null;
}

/** Every village of a group, whole communities expanded. */
export function villagesOfGroup(group: DraftGroup, places: Places): string[] {
  return [...new Set([...group.villages, ...group.communities.flatMap((c) => places.villagesOf.get(c) ?? [])])];
}

/** A key no group of the draft uses (the server keeps keys stable across saves). */
function freeKey(draft: Draft): string {
  const used = new Set(draft.groups.map((g) => g.key));
  let n = draft.groups.length + 1;
  while (used.has(`g${n}`)) n++;
  return `g${n}`;
}

export function addGroup(draft: Draft, name: string): { draft: Draft; key: string } {
  const key = freeKey(draft);
  return { draft: { ...draft, groups: [...draft.groups, { key, name, villages: [], communities: [] }] }, key };
}

export const removeGroup = (draft: Draft, key: string): Draft => ({ ...draft, groups: draft.groups.filter((g) => g.key !== key) });

export function renameGroup(draft: Draft, key: string, names: { name?: string; nameEn?: string }): Draft {
  return { ...draft, groups: draft.groups.map((g) => (g.key === key ? { ...g, ...names } : g)) };
}

/** The draft without `village` anywhere: a whole community holding it gives way to its other villages. */
function without(draft: Draft, village: string, places: Places): Draft {
  const community = places.communityOf.get(village);
  return {
    ...draft,
    groups: draft.groups.map((g) => {
      if (community !== undefined && g.communities.includes(community)) {
        const rest = (places.villagesOf.get(community) ?? []).filter((v) => v !== village);
        return { ...g, communities: g.communities.filter((c) => c !== community), villages: [...new Set([...g.villages, ...rest])].sort() };
      }
      return g.villages.includes(village) ? { ...g, villages: g.villages.filter((v) => v !== village) } : g;
    }),
  };
}

/** A click on a village: out of `key` if it is in it, else into `key` (leaving any other group). */
export function toggleVillage(draft: Draft, key: string, village: string, places: Places): Draft {
  const inGroup = groupOf(draft, village, places) === key;
  const cleared = without(draft, village, places);
  if (inGroup) return cleared;
  return { ...cleared, groups: cleared.groups.map((g) => (g.key === key ? { ...g, villages: [...g.villages, village].sort() } : g)) };
}

/** A whole community into `key` (its villages leave every other group), or out of it if it was there whole. */
export function toggleCommunity(draft: Draft, key: string, community: string, places: Places): Draft {
  const wasWhole = draft.groups.some((g) => g.key === key && g.communities.includes(community));
  const its = new Set(places.villagesOf.get(community) ?? []);
  const groups = draft.groups.map((g) => ({ ...g, communities: g.communities.filter((c) => c !== community), villages: g.villages.filter((v) => !its.has(v)) }));
  if (wasWhole) return { ...draft, groups };
  return { ...draft, groups: groups.map((g) => (g.key === key ? { ...g, communities: [...g.communities, community].sort() } : g)) };
}

/** Whether two drafts would save the same scenario. */
export const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);
