// The pure parts of a plan's save: its mode, duplicate names, staleness, coverage of the
// community's buildings by a painting, and the plan's rules of contiguity and balance.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { PlanBuilding } from '../../client/features/plan/types';
import { areaOutline, buildingCells } from '../../client/features/plan/outlines';
import { prepare } from '../../server/analysis/districting/prepare';
import { proposeAreas } from '../../server/analysis/districting/propose';
import { areaRef, areaTotals, coverageProblems, duplicateProblem, paintingProblems, planMode, PlanInputError, staleness } from '../../server/analysis/plan-rules';
import { buildingAdjacency, piecesOf } from '../../server/domain/adjacency';
import { DEVIATION_LIMIT_PCT, deviations, isContiguous, isUnbalanced, ruleWarnings } from '../../server/domain/plan-rules';

const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };

describe('planMode', () => {
  it('is painted, drawn or kept when every area gives its outline the same way', () => {
    expect(planMode([{ id: 'A', version: 1, buildings: ['b1'] }, { buildings: [] }])).toBe('painted');
    expect(planMode([{ id: 'A', version: 1, geometry: square }, { geometry: square }])).toBe('drawn');
    expect(planMode([{ id: 'A', version: 1 }])).toBe('kept');
    expect(planMode([])).toBe('kept');
  });

  it('refuses mixed modes and a new area without an outline', () => {
    expect(() => planMode([{ id: 'A', version: 1, buildings: [] }, { id: 'B', version: 1, geometry: square }])).toThrow(expect.objectContaining({ code: 'plan_mixed_modes', params: { modes: ['drawn', 'painted'] } }));
    expect(() => planMode([{ id: 'A', version: 1, buildings: [] }, { id: 'B', version: 1 }])).toThrow(PlanInputError);
    expect(() => planMode([{ id: 'A', version: 1 }, {}])).toThrow(expect.objectContaining({ code: 'plan_new_area_needs_shape', params: { index: 1 } }));
  });
});

describe('duplicateProblem', () => {
  it('names an area listed twice, in areas or across areas and removed, and a building twice in one area', () => {
    expect(duplicateProblem([{ id: 'A' }, { id: 'B' }, {}], [{ id: 'C' }])).toBeUndefined();
    expect(duplicateProblem([{ id: 'A' }, { id: 'A' }], [])).toMatchObject({ code: 'plan_area_named_twice', params: { id: 'A' } });
    expect(duplicateProblem([{ id: 'A' }], [{ id: 'A' }])).toMatchObject({ code: 'plan_area_named_twice', params: { id: 'A' } });
    expect(duplicateProblem([{ id: 'A', buildings: ['b1', 'b1'] }], [])).toMatchObject({ code: 'plan_building_listed_twice', params: { index: 0 } });
  });
});

describe('staleness', () => {
  it('finds versions that moved on, areas gone, and areas the client did not know', () => {
    const current = [{ id: 'A', version: 2 }, { id: 'B', version: 1 }, { id: 'C', version: 5 }];
    expect(staleness(current, [{ id: 'A', version: 2 }, { id: 'B', version: 1 }, { id: 'C', version: 5 }])).toEqual({ stale: [], unlisted: [] });
    expect(staleness(current, [{ id: 'A', version: 1 }, { id: 'B', version: 1 }, { id: 'X', version: 1 }])).toEqual({ stale: ['A', 'X'], unlisted: ['C'] });
  });
});

describe('painting and coverage', () => {
  const community = new Set(['b1', 'b2', 'b3', 'b4']);
  const elsewhere = new Map([['z9', 'C-OTHER']]);

  it('names unknown buildings and another community\'s, and keeps only the own ones as covered', () => {
    const { problems, coveredBy } = paintingProblems([{ ref: 'A', name: '甲', buildings: ['b1', 'nope', 'z9'] }, { ref: '#1', name: '乙', buildings: ['b2', 'b3'] }], community, elsewhere);
    expect(problems).toEqual([
      { code: 'plan_unknown_building', params: { area: '甲', buildings: ['nope'] }, ids: ['A', 'nope'] },
      { code: 'plan_building_of_other_community', params: { area: '甲', communities: ['C-OTHER'] }, ids: ['A', 'z9'] },
    ]);
    expect([...coveredBy]).toEqual([['b1', ['A']], ['b2', ['#1']], ['b3', ['#1']]]);
  });

  it('finds buildings in no area and buildings in several, grouped by which areas', () => {
    const coveredBy = new Map([['b1', ['A']], ['b2', ['A', 'B']], ['b3', ['B', 'A']]]);
    const names = new Map([['A', '甲'], ['B', '乙']]);
    expect(coverageProblems(['b1', 'b2', 'b3', 'b4'], coveredBy, names)).toEqual([
      { code: 'plan_building_uncovered', params: { count: 1 }, ids: ['b4'] },
      { code: 'plan_building_in_several_areas', params: { count: 2, areas: ['甲', '乙'] }, ids: ['A', 'B', 'b2', 'b3'] },
    ]);
    expect(coverageProblems(['b1'], new Map([['b1', ['A']]]), names)).toEqual([]);
  });

  it('totals each area over the buildings it holds', () => {
    const buildings = [
      { id: 'b1', households: 10, population: 25, partyMembers: 2 },
      { id: 'b2', households: 4, population: 9, partyMembers: 1 },
      { id: 'b3', households: 1, population: 1, partyMembers: 0 },
    ];
    const totals = areaTotals(['A', 'B'], buildings, new Map([['b1', ['A']], ['b2', ['A']], ['b3', ['B']]]));
    expect(totals.get('A')).toEqual({ buildings: 2, households: 14, population: 34, partyMembers: 3 });
    expect(totals.get('B')).toEqual({ buildings: 1, households: 1, population: 1, partyMembers: 0 });
  });

  it('refers to new areas by their place in the request', () => {
    expect(areaRef({ id: 'A-1' }, 3)).toBe('A-1');
    expect(areaRef({}, 3)).toBe('#3');
  });
});

// A U-shaped community (two arms and a base, a bay between the arms) with buildings up both
// arms and along the base. Buildings facing each other across the bay are Delaunay neighbours,
// and the old proposal graph kept that edge (it is shorter than five median edges), but their
// Voronoi cells meet only in the bay, outside the community: the painted outline of the two is
// two pieces. The plan's rule must say so, and the proposal must not grow across the bay.
describe('the plan rule of contiguity on a concave community', () => {
  const u = 0.0001;
  const at = (x: number, y: number): [number, number] => [120 + x * u, 31 + y * u];
  const ring = [at(0, 0), at(50, 0), at(50, 60), at(30, 60), at(30, 20), at(20, 20), at(20, 60), at(0, 60), at(0, 0)];
  const uShape: Polygon = { type: 'Polygon', coordinates: [ring] };
  const points: Array<[string, [number, number]]> = [
    ...[25, 35, 45, 55].map((y, i): [string, [number, number]] => [`L${y}`, at(10 + (i % 2) * 0.7, y)]),
    ...[25, 35, 45, 55].map((y, i): [string, [number, number]] => [`R${y}`, at(40 - (i % 2) * 0.6, y + 0.3)]),
    ...[5, 15, 25, 35, 45].map((x, i): [string, [number, number]] => [`B${x}`, at(x, 10 + (i % 2) * 0.5)]),
  ];
  const ids = points.map(([id]) => id);
  const adjacency = buildingAdjacency(points.map(([, p]) => p), uShape);
  const buildings: PlanBuilding[] = points.map(([id, [lng, lat]]) => ({ id, areaId: 'A', groupId: 'G', estateId: 'E', lng, lat, households: 1, population: 1, partyMembers: 0 }));
  const cells = buildingCells(buildings, uShape);
  const index = (group: string[]) => group.map((id) => ids.indexOf(id));
  const outlineParts = (group: string[]) => {
    const o = areaOutline(cells, group, uShape)!;
    return o.type === 'Polygon' ? 1 : o.coordinates.length;
  };

  it('calls two buildings facing each other across the bay apart, as their outline is', () => {
    const across = ['L55', 'R55'];
    expect(piecesOf(adjacency, index(across))).toBe(2);
    expect(isContiguous(adjacency, index(across))).toBe(false);
    expect(outlineParts(across)).toBe(2);
  });

  it('agrees with the painted outline on every group tried: arms, base, arms joined by the base, and across the bay', () => {
    const groups = [['L25', 'L35', 'L45', 'L55'], ['R25', 'R35'], ['B5', 'B15', 'B25', 'B35', 'B45'], ['L25', 'B15', 'B25', 'B35', 'R25'], ['L45', 'R45'], ['L25', 'L35', 'R35', 'R25'], ids];
    for (const group of groups) expect(piecesOf(adjacency, index(group)), group.join(' ')).toBe(outlineParts(group));
  });

  it('gives the proposal no edge across the bay, and the proposal groups only what the rule calls contiguous', () => {
    const district = points.map(([id, point]) => ({ id, point, population: 10, households: 4, estateId: id, concentrated: false }));
    const { graph } = prepare({ buildings: district, within: uShape, k: 2, by: 'buildings' });
    const across = (a: string, b: string) => {
      const [i, j] = [ids.indexOf(a), ids.indexOf(b)];
      for (let e = graph.start[i]!; e < graph.start[i + 1]!; e++) if (graph.nbr[e] === j) return true;
      return false;
    };
    for (const y of [25, 35, 45, 55]) expect(across(`L${y}`, `R${y}`), `L${y}–R${y}`).toBe(false);
    for (const k of [2, 3, 4]) {
      const report = proposeAreas({ buildings: district, within: uShape, k, by: 'buildings' });
      for (const g of report.groups) {
        expect(g.contiguous).toBe(true);
        expect(outlineParts(g.buildingIds), g.buildingIds.join(' ')).toBe(1);
      }
    }
  });
});

describe('the plan rule of balance', () => {
  it('flags areas beyond ±5 % of the mean, names each with its deviation, and leaves an empty plan alone', () => {
    const adjacency = buildingAdjacency([[0, 0], [1, 0], [2, 0]]);
    const areas = [
      { ref: 'A', name: '甲', members: [0], size: 100 },
      { ref: 'B', name: '乙', members: [1], size: 104 },
      { ref: '#2', name: '丙', members: [2], size: 120 },
    ];
    expect(deviations(areas.map((a) => a.size)).mean).toBe(108);
    expect(ruleWarnings(adjacency, areas, 'population')).toEqual([
      { code: 'unbalanced', ids: ['A'], params: { area: '甲', deviationPct: -7.4, limitPct: DEVIATION_LIMIT_PCT, measure: 'population' } },
      { code: 'unbalanced', ids: ['#2'], params: { area: '丙', deviationPct: 11.1, limitPct: DEVIATION_LIMIT_PCT, measure: 'population' } },
    ]);
    expect(isUnbalanced(5)).toBe(false);
    expect(isUnbalanced(null)).toBe(false);
    expect(ruleWarnings(adjacency, [], 'population')).toEqual([]);
  });

  it('treats buildings at one spot as one cell, and a straight line of buildings as neighbours in order', () => {
    const line = buildingAdjacency([[0, 0], [1, 0], [2, 0], [2, 0]]);
    expect(piecesOf(line, [0, 1])).toBe(1);
    expect(piecesOf(line, [0, 2])).toBe(2);
    expect(piecesOf(line, [2, 3])).toBe(1);
  });
});
