// Carving the land: towns, then inside each town its seat (urban communities) and its
// villages, then villages merged into rural communities. Everything is a label per cell;
// polygons are traced from the labels later.
import { apportion, apportionMin } from './apportion.js';
import { growRegions, spreadSeeds } from './grow.js';
import { NX, cellDist2, cellI, cellIndex, cellJ, neighbours4, type Lattice } from './lattice.js';
import { fixPinches } from './pinch.js';
import { streamFor } from './rng.js';
import type { CommunityKind } from '../../server/domain/kinds.js';

export const STREET_COUNT = 3;
export const TOWN_COUNT = 14;
export const VILLAGE_COUNT = 526;
export const RURAL_COUNT = 243;
export const VILLAGE_RESIDENCE_COUNT = 30;
export const URBAN_PER_STREET = 5; // 3 × 5 = 15 street communities
export const TOWNSHIP_COUNT = 39;
const STREET_VILLAGES = 20;
const STREET_RURAL = 9;

export interface Unit {
  town: number;
  urban: boolean;
  seed: number;
}

export interface CommunityPlan {
  town: number;
  kind: CommunityKind;
  units: number[];
}

export interface Territory {
  landCells: number[];
  /** Town index per cell (-1 off land); towns 0..2 are the streets. */
  town: Int32Array;
  townSeat: number[];
  /** Unit (village or urban community) per cell. */
  unit: Int32Array;
  units: Unit[];
  unitTown: Int32Array;
  unitComm: Int32Array;
  communities: CommunityPlan[];
}

export function buildTerritory(L: Lattice, seed: number): Territory {
  const rnd = streamFor(seed, 'territory');
  const next = (): number => rnd.next();
  const landCells: number[] = [];
  for (let c = 0; c < L.kind.length; c++) if (L.kind[c] === 1) landCells.push(c);
  const nTowns = STREET_COUNT + TOWN_COUNT;

  // Streets: three seeds close together a few km south of the river, mid-city — the old
  // town centre. Towns spread over the rest.
  const ci = Math.round(NX * 0.52);
  const cj = (L.bank[ci] as number) - 24;
  const streetSeeds = [cellIndex(ci - 9, cj + 5), cellIndex(ci + 9, cj + 4), cellIndex(ci + 1, cj - 9)];
  const townSeeds = spreadSeeds(landCells, TOWN_COUNT, streetSeeds, next, 40);
  const seeds = [...streetSeeds, ...townSeeds];
  const streetTarget = 720;
  const townTargets = apportion(
    landCells.length - STREET_COUNT * streetTarget,
    townSeeds.map(() => rnd.range(0.8, 1.2)),
  );
  const grownTowns = growRegions(L, landCells, seeds, [...streetSeeds.map(() => streetTarget), ...townTargets], 30);
  const town = new Int32Array(L.kind.length).fill(-1);
  for (const [c, k] of grownTowns.labelOf) town[c] = k;
  fixPinches({ fine: town, coarse: [], parent: null });

  const townCells: number[][] = Array.from({ length: nTowns }, () => []);
  for (const c of landCells) (townCells[town[c] as number] as number[]).push(c);

  // Villages per town in proportion to land, so villages come out of similar size.
  const villagesPer = [
    ...apportion(STREET_VILLAGES, townCells.slice(0, STREET_COUNT).map((cs) => cs.length)),
    ...apportion(VILLAGE_COUNT - STREET_VILLAGES, townCells.slice(STREET_COUNT).map((cs) => cs.length)),
  ];
  const urbanPer = [
    ...Array.from({ length: STREET_COUNT }, () => URBAN_PER_STREET),
    ...apportionMin(TOWNSHIP_COUNT, townCells.slice(STREET_COUNT).map((cs) => cs.length), 2),
  ];

  const unit = new Int32Array(L.kind.length).fill(-1);
  const units: Unit[] = [];
  for (let t = 0; t < nTowns; t++) {
    const cells = townCells[t] as number[];
    const seat = seeds[t] as number;
    const nu = urbanPer[t] as number;
    const nv = villagesPer[t] as number;
    const isStreet = t < STREET_COUNT;
    // Street communities cover about half of a street; a town's seat is a small core.
    const urbanCells = isStreet ? Math.round(cells.length * 0.5) : nu * 30;
    const radius2 = (urbanCells / Math.PI) * 1.1;
    const near = cells.filter((c) => cellDist2(c, seat) <= radius2);
    const urbanSeeds = [seat, ...spreadSeeds(near.length > nu ? near : cells, nu - 1, [seat], next)];
    const far = cells.filter((c) => cellDist2(c, seat) > radius2 * 1.6);
    const villageSeeds = spreadSeeds(far.length > nv * 4 ? far : cells, nv, urbanSeeds, next);
    const targets = [
      ...apportion(urbanCells, urbanSeeds.map(() => rnd.range(0.85, 1.15))),
      ...apportion(cells.length - urbanCells, villageSeeds.map(() => rnd.range(0.8, 1.2))),
    ];
    const grown = growRegions(L, cells, [...urbanSeeds, ...villageSeeds], targets, 10);
    const base = units.length;
    urbanSeeds.forEach((s) => units.push({ town: t, urban: true, seed: s }));
    villageSeeds.forEach((s) => units.push({ town: t, urban: false, seed: s }));
    for (const [c, k] of grown.labelOf) unit[c] = base + k;
  }
  const unitTown = Int32Array.from(units.map((u) => u.town));
  fixPinches({ fine: unit, coarse: [], parent: unitTown });

  // Rural communities: merge adjacent villages of a town, smallest first, until the
  // town has its quota. Urban communities are single units.
  const ruralPer = [
    ...apportion(STREET_RURAL, villagesPer.slice(0, STREET_COUNT)),
    ...apportion(RURAL_COUNT - STREET_RURAL, villagesPer.slice(STREET_COUNT)),
  ];
  const unitCells = cellsByLabel(unit, units.length);
  const unitComm = new Int32Array(units.length).fill(-1);
  const communities: CommunityPlan[] = [];
  for (let t = 0; t < nTowns; t++) {
    const mine = units.map((u, k) => ({ u, k })).filter((e) => e.u.town === t);
    for (const e of mine.filter((e) => e.u.urban)) {
      unitComm[e.k] = communities.length;
      communities.push({ town: t, kind: t < STREET_COUNT ? 'urban' : 'township', units: [e.k] });
    }
    const villages = mine.filter((e) => !e.u.urban).map((e) => e.k);
    for (const group of mergeVillages(villages, ruralPer[t] as number, unit, unitCells)) {
      for (const v of group) unitComm[v] = communities.length;
      communities.push({ town: t, kind: 'rural', units: group });
    }
  }
  fixPinches({ fine: unit, coarse: [unitComm], parent: unitTown });

  // 村居合一: one village team doubling as a residents' committee — typically the rural
  // community next to a seat. Take the communities nearest each seat, town by town.
  const ranked: number[][] = Array.from({ length: nTowns }, () => []);
  const commCells = cellsByLabel(unit, units.length);
  const centroidDist = (k: number): number => {
    const plan = communities[k] as CommunityPlan;
    let si = 0;
    let sj = 0;
    let n = 0;
    for (const u of plan.units) {
      for (const c of commCells[u] as number[]) {
        si += cellI(c);
        sj += cellJ(c);
        n++;
      }
    }
    const seat = seeds[plan.town] as number;
    return (si / n - cellI(seat)) ** 2 + (sj / n - cellJ(seat)) ** 2;
  };
  communities.forEach((p, k) => {
    if (p.kind === 'rural') (ranked[p.town] as number[]).push(k);
  });
  for (const r of ranked) r.sort((a, b) => centroidDist(a) - centroidDist(b) || a - b);
  let chosen = 0;
  for (let round = 0; chosen < VILLAGE_RESIDENCE_COUNT; round++) {
    for (let t = STREET_COUNT; t < nTowns + STREET_COUNT && chosen < VILLAGE_RESIDENCE_COUNT; t++) {
      const k = (ranked[t % nTowns] as number[])[round];
      if (k === undefined) continue;
      (communities[k] as CommunityPlan).kind = 'village_residence';
      chosen++;
    }
    if (round > 50) throw new Error('not enough rural communities for 村居合一');
  }

  return { landCells, town, townSeat: seeds, unit, units, unitTown, unitComm, communities };
}

export function cellsByLabel(label: Int32Array, n: number): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < label.length; c++) {
    const l = label[c] as number;
    if (l >= 0) (out[l] as number[]).push(c);
  }
  return out;
}

function mergeVillages(villages: number[], target: number, unit: Int32Array, unitCells: number[][]): number[][] {
  const inTown = new Set(villages);
  const adj = new Map<number, Set<number>>();
  for (const v of villages) adj.set(v, new Set());
  for (const v of villages) {
    for (const c of unitCells[v] as number[]) {
      for (const n of neighbours4(c)) {
        const w = unit[n] as number;
        if (w !== v && inTown.has(w)) (adj.get(v) as Set<number>).add(w);
      }
    }
  }
  // group id = its first village; owner maps a village to its group.
  const owner = new Map<number, number>(villages.map((v) => [v, v]));
  const members = new Map<number, number[]>(villages.map((v) => [v, [v]]));
  const cells = new Map<number, number>(villages.map((v) => [v, (unitCells[v] as number[]).length]));
  const order = (a: number, b: number): number =>
    (members.get(a) as number[]).length - (members.get(b) as number[]).length ||
    (cells.get(a) as number) - (cells.get(b) as number) ||
    a - b;
  while (members.size > target) {
    const groups = [...members.keys()].sort(order);
    let merged = false;
    for (const g of groups) {
      const nbr = new Set<number>();
      for (const v of members.get(g) as number[]) {
        for (const w of adj.get(v) as Set<number>) {
          const h = owner.get(w) as number;
          if (h !== g) nbr.add(h);
        }
      }
      if (nbr.size === 0) continue;
      const h = [...nbr].sort(order)[0] as number;
      const [keep, drop] = g < h ? [g, h] : [h, g];
      for (const v of members.get(drop) as number[]) owner.set(v, keep);
      members.set(keep, [...(members.get(keep) as number[]), ...(members.get(drop) as number[])].sort((a, b) => a - b));
      cells.set(keep, (cells.get(keep) as number) + (cells.get(drop) as number));
      members.delete(drop);
      cells.delete(drop);
      merged = true;
      break;
    }
    if (!merged) throw new Error('villages cannot be merged down to the quota');
  }
  return [...members.keys()].sort((a, b) => a - b).map((g) => members.get(g) as number[]);
}
