// The plan being edited: the community's areas and which area each building is in. Every edit
// is a pure function from one working plan to the next, so undo/redo is a stack of values.
import type { Plan } from './types';

export interface WorkingArea {
  /** The area's id once saved; `new-N` for an area drawn in this session. */
  key: string;
  id?: string;
  version?: number;
  name: string;
  nameEn: string;
  leadName: string | null;
  leadPhone: string | null;
}

export interface WorkingPlan {
  areas: readonly WorkingArea[];
  /** Building id → area key, or null when the building is in no area yet. */
  assignment: Readonly<Record<string, string | null>>;
  /** Saved areas the planner deleted or merged away: the save removes them. */
  removed: readonly { id: string; version: number }[];
  /** Next number for a new area's key and default name. */
  nextNumber: number;
}

export function workingFromPlan(plan: Plan): WorkingPlan {
  const known = new Set(plan.areas.map((a) => a.id));
  const assignment: Record<string, string | null> = {};
  for (const b of plan.buildings) assignment[b.id] = b.areaId && known.has(b.areaId) ? b.areaId : null;
  return {
    areas: plan.areas.map((a) => ({ key: a.id, id: a.id, version: a.version, name: a.name, nameEn: a.nameEn, leadName: a.leadName, leadPhone: a.leadPhone })),
    assignment,
    removed: [],
    nextNumber: plan.areas.length + 1,
  };
}

/** Puts the buildings into `areaKey` (null = unassign); the same plan when nothing changes. */
export function assign(plan: WorkingPlan, buildingIds: readonly string[], areaKey: string | null): WorkingPlan {
  const changed = buildingIds.filter((id) => id in plan.assignment && plan.assignment[id] !== areaKey);
  if (!changed.length) return plan;
  const assignment = { ...plan.assignment };
  for (const id of changed) assignment[id] = areaKey;
  return { ...plan, assignment };
}

export interface NewAreaNames {
  name: (n: number) => string;
  nameEn: (n: number) => string;
}

export function addArea(plan: WorkingPlan, names: NewAreaNames): { plan: WorkingPlan; key: string } {
  const n = plan.nextNumber;
  const key = `new-${n}`;
  const area: WorkingArea = { key, name: names.name(n), nameEn: names.nameEn(n), leadName: null, leadPhone: null };
  return { plan: { ...plan, areas: [...plan.areas, area], nextNumber: n + 1 }, key };
}

export function renameArea(plan: WorkingPlan, key: string, name: string, nameEn: string): WorkingPlan {
  const area = plan.areas.find((a) => a.key === key);
  if (!area || (area.name === name && area.nameEn === nameEn)) return plan;
  return { ...plan, areas: plan.areas.map((a) => (a.key === key ? { ...a, name, nameEn } : a)) };
}

/** Removes the area; its buildings become unassigned and a saved area is listed for removal. */
export function deleteArea(plan: WorkingPlan, key: string): WorkingPlan {
  const area = plan.areas.find((a) => a.key === key);
  if (!area) return plan;
  const members = Object.keys(plan.assignment).filter((id) => plan.assignment[id] === key);
  const unassigned = assign(plan, members, null);
  return {
    ...unassigned,
    areas: plan.areas.filter((a) => a.key !== key),
    removed: area.id !== undefined && area.version !== undefined ? [...plan.removed, { id: area.id, version: area.version }] : plan.removed,
  };
}

/** `from`'s buildings join `into`, and `from` goes. */
export function mergeAreas(plan: WorkingPlan, from: string, into: string): WorkingPlan {
  if (from === into || !plan.areas.some((a) => a.key === into)) return plan;
  const members = Object.keys(plan.assignment).filter((id) => plan.assignment[id] === from);
  return deleteArea(assign(plan, members, into), from);
}

export function buildingsOf(plan: WorkingPlan, key: string): string[] {
  return Object.keys(plan.assignment).filter((id) => plan.assignment[id] === key);
}

/**
 * Makes the proposal's groups the working areas. Each group keeps the existing area it shares
 * most buildings with (so saved areas keep their ids, names and versions); further groups
 * become new areas, and existing areas left without a group are removed.
 */
export function acceptGroups(plan: WorkingPlan, groups: readonly (readonly string[])[], names: NewAreaNames): WorkingPlan {
  const overlaps: { group: number; key: string; shared: number }[] = [];
  groups.forEach((ids, group) => {
    const count = new Map<string, number>();
    for (const id of ids) {
      const key = plan.assignment[id];
      if (key) count.set(key, (count.get(key) ?? 0) + 1);
    }
    for (const [key, shared] of count) overlaps.push({ group, key, shared });
  });
  overlaps.sort((a, b) => b.shared - a.shared || a.group - b.group);
  const keyOfGroup = new Map<number, string>();
  const taken = new Set<string>();
  for (const o of overlaps) {
    if (keyOfGroup.has(o.group) || taken.has(o.key)) continue;
    keyOfGroup.set(o.group, o.key);
    taken.add(o.key);
  }
  let next = plan;
  for (const area of plan.areas) if (!taken.has(area.key)) next = deleteArea(next, area.key);
  const assignment: Record<string, string | null> = Object.fromEntries(Object.keys(plan.assignment).map((id) => [id, null]));
  groups.forEach((ids, group) => {
    let key = keyOfGroup.get(group);
    if (!key) {
      const added = addArea(next, names);
      next = added.plan;
      key = added.key;
    }
    for (const id of ids) if (id in assignment) assignment[id] = key;
  });
  return { ...next, assignment };
}
