// The editor's pure parts: which buildings a brush, a drawn polygon or an estate click takes,
// the edits on the working plan, and the undo/redo stack.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../client/features/plan/types';
import { commit, endStroke, redo, startHistory, stroke, undo, HISTORY_LIMIT } from '../../client/features/plan/history';
import { buildingsInCircle, buildingsInPolygon, cleanRing, estateMates, nearestBuilding, type LngLat } from '../../client/features/plan/select';
import { acceptGroups, addArea, assign, buildingsOf, deleteArea, mergeAreas, renameArea, workingFromPlan } from '../../client/features/plan/working';
import { DX, DY, S, W, community, gridBuildings } from './client-plan-fixture';

const buildings = gridBuildings();
const at = (fx: number, fy: number): LngLat => [W + fx * DX, S + fy * DY];
const names = { name: (n: number) => `片区${n}`, nameEn: (n: number) => `Area ${n}` };

function plan(): Plan {
  const half = (id: string) => (Number(id.slice(1).split('-')[0]) < 5 ? 'A1' : 'A2');
  return {
    community: { id: 'C1', name: '社区', nameEn: 'Community', townId: 'T1', geometry: { type: 'MultiPolygon', coordinates: [community.coordinates] }, landM2: 1e6 },
    areas: ['A1', 'A2'].map((id, i) => ({ id, version: 3 + i, name: id, nameEn: id, leadName: '', leadPhone: '', geometry: { type: 'MultiPolygon', coordinates: [] }, landM2: 0 })),
    buildings: buildings.map((b) => ({ ...b, areaId: half(b.id) })),
    estates: [],
  };
}

describe('selection', () => {
  it('takes the buildings within the brush radius', () => {
    const ids = buildingsInCircle(buildings, at(0.5, 0.5), 120);
    expect(ids.length).toBeGreaterThan(0);
    for (const b of buildings) {
      const d = Math.hypot((b.lng - at(0.5, 0.5)[0]) / DX, (b.lat - at(0.5, 0.5)[1]) / DY) * 1000;
      if (d < 118) expect(ids).toContain(b.id);
      if (d > 122) expect(ids).not.toContain(b.id);
    }
  });

  it('takes the buildings inside a concave drawn polygon and none in its notch', () => {
    // An L: the west column strip and the south row strip.
    const ring = [at(0, 0), at(1, 0), at(1, 0.2), at(0.2, 0.2), at(0.2, 1), at(0, 1)];
    const ids = new Set(buildingsInPolygon(buildings, ring));
    const inside = buildings.filter((b) => (b.lng - W) / DX < 0.2 || (b.lat - S) / DY < 0.2);
    expect(ids).toEqual(new Set(inside.map((b) => b.id)));
    expect(buildingsInPolygon(buildings, ring.slice(0, 2))).toEqual([]);
  });

  it('drops the repeated vertices a double-click leaves', () => {
    const p = at(0.3, 0.3);
    expect(cleanRing([at(0, 0), at(1, 0), p, p, [p[0] + 1e-9, p[1]]])).toEqual([at(0, 0), at(1, 0), p]);
  });

  it("takes a clicked building's whole estate, and nothing far from any building", () => {
    const b = nearestBuilding(buildings, [buildings[0]!.lng, buildings[0]!.lat], 40)!;
    expect(b.id).toBe(buildings[0]!.id);
    expect(estateMates(buildings, b)).toHaveLength(25);
    expect(nearestBuilding(buildings, at(3, 3), 40)).toBeNull();
  });
});

describe('working plan edits', () => {
  it('starts from the saved areas and assignment', () => {
    const w = workingFromPlan(plan());
    expect(w.areas.map((a) => [a.key, a.version])).toEqual([['A1', 3], ['A2', 4]]);
    expect(buildingsOf(w, 'A1')).toHaveLength(50);
  });

  it('assigns, and returns the same plan when nothing changes', () => {
    const w = workingFromPlan(plan());
    const ids = buildingsOf(w, 'A1').slice(0, 3);
    expect(assign(w, ids, 'A1')).toBe(w);
    const next = assign(w, ids, 'A2');
    expect(buildingsOf(next, 'A2')).toHaveLength(53);
    expect(buildingsOf(w, 'A2')).toHaveLength(50);
  });

  it('deletes an area: its buildings unassigned, the saved area listed for removal', () => {
    const w = deleteArea(workingFromPlan(plan()), 'A1');
    expect(w.areas.map((a) => a.key)).toEqual(['A2']);
    expect(Object.values(w.assignment).filter((k) => k === null)).toHaveLength(50);
    expect(w.removed).toEqual([{ id: 'A1', version: 3 }]);
    const added = addArea(w, names);
    expect(deleteArea(added.plan, added.key).removed).toEqual([{ id: 'A1', version: 3 }]);
  });

  it('merges one area into another and renames', () => {
    const w = renameArea(mergeAreas(workingFromPlan(plan()), 'A2', 'A1'), 'A1', '东片', 'East');
    expect(buildingsOf(w, 'A1')).toHaveLength(100);
    expect(w.areas).toMatchObject([{ key: 'A1', name: '东片', nameEn: 'East' }]);
    expect(w.removed).toEqual([{ id: 'A2', version: 4 }]);
  });

  it("accepts a proposal's groups, keeping the area that shares most buildings with each", () => {
    const w = workingFromPlan(plan());
    const column = (c: number) => buildings.filter((b) => Number(b.id.slice(1).split('-')[0]) === c).map((b) => b.id);
    // Group 0 is mostly A2, group 1 mostly A1, group 2 a new area.
    const groups = [[...column(5), ...column(6), ...column(7), ...column(8), ...column(9), ...column(4)], [...column(0), ...column(1), ...column(2)], column(3)];
    const next = acceptGroups(w, groups, names);
    expect(next.areas.map((a) => a.key)).toEqual(['A1', 'A2', 'new-3']);
    expect(new Set(buildingsOf(next, 'A2'))).toEqual(new Set(groups[0]));
    expect(new Set(buildingsOf(next, 'A1'))).toEqual(new Set(groups[1]));
    expect(new Set(buildingsOf(next, 'new-3'))).toEqual(new Set(groups[2]));
    expect(next.removed).toEqual([]);
    // Fewer groups than areas: the area left without one goes.
    const one = acceptGroups(w, [buildings.map((b) => b.id)], names);
    expect(one.areas.map((a) => a.key)).toEqual(['A1']);
    expect(one.removed).toEqual([{ id: 'A2', version: 4 }]);
  });
});

describe('undo/redo', () => {
  it('undoes and redoes every step, and a new step drops the redo branch', () => {
    let h = startHistory(0);
    h = commit(h, 1);
    h = commit(h, 2);
    h = undo(h);
    expect(h.present).toBe(1);
    h = redo(h);
    expect(h.present).toBe(2);
    h = undo(undo(h));
    expect(h.present).toBe(0);
    expect(undo(h)).toBe(h);
    h = commit(h, 5);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it('makes a stroke one step: its first change commits, the rest amend it', () => {
    let h = stroke(startHistory('a'), 'b');
    h = stroke(h, 'bb');
    h = stroke(h, 'bbb');
    expect(h.past).toEqual(['a']);
    expect(undo(h).present).toBe('a');
    h = stroke(endStroke(h), 'c');
    expect(h.past).toEqual(['a', 'bbb']);
  });

  it('makes a stroke that starts on empty ground and then crosses buildings one undoable step', () => {
    // The press changes nothing; the moves after it do.
    let h = stroke(startHistory('a'), 'a');
    expect(h.past).toEqual([]);
    h = stroke(h, 'b');
    h = stroke(h, 'bb');
    expect(h.past).toEqual(['a']);
    expect(h.present).toBe('bb');
    expect(undo(endStroke(h))).toMatchObject({ present: 'a', future: ['bb'] });
  });

  it('ignores a step that changes nothing and keeps a bounded past', () => {
    const h = startHistory(1);
    expect(commit(h, 1)).toBe(h);
    let long = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) long = commit(long, i);
    expect(long.past).toHaveLength(HISTORY_LIMIT);
  });
});
