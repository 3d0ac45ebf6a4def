import { describe, expect, it } from 'vitest';
import { distanceM } from '../../server/analysis/distance';
import { occupiedHexCentres } from '../../server/analysis/coverage/hexes';
import { nearestCentreFinder } from '../../server/analysis/coverage/nearest';
import { indexPoints, within } from '../../server/analysis/coverage/points';
import { reachCounts, type Centre } from '../../server/analysis/coverage/reach';
import { chooseSites, SitingInputError } from '../../server/analysis/coverage/siting';
import { compare, counted, type Demand } from '../../server/analysis/coverage/compare';
import { applyChanges, type CentreChanges, type PlacedCentre } from '../../server/analysis/coverage/what-if';
import { summarise } from '../../server/analysis/coverage/summary';
import { BOX, clusteredDemand } from '../support/coverage-city';
import { seededRandom } from '../support/districting-community';
import { exactCovering } from '../support/exact-covering';

function randomCentres(count: number, seed: number): Centre[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `S${i}`,
    lng: BOX.west + rnd() * (BOX.east - BOX.west),
    lat: BOX.south + rnd() * (BOX.north - BOX.south),
    radiusM: 500 + Math.floor(rnd() * 6) * 250,
  }));
}

describe('coverage: which residents a centre reaches', () => {
  it('counts the centres reaching each point exactly as comparing every point with every centre does', () => {
    const { lng, lat } = clusteredDemand(20_000, 60, 7);
    const centres = randomCentres(80, 8);
    const counts = reachCounts(indexPoints(lng, lat), centres);
    let reached = 0;
    for (let i = 0; i < lng.length; i++) {
      const brute = centres.filter((c) => distanceM([c.lng, c.lat], [lng[i]!, lat[i]!]) <= c.radiusM).length;
      expect(counts[i], `point ${i}`).toBe(brute);
      if (brute) reached++;
    }
    // Not a vacuous comparison: some points are reached, some are not.
    expect(reached).toBeGreaterThan(1000);
    expect(reached).toBeLessThan(lng.length);
  });

  it('decides points a metre inside and a metre outside a radius by great-circle distance, also at the box corners', () => {
    const corners: [number, number][] = [[BOX.west, BOX.south], [BOX.east, BOX.north], [BOX.west, BOX.north], [BOX.east, BOX.south]];
    const metresPerDegLng = (lat: number) => (distanceM([120, lat], [120.001, lat]) / 0.001);
    const lng: number[] = [];
    const lat: number[] = [];
    const centres: Centre[] = corners.map(([x, y], i) => ({ id: `C${i}`, lng: x, lat: y, radiusM: 1500 }));
    for (const [x, y] of corners) {
      lng.push(x + 1499 / metresPerDegLng(y), x + 1501 / metresPerDegLng(y));
      lat.push(y, y);
    }
    const counts = reachCounts(indexPoints(Float64Array.from(lng), Float64Array.from(lat)), centres);
    expect(Array.from(counts)).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('reaches nothing with no centres and nothing on an empty city', () => {
    const { lng, lat } = clusteredDemand(100, 3, 1);
    expect(Array.from(reachCounts(indexPoints(lng, lat), [])).every((c) => c === 0)).toBe(true);
    expect(reachCounts(indexPoints(new Float64Array(0), new Float64Array(0)), randomCentres(3, 1)).length).toBe(0);
  });

  it('sums totals and covered weights per group the way a plain loop does', () => {
    const rnd = seededRandom(3);
    const n = 5000;
    const group = Int32Array.from({ length: n }, () => Math.floor(rnd() * 7));
    const reached = Uint16Array.from({ length: n }, () => (rnd() < 0.4 ? 1 + Math.floor(rnd() * 3) : 0));
    const population = Float64Array.from({ length: n }, () => Math.floor(rnd() * 20));
    const households = Float64Array.from({ length: n }, () => Math.floor(rnd() * 8));
    const sums = summarise(group, 7, reached, { population, households });
    for (let g = 0; g < 7; g++) {
      let total = 0;
      let covered = 0;
      for (let i = 0; i < n; i++) if (group[i] === g) [total, covered] = [total + population[i]!, covered + (reached[i]! > 0 ? population[i]! : 0)];
      expect(sums[g]!.population).toEqual({ total, covered, share: covered / total });
    }
    expect(summarise(new Int32Array(0), 2, new Uint16Array(0), { population: new Float64Array(0) })[1]!.population.share).toBe(0);
  });

  it('finds the nearest centre as checking every centre does', () => {
    const centres = randomCentres(300, 11);
    const nearest = nearestCentreFinder(centres);
    const rnd = seededRandom(12);
    for (let q = 0; q < 500; q++) {
      const lng = BOX.west - 0.2 + rnd() * (BOX.east - BOX.west + 0.4);
      const lat = BOX.south - 0.2 + rnd() * (BOX.north - BOX.south + 0.4);
      const brute = Math.min(...centres.map((c) => distanceM([lng, lat], [c.lng, c.lat])));
      expect(nearest(lng, lat)!.distanceM).toBeCloseTo(brute, 6);
    }
    expect(nearestCentreFinder([])(120, 32)).toBeNull();
  });
});

describe('candidate sites on a hex grid', () => {
  it('puts a candidate within one cell of every resident, one per occupied cell, none where nobody lives', () => {
    const { lng, lat } = clusteredDemand(5000, 8, 4);
    const points = indexPoints(lng, lat);
    const spacing = 400;
    const hexes = occupiedHexCentres(points, spacing);
    // A pointy-top hexagon's corner is spacing / √3 from its centre: no resident is farther than that.
    const reach = spacing / Math.sqrt(3) + 1;
    const finder = nearestCentreFinder(hexes.map((h, i) => ({ id: String(i), ...h, radiusM: 1 })));
    for (let i = 0; i < points.n; i += 7) expect(finder(lng[i]!, lat[i]!)!.distanceM).toBeLessThanOrEqual(reach);
    // Every candidate has a resident in its own cell.
    for (const h of hexes) expect(within(points, h.lng, h.lat, reach).length).toBeGreaterThan(0);
    // Distinct cells: no two candidates closer than the spacing (less a rounding hair).
    const hexIndex = indexPoints(Float64Array.from(hexes, (h) => h.lng), Float64Array.from(hexes, (h) => h.lat));
    for (const h of hexes) expect(within(hexIndex, h.lng, h.lat, spacing * 0.99)).toHaveLength(1);
    expect(() => occupiedHexCentres(points, 0)).toThrow(RangeError);
  });
});

describe('new sites: choosing p centres that reach the most uncovered residents', () => {
  const instance = (seed: number, candidates: number, p: number) => {
    const { lng, lat } = clusteredDemand(3000, 12, seed);
    const rnd = seededRandom(seed + 100);
    const demand = Float64Array.from({ length: lng.length }, () => 1 + Math.floor(rnd() * 5));
    const sites = Array.from({ length: candidates }, () => {
      const i = Math.floor(rnd() * lng.length);
      return { lng: lng[i]!, lat: lat[i]! };
    });
    return { points: indexPoints(lng, lat), demand, candidates: sites, radiusM: 2500, p };
  };

  it('stays within 2 % of the exact optimum on small instances, and the swaps never lose what greedy found', () => {
    const gaps: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const input = instance(seed, 22, 4);
      const exact = exactCovering(input);
      const result = chooseSites(input);
      expect(result.covered).toBeGreaterThanOrEqual(result.greedyCovered);
      expect(result.covered).toBeLessThanOrEqual(exact.covered + 1e-9);
      gaps.push(1 - result.covered / exact.covered);
    }
    expect(Math.max(...gaps)).toBeLessThanOrEqual(0.02);
  });

  it('gives marginal gains that add up to the demand the chosen sites really reach', () => {
    const input = instance(9, 60, 6);
    const result = chooseSites(input);
    expect(new Set(result.sites.map((s) => s.candidate)).size).toBe(6);
    const reached = reachCounts(input.points, result.sites.map((s, i) => ({ id: `N${i}`, ...input.candidates[s.candidate]!, radiusM: input.radiusM })));
    let really = 0;
    for (let i = 0; i < reached.length; i++) if (reached[i]! > 0) really += input.demand[i]!;
    expect(result.sites.reduce((s, x) => s + x.gain, 0)).toBeCloseTo(really, 6);
    expect(result.covered).toBeCloseTo(really, 6);
    // Gains come in the order a greedy reader expects: the first site adds the most.
    for (let k = 1; k < result.sites.length; k++) expect(result.sites[k]!.gain).toBeLessThanOrEqual(result.sites[k - 1]!.gain);
  });

  it('fixes the case greedy alone gets wrong: two side sites beat the best single site plus one', () => {
    // Demand on a line (weights): L 4 at −3 km, ML 3 at −1 km, C 2 at 0, MR 3 at +1 km, R 4 at +3 km.
    // Candidate 0 (at 0) reaches ML + C + MR = 8, the most of any; 1 (at −2 km) reaches L + ML = 7,
    // 2 (at +2 km) MR + R = 7. With p = 2 greedy takes 0, then 4 more: 12; the optimum {1, 2} is 14.
    const at = (m: number) => 120 + m / 94_400;
    const lng = Float64Array.from([-3000, -1000, 0, 1000, 3000].map(at));
    const lat = new Float64Array(lng.length).fill(32);
    const demand = Float64Array.from([4, 3, 2, 3, 4]);
    const candidates = [0, -2000, 2000].map((m) => ({ lng: at(m), lat: 32 }));
    const result = chooseSites({ points: indexPoints(lng, lat), demand, candidates, radiusM: 1600, p: 2 });
    expect(result.greedyCovered).toBe(12);
    expect(result.covered).toBe(14);
    expect(result.swaps).toBeGreaterThan(0);
    expect(result.sites.map((s) => s.candidate).sort()).toEqual([1, 2]);
  });

  it('refuses more sites than candidates with a code for the leader, and a p below 1, a radius of 0 or demand of the wrong length as faults', () => {
    const input = instance(1, 5, 2);
    expect(() => chooseSites({ ...input, p: 6 })).toThrow(expect.objectContaining({ code: 'coverage_too_many_sites', params: { p: 6, candidates: 5 } }));
    expect(() => chooseSites({ ...input, p: 6 })).toThrow(SitingInputError);
    expect(() => chooseSites({ ...input, p: 0 })).toThrow(RangeError);
    expect(() => chooseSites({ ...input, radiusM: 0 })).toThrow(/radiusM/);
    expect(() => chooseSites({ ...input, demand: new Float64Array(3) })).toThrow(/one value per point/);
  });
});

describe('a what-if before → after, and why a change moved no figure', () => {
  // Buildings on a line, 1 km apart (residents in brackets): a (100) at 0, b (200) at 1 km,
  // c (400) at 2 km, d (800) at 5 km, each its own estate. Hall H1 at 0 and hall H2 at 1 km (both
  // 1.2 km) reach a, b and c between them, each of a, b, c by both... except c, which only H2
  // reaches; the convenience centre K at 5 km (500 m) alone reaches d.
  const at = (m: number) => 120 + m / 94_400;
  const lng = Float64Array.from([0, 1000, 2000, 5000].map(at));
  const lat = new Float64Array(4).fill(32);
  const demand: Demand = {
    points: indexPoints(lng, lat),
    weights: { population: Float64Array.from([100, 200, 400, 800]), households: Float64Array.from([40, 80, 160, 320]), buildings: new Float64Array(4).fill(1), partyMembers: Float64Array.from([5, 10, 20, 40]) },
    estate: Int32Array.from([0, 1, 2, 3]),
  };
  const centre = (id: string, kind: PlacedCentre['kind'], m: number, radiusM: number): PlacedCentre => ({ id, name: id, kind, lng: at(m), lat: 32, radiusM, floorAreaM2: 500, communityId: 'C1', status: 'as_is' });
  const centres = [centre('H1', 'party_service', 0, 1200), centre('H2', 'party_service', 1000, 1200), centre('K', 'convenience', 5000, 500)];
  const kinds = ['party_service', 'convenience'] as const;
  const run = (changes: CentreChanges, only: readonly PlacedCentre['kind'][] = kinds) =>
    compare(demand, counted(demand, centres, only), counted(demand, applyChanges(centres, changes), only), only);

  it('closing a centre whose residents another centre still reaches changes no figure, and says so with 0 reached by it alone', () => {
    const { before, after, lost, gained, effects } = run({ closed: ['H1'] });
    expect(before.population).toEqual({ total: 1500, covered: 1500, share: 1 });
    expect(after).toEqual(before);
    expect([lost, gained]).toEqual([0, 0]);
    expect(effects).toEqual([{ id: 'H1', name: 'H1', kind: 'party_service', change: 'closed', counted: true, reachedBefore: 300, onlyThis: 0, stillReached: 300, reachedAfter: 0, newlyReached: 0 }]);
  });

  it('closing the only centre of some residents loses them: the difference in every figure and the count it alone reached', () => {
    const { before, after, lost, effects } = run({ closed: ['H2'] });
    expect(after.population.covered - before.population.covered).toBe(-400);
    expect(after.households.covered - before.households.covered).toBe(-160);
    expect(after.buildings.covered - before.buildings.covered).toBe(-1);
    expect(after.partyMembers.covered - before.partyMembers.covered).toBe(-20);
    expect(after.population.share - before.population.share).toBeCloseTo(-400 / 1500, 12);
    expect([before.uncoveredEstates, after.uncoveredEstates]).toEqual([0, 1]);
    expect([before.byKind.party_service!.covered, after.byKind.party_service!.covered, after.byKind.convenience!.covered]).toEqual([700, 300, 800]);
    expect(lost).toBe(400);
    expect(effects[0]).toMatchObject({ id: 'H2', reachedBefore: 700, onlyThis: 400, stillReached: 300 });
  });

  it('moving a centre counts what it left, what is still reached, what it reaches now and what of that is new', () => {
    const { lost, gained, effects } = run({ moved: [{ id: 'K', lng: at(2000), lat: 32 }] });
    expect([lost, gained]).toEqual([800, 0]);
    expect(effects).toEqual([expect.objectContaining({ id: 'K', change: 'changed', reachedBefore: 800, onlyThis: 800, stillReached: 0, reachedAfter: 400, newlyReached: 0 })]);
  });

  it('an added centre among residents already reached adds no one; a kind not counted touches no figure', () => {
    const added = run({ added: [{ id: 'new-1', kind: 'party_service', lng: at(500), lat: 32, radiusM: 600 }] });
    expect(added.after.population).toEqual(added.before.population);
    expect(added.effects).toEqual([expect.objectContaining({ id: 'new-1', change: 'added', reachedBefore: 0, reachedAfter: 300, newlyReached: 0 })]);
    const uncounted = run({ closed: ['K'] }, ['party_service']);
    expect(uncounted.after).toEqual(uncounted.before);
    expect(uncounted.effects).toEqual([expect.objectContaining({ id: 'K', counted: false, reachedBefore: 0 })]);
    expect(uncounted.before.byKind).toEqual({ party_service: { total: 1500, covered: 700, share: 700 / 1500 } });
  });
});
