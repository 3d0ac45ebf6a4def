// The rules a saved grouping of one area must keep, checked before anything is written: every
// building of the area in exactly one group, no empty group, no unknown building, one name per
// group. Pure: the caller reads the area's buildings and groups, this names every problem
// by its catalogue code, with the building, group id ("#n" for a new one) or name concerned.
import type { Problem } from '../../domain/problems';

export interface GroupingDraft {
  /** Absent for a new group. */
  id?: string;
  name: string;
  buildings: string[];
}

export type GroupingProblem = Pick<Problem, 'code' | 'params'> & { ids: [string] };

export function checkGrouping(areaBuildings: readonly string[], groups: readonly GroupingDraft[], removed: readonly string[]): GroupingProblem[] {
  const problems: GroupingProblem[] = [];
  const known = new Set(areaBuildings);
  const placed = new Map<string, number>();
  const names = new Set<string>();
  const ids = new Set<string>();
  const removedIds = new Set(removed);
  groups.forEach((g, i) => {
    const label = g.id ?? `#${i + 1}`;
    if (g.buildings.length === 0) problems.push({ code: 'group_empty', params: { name: g.name }, ids: [label] });
    if (names.has(g.name)) problems.push({ code: 'group_name_twice', params: { name: g.name }, ids: [g.name] });
    names.add(g.name);
    if (g.id !== undefined) {
      if (ids.has(g.id)) problems.push({ code: 'group_listed_twice', params: { id: g.id }, ids: [g.id] });
      if (removedIds.has(g.id)) problems.push({ code: 'group_kept_and_removed', params: { id: g.id }, ids: [g.id] });
      ids.add(g.id);
    }
    for (const b of g.buildings) {
      if (!known.has(b)) problems.push({ code: 'building_not_in_area', params: { id: b }, ids: [b] });
      else if (placed.has(b)) problems.push({ code: 'building_listed_twice', params: { id: b }, ids: [b] });
      placed.set(b, (placed.get(b) ?? 0) + 1);
    }
  });
  for (const b of areaBuildings) if (!placed.has(b)) problems.push({ code: 'building_in_no_group', params: { id: b }, ids: [b] });
  return problems;
}
