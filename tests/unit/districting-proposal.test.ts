// The proposal's guarantees on generated and adversarial communities: every building in
// exactly one group, every group non-empty and connected in the neighbour graph, balance
// within ±5 % where the buildings allow it, rivers respected, estates kept whole.
import { describe, expect, it } from 'vitest';
import { proposeAreas } from '../../server/analysis/districting/propose';
import type { DistrictBuilding, ProposalInput, ProposalReport } from '../../server/analysis/districting/types';
import { gridCommunity, ORIGIN, riverThroughMiddle, seededRandom, STEP, unreachedPerGroup } from '../support/districting-community';

/** Our own check of contiguity: groups connected in the Delaunay graph rebuilt from the points. */
function expectPartitionAndContiguity(buildings: DistrictBuilding[], k: number, report: ProposalReport): void {
  expect(report.groups).toHaveLength(k);
  const ids = report.groups.flatMap((g) => g.buildingIds);
  expect(ids).toHaveLength(buildings.length);
  expect(new Set(ids)).toEqual(new Set(buildings.map((b) => b.id)));
  for (const g of report.groups) expect(g.buildingIds.length).toBeGreaterThan(0);

  expect(unreachedPerGroup(buildings, report.groups), 'buildings of a group not reached from its first').toEqual(report.groups.map(() => 0));
  for (const g of report.groups) {
    expect(g.contiguous).toBe(true);
  }
  expect(report.summary.contiguous).toBe(true);
}

/** Deviations recomputed from the buildings, not taken from the report. */
function maxDeviation(buildings: DistrictBuilding[], report: ProposalReport, by: ProposalInput['by']): number {
  const w = new Map(buildings.map((b) => [b.id, by === 'population' ? b.population : by === 'households' ? b.households : 1]));
  const sizes = report.groups.map((g) => g.buildingIds.reduce((s, id) => s + w.get(id)!, 0));
  const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
  return Math.max(...sizes.map((s) => (Math.abs(s - mean) / mean) * 100));
}

describe('automatic proposal of contracted areas', () => {
  for (const by of ['population', 'buildings', 'households'] as const)
    for (const k of [2, 5, 9]) {
      it(`divides a 30 × 25 grid into ${k} contiguous groups balanced by ${by} within ±5 %`, () => {
        const buildings = gridCommunity({ cols: 30, rows: 25, seed: 11 * k });
        const report = proposeAreas({ buildings, k, by });
        expectPartitionAndContiguity(buildings, k, report);
        const dev = maxDeviation(buildings, report, by);
        expect(dev).toBeLessThanOrEqual(5);
        expect(report.summary.maxDeviationPct).toBeCloseTo(dev, 6);
        expect(report.summary.meanPolsbyPopper!).toBeGreaterThan(0.5);
      });
    }

  it('balances within ±5 % across seeded grids, estate sizes from 2 × 2 to 8 × 8 and k up to 20', () => {
    for (let seed = 8; seed <= 11; seed++)
      for (const k of [3, 7, 12, 20]) {
        const buildings = gridCommunity({ cols: 30, rows: 25, seed: seed * 31 + k, estateBlock: 2 + (seed % 7) });
        const report = proposeAreas({ buildings, k, by: 'buildings' });
        expectPartitionAndContiguity(buildings, k, report);
        expect(maxDeviation(buildings, report, 'buildings'), `seed ${seed}, k = ${k}`).toBeLessThanOrEqual(5);
      }
  });

  it('keeps every group on one bank of a river through the middle when k is even', () => {
    const cols = 30;
    const rows = 20;
    const buildings = gridCommunity({ cols, rows, seed: 3, jitter: 0.2 });
    const river = riverThroughMiddle(cols, rows);
    const riverLng = river.coordinates[0]![0]!;
    for (const k of [2, 4]) {
      const report = proposeAreas({ buildings, k, by: 'buildings', barriers: [river] });
      expectPartitionAndContiguity(buildings, k, report);
      const west = new Set(buildings.filter((b) => b.point[0] < riverLng).map((b) => b.id));
      for (const g of report.groups) {
        const sides = new Set(g.buildingIds.map((id) => west.has(id)));
        expect(sides.size, `k = ${k}: a group spans the river`).toBe(1);
      }
      expect(report.summary.groupsCrossingBarriers).toBe(0);
      expect(maxDeviation(buildings, report, 'buildings')).toBeLessThanOrEqual(5);
    }
  });

  it('crosses the river rather than miss ±5 % when the banks cannot be shared out evenly (k = 3)', () => {
    const buildings = gridCommunity({ cols: 30, rows: 20, seed: 5, jitter: 0.2 });
    const report = proposeAreas({ buildings, k: 3, by: 'buildings', barriers: [riverThroughMiddle(30, 20)] });
    expectPartitionAndContiguity(buildings, 3, report);
    expect(maxDeviation(buildings, report, 'buildings')).toBeLessThanOrEqual(5);
  });

  it('splits one huge estate only as far as balance needs and keeps the small estates whole', () => {
    // A 20 × 20 estate in a 40 × 20 grid of 4 × 4 estates: the huge one holds half the buildings.
    const buildings = gridCommunity({ cols: 40, rows: 20, seed: 9, estateBlock: 4 }).map((b) => {
      const c = Number(b.id.split('-')[1]);
      return c < 20 ? { ...b, estateId: 'huge' } : b;
    });
    const k = 4;
    const report = proposeAreas({ buildings, k, by: 'buildings' });
    expectPartitionAndContiguity(buildings, k, report);
    expect(maxDeviation(buildings, report, 'buildings')).toBeLessThanOrEqual(5);
    const estateOf = new Map(buildings.map((b) => [b.id, b.estateId]));
    const groupsWithHuge = report.groups.filter((g) => g.buildingIds.some((id) => estateOf.get(id) === 'huge')).length;
    // Half the buildings need two groups' worth; a third group may take a fringe to balance.
    expect(groupsWithHuge).toBeGreaterThanOrEqual(2);
    expect(groupsWithHuge).toBeLessThanOrEqual(3);
  });

  it('keeps a huge estate smaller than the mean whole', () => {
    const buildings = gridCommunity({ cols: 40, rows: 20, seed: 13, estateBlock: 4 }).map((b) => {
      const [r, c] = b.id.slice(1).split('-').map(Number) as [number, number];
      return r < 10 && c < 14 ? { ...b, estateId: 'big' } : b;
    });
    const report = proposeAreas({ buildings, k: 4, by: 'buildings' });
    expectPartitionAndContiguity(buildings, 4, report);
    const estateOf = new Map(buildings.map((b) => [b.id, b.estateId]));
    expect(report.groups.filter((g) => g.buildingIds.some((id) => estateOf.get(id) === 'big'))).toHaveLength(1);
  });

  it('splits estates when k is larger than the number of estates', () => {
    const buildings = gridCommunity({ cols: 20, rows: 20, seed: 17, estateBlock: 10 });
    const report = proposeAreas({ buildings, k: 10, by: 'population' });
    expectPartitionAndContiguity(buildings, 10, report);
    expect(maxDeviation(buildings, report, 'population')).toBeLessThanOrEqual(5);
    expect(report.summary.splitEstates).toBeGreaterThan(0);
  });

  it('puts everything in one group for k = 1', () => {
    const buildings = gridCommunity({ cols: 12, rows: 9, seed: 19 });
    const report = proposeAreas({ buildings, k: 1, by: 'households' });
    expectPartitionAndContiguity(buildings, 1, report);
    expect(report.groups[0]!.deviationPct).toBe(0);
  });

  it('gives every building a group of its own for k = number of buildings', () => {
    const buildings = gridCommunity({ cols: 6, rows: 5, seed: 23 });
    const report = proposeAreas({ buildings, k: buildings.length, by: 'buildings' });
    expectPartitionAndContiguity(buildings, buildings.length, report);
    for (const g of report.groups) expect(g.buildingIds).toHaveLength(1);
  });

  it('stays contiguous on scattered clusters, duplicate points and a straight line of buildings', () => {
    const rand = seededRandom(29);
    const clusters: DistrictBuilding[] = [];
    for (let c = 0; c < 6; c++) {
      const [cx, cy] = [ORIGIN[0] + rand() * 200 * STEP, ORIGIN[1] + rand() * 200 * STEP];
      for (let i = 0; i < 40; i++) {
        const p: [number, number] = i % 10 === 0 && i ? clusters[clusters.length - 1]!.point : [cx + rand() * 8 * STEP, cy + rand() * 8 * STEP];
        clusters.push({ id: `c${c}-${i}`, point: p, population: Math.floor(rand() * 80), households: 10, estateId: `e${c}`, concentrated: false });
      }
    }
    const line = Array.from({ length: 50 }, (_, i): DistrictBuilding => ({ id: `l${i}`, point: [ORIGIN[0] + i * STEP, ORIGIN[1]], population: 10 + (i % 7), households: 4, estateId: 'x', concentrated: false }));
    for (const [buildings, k] of [
      [clusters, 7],
      [line, 5],
    ] as const) {
      const report = proposeAreas({ buildings, k, by: 'population' });
      expectPartitionAndContiguity(buildings, k, report);
    }
  });

  it('refuses empty and invalid input with a clear message', () => {
    const buildings = gridCommunity({ cols: 3, rows: 3, seed: 1 });
    expect(() => proposeAreas({ buildings: [], k: 1, by: 'population' })).toThrow(/no buildings/);
    expect(() => proposeAreas({ buildings, k: 0, by: 'population' })).toThrow(/k must be a whole number/);
    expect(() => proposeAreas({ buildings, k: 1.5, by: 'population' })).toThrow(/k must be a whole number/);
    expect(() => proposeAreas({ buildings, k: 10, by: 'population' })).toThrow(/more than the 9 buildings/);
    expect(() => proposeAreas({ buildings, k: 2, by: 'floors' as never })).toThrow(/unknown measure/);
    expect(() => proposeAreas({ buildings: [...buildings, buildings[0]!], k: 2, by: 'population' })).toThrow(/appears twice/);
    expect(() => proposeAreas({ buildings: [{ ...buildings[0]!, point: [Number.NaN, 0] }], k: 1, by: 'population' })).toThrow(/valid \[lng, lat\]/);
    expect(() => proposeAreas({ buildings: [{ ...buildings[0]!, population: -1 }], k: 1, by: 'population' })).toThrow(/negative/);
  });
});
