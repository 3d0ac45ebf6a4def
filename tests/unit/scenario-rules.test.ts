// The pure rules of a merger scenario: members that do not touch, holes and the units stranded
// in them, groups crossing a town boundary, the city's forms after a merger, balance.
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../../server/analysis/scenarios/balance';
import { detachedMembers } from '../../server/analysis/scenarios/contiguity';
import { enclosedUnits, holesOf, insideRing } from '../../server/analysis/scenarios/enclaves';
import { formsAfter } from '../../server/analysis/scenarios/forms';
import { townsCrossed } from '../../server/analysis/scenarios/towns';

const ring = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('detachedMembers', () => {
  it('is empty when the members form one piece through shared borders', () => {
    expect(detachedMembers(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']])).toEqual([]);
  });

  it('lists the members outside the largest piece, ignoring borders with non-members', () => {
    expect(detachedMembers(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['d', 'x']])).toEqual(['d']);
    expect(detachedMembers(['a', 'b', 'c', 'd'], [['a', 'b'], ['c', 'd'], ['b', 'x'], ['x', 'c']])).toEqual(['c', 'd']);
  });

  it('treats a single member as touching itself', () => {
    expect(detachedMembers(['a'], [])).toEqual([]);
  });
});

describe('holes and enclaves', () => {
  const ringWithHole: Polygon = { type: 'Polygon', coordinates: [ring(0, 0, 3, 3), ring(1, 1, 2, 2)] };
  const solid: MultiPolygon = { type: 'MultiPolygon', coordinates: [[ring(0, 0, 1, 1)], [ring(2, 0, 3, 1)]] };

  it('counts interior rings of polygons and multipolygons', () => {
    expect(holesOf(ringWithHole)).toHaveLength(1);
    expect(holesOf(solid)).toHaveLength(0);
    expect(holesOf({ type: 'MultiPolygon', coordinates: [ringWithHole.coordinates, [ring(5, 5, 9, 9), ring(6, 6, 7, 7), ring(8, 8, 8.5, 8.5)]] })).toHaveLength(3);
  });

  it('finds the units whose interior point lies in a hole, and not those outside or in the solid part', () => {
    const units = [
      { id: 'inside-hole', point: [1.5, 1.5] },
      { id: 'in-ring', point: [0.5, 0.5] },
      { id: 'outside', point: [4, 4] },
    ];
    expect(enclosedUnits(ringWithHole, units)).toEqual(['inside-hole']);
    expect(enclosedUnits(solid, units)).toEqual([]);
  });

  it('tests points against a ring by even-odd crossing', () => {
    expect(insideRing([0.5, 0.5], ring(0, 0, 1, 1))).toBe(true);
    expect(insideRing([1.5, 0.5], ring(0, 0, 1, 1))).toBe(false);
  });
});

describe('townsCrossed', () => {
  it('is empty for a group in one town and names every town otherwise', () => {
    expect(townsCrossed({ V1: 'T01', V2: 'T01' })).toEqual([]);
    expect(townsCrossed({ V1: 'T02', V2: 'T01', V3: 'T02' })).toEqual(['T01', 'T02']);
  });
});

describe('the organisation forms of a merger', () => {
  it('counts the city\'s forms after organisations go and come', () => {
    expect(formsAfter({ 党委: 3, 党总支: 5, 党支部: 2 }, ['党总支', '党总支', '党支部'], ['党委'])).toEqual({ 党委: 4, 党总支: 3, 党支部: 1 });
  });
});

describe('balanceOf', () => {
  it('gives the mean and the largest deviation from it in per cent', () => {
    expect(balanceOf([90, 100, 110])).toEqual({ mean: 100, maxDeviationPct: 10 });
    expect(balanceOf([50, 150])).toEqual({ mean: 100, maxDeviationPct: 50 });
    expect(balanceOf([])).toEqual({ mean: 0, maxDeviationPct: 0 });
    expect(balanceOf([0, 0])).toEqual({ mean: 0, maxDeviationPct: 0 });
  });
});
