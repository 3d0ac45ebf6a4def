// Population budgets per community. The report's figures are exact: 1,000,000 residents
// (× scale) and a concentrated-residence rate of 69.6 %, so the concentrated and
// scattered totals are fixed first and then divided down with largest remainders.
import { isRural } from '../../server/domain/kinds.js';
import { apportion } from './apportion.js';
import { streamFor } from './rng.js';
import type { Territory } from './territory.js';

export const BASE_POPULATION = 1_000_000;
export const CONCENTRATED_RATE = 0.696;
/** Shares of all residents living in street and township communities (all of them in estates). */
const STREET_SHARE = 0.18;
const TOWNSHIP_SHARE = 0.2;

export interface Budget {
  total: number;
  concentrated: number;
  /** Per community: residents in concentrated estates, in scattered farmhouses. */
  conc: number[];
  scat: number[];
  /** The same split at scale 1: structural choices (area counts, org forms) use it so they don't change with scale. */
  pop1: number[];
}

export function totalsFor(scale: number): { total: number; concentrated: number } {
  const total = Math.round(BASE_POPULATION * scale);
  return { total, concentrated: Math.round(total * CONCENTRATED_RATE) };
}

export function budget(T: Territory, commCells: number[], scale: number, seed: number): Budget {
  const rnd = streamFor(seed, 'population');
  const comms = T.communities;
  const size = (k: number): number => commCells[k] as number;
  // Weights are drawn once, independent of scale, so scale only stretches the numbers.
  const wUrban = comms.map((c, k) => (c.kind === 'urban' ? size(k) * rnd.range(0.7, 1.3) : 0));
  const wTownship = comms.map((c, k) => (c.kind === 'township' ? size(k) * rnd.range(0.7, 1.3) : 0));
  const rural = (k: number): boolean => !!comms[k] && isRural(comms[k].kind);
  // Most rural communities have a resettlement estate; every 村居合一 one does.
  const wRuralConc = comms.map((c, k) => {
    const r = rnd.next();
    if (c.kind === 'village_residence') return size(k) * rnd.range(1.0, 1.6);
    return rural(k) && r < 0.72 ? size(k) * rnd.range(0.6, 1.4) : 0;
  });
  const wScat = comms.map((c, k) => (rural(k) ? size(k) * rnd.range(0.7, 1.3) * (c.kind === 'village_residence' ? 0.6 : 1) : 0));

  const split = (scale: number): { conc: number[]; scat: number[]; total: number; concentrated: number } => {
    const { total, concentrated } = totalsFor(scale);
    const street = Math.round(total * STREET_SHARE);
    const township = Math.round(total * TOWNSHIP_SHARE);
    const a = apportion(street, wUrban);
    const b = apportion(township, wTownship);
    const c = apportion(concentrated - street - township, wRuralConc);
    const scat = apportion(total - concentrated, wScat);
    const conc = comms.map((_, k) => (a[k] as number) + (b[k] as number) + (c[k] as number));
    return { conc, scat, total, concentrated };
  };
  const one = split(1);
  const now = split(scale);
  return {
    total: now.total,
    concentrated: now.concentrated,
    conc: now.conc,
    scat: now.scat,
    pop1: comms.map((_, k) => (one.conc[k] as number) + (one.scat[k] as number)),
  };
}
