import { describe, expect, it } from 'vitest';
import { CellGrid, IntList } from '../../server/analysis/coverage/cell-reach';
import { indexPoints, within } from '../../server/analysis/coverage/points';
import { chooseSites } from '../../server/analysis/coverage/siting';
import { clusteredDemand } from '../support/coverage-city';
import { seededRandom } from '../support/districting-community';
import { exactCovering } from '../support/exact-covering';
import { plainCovering } from '../support/plain-covering';

function instance(seed: number, residents: number, clusters: number, candidates: number, radiusM: number, p: number) {
  const { lng, lat } = clusteredDemand(residents, clusters, seed);
  const rnd = seededRandom(seed + 1000);
  const demand = Float64Array.from({ length: residents }, () => 1 + Math.floor(rnd() * 5));
  const sites = Array.from({ length: candidates }, () => {
    const i = Math.floor(rnd() * residents);
    return { lng: lng[i]!, lat: lat[i]! };
  });
  return { points: indexPoints(lng, lat), demand, candidates: sites, radiusM, p };
}

describe('siting on a grid of cells: the same residents reached, the best answer found', () => {
  it('lists for each candidate exactly the residents with demand that the distance test reaches, at 32° and at 60° north, 150 m to 5 km', () => {
    for (const [shift, radiusM] of [[0, 150], [0, 1000], [28, 1000], [28, 5000]] as const) {
      const base = instance(3, 30_000, 20, 60, radiusM, 1);
      const lat = base.points.lat.map((v) => v + shift);
      const points = indexPoints(base.points.lng, lat);
      const demand = base.demand.map((d, i) => (i % 10 === 0 ? 0 : d)); // some residents already covered
      const grid = new CellGrid(points, demand, radiusM);
      let reachedAny = 0;
      for (const c of base.candidates) {
        const centre = { lng: c.lng, lat: c.lat + shift };
        const [cells, single] = [new IntList(), new IntList()];
        grid.reach(centre, cells, single);
        const listed: number[] = Array.from(single.data.subarray(0, single.length), (k) => grid.order[k]!);
        for (const cell of cells.data.subarray(0, cells.length)) for (let k = grid.cellStart[cell]!; k < grid.cellStart[cell + 1]!; k++) listed.push(grid.order[k]!);
        const expected = within(points, centre.lng, centre.lat, radiusM).filter((i) => demand[i]! > 0);
        expect(listed.sort((a, b) => a - b), `radius ${radiusM} at +${shift}°`).toEqual(expected.sort((a, b) => a - b));
        reachedAny += expected.length;
        expect(grid.bound(centre, grid.cellWeight)).toBeGreaterThanOrEqual(expected.reduce((s, i) => s + demand[i]!, 0) - 1e-9);
      }
      expect(reachedAny).toBeGreaterThan(100);
    }
  });

  it('finds the exact optimum on every one of 20 small instances (3,000 residents, 24 candidates, p = 4)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const input = instance(seed, 3000, 12, 24, 2500, 4);
      const exact = exactCovering(input).covered;
      expect(chooseSites(input).covered, `seed ${seed}`).toBe(exact);
    }
  });

  it('reaches at least 98 % of what a plain greedy with exhaustive swaps reaches on larger instances', () => {
    for (const seed of [1, 2, 3]) {
      const input = instance(seed, 40_000, 40, 300, 1500, 15);
      const plain = plainCovering(input);
      const found = chooseSites(input);
      expect(found.covered / plain, `seed ${seed}`).toBeGreaterThanOrEqual(0.98);
      expect(found.covered).toBeGreaterThanOrEqual(found.greedyCovered);
    }
  });
});
