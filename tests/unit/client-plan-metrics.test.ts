// The live metrics on crafted inputs: deviation from the mean, Polsby-Popper, contiguity, and
// which rules an assignment breaks.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildingAdjacency } from '../../server/domain/adjacency';
import { planMetrics, polsbyPopper } from '../../client/features/plan/metrics';
import { areaOutlines, buildingCells } from '../../client/features/plan/outlines';
import { DX, DY, S, W, community, gridBuildings } from './client-plan-fixture';

const rect = (w: number, h: number): Polygon => ({ type: 'Polygon', coordinates: [[[W, S], [W + w, S], [W + w, S + h], [W, S + h], [W, S]]] });

describe('Polsby-Popper', () => {
  it('is π/4 for a square and small for a strip', () => {
    expect(polsbyPopper(rect(DX, DY))!).toBeCloseTo(Math.PI / 4, 2);
    expect(polsbyPopper(rect(DX, DY / 20))!).toBeLessThan(0.2);
  });
});

describe('planMetrics', () => {
  const buildings = gridBuildings();
  const cells = buildingCells(buildings, community);
  const adjacency = buildingAdjacency(buildings.map((b) => [b.lng, b.lat]), community);
  function run(assignment: Record<string, string | null>, keys: string[], measure: 'population' | 'buildings' = 'population') {
    const members = new Map(keys.map((k) => [k, buildings.filter((b) => assignment[b.id] === k).map((b) => b.id)]));
    return planMetrics(keys, buildings, assignment, areaOutlines(cells, community, members), measure, adjacency);
  }
  const column = (i: number) => (id: string) => Number(id.slice(1).split('-')[0]) < i;

  it('measures the deviation from the mean and flags beyond ±5 %', () => {
    // 40 buildings west, 60 east: mean 50, −20 % and +20 %.
    const m = run(Object.fromEntries(buildings.map((b) => [b.id, column(4)(b.id) ? 'W' : 'E'])), ['W', 'E']);
    expect(m.mean).toBe(500);
    expect(m.rows.map((r) => Math.round(r.deviationPct!))).toEqual([-20, 20]);
    expect(m.rows.every((r) => r.unbalanced)).toBe(true);
    expect(m.broken).toBe(true);
    const even = run(Object.fromEntries(buildings.map((b) => [b.id, column(5)(b.id) ? 'W' : 'E'])), ['W', 'E'], 'buildings');
    expect(even.rows.map((r) => r.deviationPct)).toEqual([0, 0]);
    expect(even.broken).toBe(false);
    expect(even.rows.every((r) => r.contiguous && r.polsbyPopper! > 0.5)).toBe(true);
  });

  it('adds the land of the outlines up to the community', () => {
    const m = run(Object.fromEntries(buildings.map((b) => [b.id, column(5)(b.id) ? 'W' : 'E'])), ['W', 'E']);
    const land = m.rows.reduce((s, r) => s + r.landM2, 0);
    expect(land / 1e6).toBeCloseTo(1, 2);
  });

  it('finds an area in two pieces, an empty area and unassigned buildings', () => {
    // 'X' holds the two westmost and the two eastmost columns: two pieces.
    const assignment = Object.fromEntries(
      buildings.map((b) => {
        const i = Number(b.id.slice(1).split('-')[0]);
        return [b.id, i < 2 || i > 7 ? 'X' : i === 5 ? null : 'Y'];
      }),
    );
    const m = run(assignment, ['X', 'Y', 'Z']);
    const [x, y, z] = m.rows;
    expect(x!.contiguous).toBe(false);
    expect(y!.contiguous).toBe(false); // column 5 unassigned splits Y too
    expect(z!.empty).toBe(true);
    expect(z!.contiguous).toBe(true); // empty is its own rule, not a split
    expect(m.warnings.map((w) => [w.code, w.ids])).toEqual([['not_contiguous', ['X']], ['unbalanced', ['X']], ['not_contiguous', ['Y']], ['unbalanced', ['Y']], ['unbalanced', ['Z']]]);
    expect(m.unassigned).toEqual({ buildings: 10, households: 40, population: 100, partyMembers: 10 });
    expect(m.broken).toBe(true);
  });
});
