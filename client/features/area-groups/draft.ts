// The grouping being edited on the area page, as plain data: start from the saved grouping,
// take an automatic proposal, move a building, and turn the result into the save request.
// Pure, so the store only keeps state and the rules are unit-tested.
import type { GroupingProposal } from '../../../server/analysis/grouping/propose';
import type { AreaGrouping, GroupBuilding } from '../../../server/features/groups/types';
import { byGroupNumber } from './labels';

export interface DraftGroup {
  /** Stable within the page: the saved id, or `new-<n>` for a group not yet saved. */
  key: string;
  id?: string;
  version?: number;
  name: string;
  nameEn: string;
  buildingIds: string[];
}

export interface Draft {
  groups: DraftGroup[];
  /** Saved groups the draft no longer has. */
  removed: { id: string; version: number }[];
}

export function draftOf(grouping: AreaGrouping): Draft {
  return {
    groups: [...grouping.groups].sort(byGroupNumber).map((g) => ({ key: g.id, id: g.id, version: g.version, name: g.name, nameEn: g.nameEn, buildingIds: g.buildings.map((b) => b.id) })),
    removed: [],
  };
}

/** Chinese numerals for group names, as the existing groups are named (第一党小组 …). */
function cnNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

export const groupName = (area: { name: string; nameEn: string }, n: number) => ({ name: `${area.name}第${cnNumber(n)}党小组`, nameEn: `${area.nameEn} Group ${n}` });

/**
 * The proposal as a draft. Each proposed group keeps the saved group it shares most buildings
 * with (its id, name and 党小组 survive); the rest are new, and saved groups left over are removed.
 */
export function draftFromProposal(grouping: AreaGrouping, proposal: GroupingProposal): Draft {
  const saved = grouping.groups;
  const groupOf = new Map(saved.flatMap((g) => g.buildings.map((b) => [b.id, g.id] as const)));
  const pairs: { p: number; g: string; shared: number }[] = [];
  proposal.groups.forEach((pg, p) => {
    const counts = new Map<string, number>();
    for (const b of pg.buildingIds) {
      const g = groupOf.get(b);
      if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    for (const [g, shared] of counts) pairs.push({ p, g, shared });
  });
  pairs.sort((a, b) => b.shared - a.shared || a.p - b.p || a.g.localeCompare(b.g));
  const kept = new Map<number, string>();
  const taken = new Set<string>();
  for (const { p, g } of pairs) {
    if (kept.has(p) || taken.has(g)) continue;
    kept.set(p, g);
    taken.add(g);
  }
  const names = new Set(saved.filter((g) => taken.has(g.id)).map((g) => g.name));
  let n = 0;
  const freshName = () => {
    let candidate = groupName(grouping.area, ++n);
    while (names.has(candidate.name)) candidate = groupName(grouping.area, ++n);
    names.add(candidate.name);
    return candidate;
  };
  const groups = proposal.groups.map((pg, p): DraftGroup => {
    const g = saved.find((s) => s.id === kept.get(p));
    if (g) return { key: g.id, id: g.id, version: g.version, name: g.name, nameEn: g.nameEn, buildingIds: [...pg.buildingIds] };
    return { key: `new-${p + 1}`, ...freshName(), buildingIds: [...pg.buildingIds] };
  });
  return { groups, removed: saved.filter((g) => !taken.has(g.id)).map((g) => ({ id: g.id, version: g.version })) };
}

/** The draft with one building moved to the group `toKey`; a group left empty is dropped (and removed if saved). */
export function moveBuilding(draft: Draft, buildingId: string, toKey: string): Draft {
  const from = draft.groups.find((g) => g.buildingIds.includes(buildingId));
  if (!from || from.key === toKey || !draft.groups.some((g) => g.key === toKey)) return draft;
  const groups = draft.groups.map((g) =>
    g.key === from.key ? { ...g, buildingIds: g.buildingIds.filter((b) => b !== buildingId) } : g.key === toKey ? { ...g, buildingIds: [...g.buildingIds, buildingId] } : g,
  );
  const emptied = groups.filter((g) => g.buildingIds.length === 0);
  return {
    groups: groups.filter((g) => g.buildingIds.length > 0),
    removed: [...draft.removed, ...emptied.filter((g) => g.id !== undefined).map((g) => ({ id: g.id!, version: g.version! }))],
  };
}

/** The PUT body for the draft. */
export function saveRequest(draft: Draft) {
  return {
    groups: draft.groups.map((g) => ({ ...(g.id === undefined ? {} : { id: g.id, version: g.version }), name: g.name, nameEn: g.nameEn, buildings: g.buildingIds })),
    ...(draft.removed.length ? { removed: draft.removed } : {}),
  };
}

/** Whether the draft differs from the saved grouping. */
export function isChanged(grouping: AreaGrouping, draft: Draft): boolean {
  return JSON.stringify(draftOf(grouping)) !== JSON.stringify(draft);
}

export interface DraftGroupTotals {
  members: number;
  households: number;
  buildings: number;
}

export function totalsOf(group: DraftGroup, buildings: ReadonlyMap<string, GroupBuilding>): DraftGroupTotals {
  let members = 0;
  let households = 0;
  for (const id of group.buildingIds) {
    const b = buildings.get(id);
    members += b?.partyMembers ?? 0;
    households += b?.households ?? 0;
  }
  return { members, households, buildings: group.buildingIds.length };
}
