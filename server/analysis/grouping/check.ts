// The rules a saved grouping of one area must keep, checked before anything is written: every
// building of the area in exactly one group, no empty group, no unknown building, one name per
// group. Pure: the caller reads the area's buildings and groups, this names every problem.

export interface GroupingDraft {
  /** Absent for a new group. */
  id?: string;
  name: string;
  buildings: string[];
}

export interface GroupingProblem {
  rule: 'missing_building' | 'duplicate_building' | 'unknown_building' | 'empty_group' | 'duplicate_name' | 'duplicate_group' | 'kept_and_removed';
  /** The building, group id or name concerned. */
  subject: string;
  message: string;
}

export function checkGrouping(areaBuildings: readonly string[], groups: readonly GroupingDraft[], removed: readonly string[]): GroupingProblem[] {
  const problems: GroupingProblem[] = [];
  const known = new Set(areaBuildings);
  const placed = new Map<string, number>();
  const names = new Set<string>();
  const ids = new Set<string>();
  const removedIds = new Set(removed);
  groups.forEach((g, i) => {
    const label = g.id ?? `#${i + 1}`;
    if (g.buildings.length === 0) problems.push({ rule: 'empty_group', subject: label, message: `group "${g.name}" has no buildings` });
    if (names.has(g.name)) problems.push({ rule: 'duplicate_name', subject: g.name, message: `two groups are named "${g.name}"` });
    names.add(g.name);
    if (g.id !== undefined) {
      if (ids.has(g.id)) problems.push({ rule: 'duplicate_group', subject: g.id, message: `group "${g.id}" is listed twice` });
      if (removedIds.has(g.id)) problems.push({ rule: 'kept_and_removed', subject: g.id, message: `group "${g.id}" is both kept and removed` });
      ids.add(g.id);
    }
    for (const b of g.buildings) {
      if (!known.has(b)) problems.push({ rule: 'unknown_building', subject: b, message: `building "${b}" is not in this area` });
      else if (placed.has(b)) problems.push({ rule: 'duplicate_building', subject: b, message: `building "${b}" is listed more than once` });
      placed.set(b, (placed.get(b) ?? 0) + 1);
    }
  });
  for (const b of areaBuildings) if (!placed.has(b)) problems.push({ rule: 'missing_building', subject: b, message: `building "${b}" is in no group` });
  return problems;
}
