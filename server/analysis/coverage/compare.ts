// A what-if's before → after: the figures with the centres as they are and as the what-if leaves
// them, and for every centre it touches whose reach that centre had and has. A change that moves
// no figure can then say why: the residents it reached are still reached by other centres, or
// those it newly reaches were reached already.
import { CENTRE_KINDS, type CentreKind } from '../../domain/kinds';
import { within, type PointSet } from './points';
import { reach } from './reach';
import { summarise, type Totals } from './summary';
import { serving, type PlacedCentre } from './what-if';

export const MEASURES = ['population', 'households', 'buildings', 'partyMembers'] as const;
export type Measure = (typeof MEASURES)[number];
export type Reached = Record<Measure, Totals>;

export interface Demand {
  points: PointSet;
  weights: Record<Measure, Float64Array>;
  /** Each point's estate, as a small integer. */
  estate: Int32Array;
}

export interface Figures extends Reached {
  /** Estates with at least one building beyond every counted centre's reach. */
  uncoveredEstates: number;
  /** Residents within reach of the counted centres of each kind (counted kinds only). */
  byKind: Partial<Record<CentreKind, Totals>>;
}

const kindBit = (kind: CentreKind) => 1 << CENTRE_KINDS.indexOf(kind);

/** Centres with the figures they give and how many of them (those serving) reach each point. */
export interface Counted {
  centres: readonly PlacedCentre[];
  figures: Figures;
  counts: Uint16Array;
}

/** The figures for the centres that serve: the kinds counted, none closed. */
export function counted(demand: Demand, centres: readonly PlacedCentre[], kinds: readonly CentreKind[]): Counted {
  const { counts, bits } = reach(demand.points, serving(centres, kinds), (c) => kindBit(c.kind));
  const one = new Int32Array(demand.points.n);
  const [reached] = summarise(one, 1, counts, demand.weights);
  const uncovered = new Set<number>();
  for (let i = 0; i < counts.length; i++) if (!counts[i]) uncovered.add(demand.estate[i]!);
  const byKind: Figures['byKind'] = {};
  for (const kind of kinds) {
    const bit = kindBit(kind);
    byKind[kind] = summarise(one, 1, bits.map((b) => b & bit), { population: demand.weights.population })[0]!.population;
  }
  return { centres, figures: { ...reached!, uncoveredEstates: uncovered.size, byKind }, counts };
}

/** What one centre the what-if touched did and does, in residents. */
export interface CentreEffect {
  id: string;
  name: string;
  kind: CentreKind;
  change: 'changed' | 'added' | 'closed';
  /** Its kind is among those counted; if not, it changes no figure. */
  counted: boolean;
  /** Residents within its reach as it is (0 for an added centre). */
  reachedBefore: number;
  /** Of those, residents no other centre reaches as it is: they depended on it alone. */
  onlyThis: number;
  /** Of those, residents a counted centre still reaches after the what-if. */
  stillReached: number;
  /** Residents within its reach after the what-if (0 for a closed centre). */
  reachedAfter: number;
  /** Of those, residents no centre reached before: what it adds. */
  newlyReached: number;
}

export interface Comparison {
  before: Figures;
  after: Figures;
  /** Residents reached before and not after, and the other way round. */
  lost: number;
  gained: number;
  /** The centres the what-if touched, in the order of `after`. */
  effects: CentreEffect[];
}

/** `before`: the centres as they are; `after`: as the what-if leaves them (both `counted` with `kinds`). */
export function compare(demand: Demand, before: Counted, after: Counted, kinds: readonly CentreKind[]): Comparison {
  const pop = demand.weights.population;
  const { points } = demand;
  let lost = 0;
  let gained = 0;
  for (let i = 0; i < points.n; i++) {
    if (before.counts[i] && !after.counts[i]) lost += pop[i]!;
    if (!before.counts[i] && after.counts[i]) gained += pop[i]!;
  }
  const was = new Map(before.centres.map((c) => [c.id, c]));
  const effects = after.centres
    .filter((c) => c.status !== 'as_is')
    .map((c): CentreEffect => {
      const effect: CentreEffect = { id: c.id, name: c.name, kind: c.kind, change: c.status as CentreEffect['change'], counted: kinds.includes(c.kind), reachedBefore: 0, onlyThis: 0, stillReached: 0, reachedAfter: 0, newlyReached: 0 };
      if (!effect.counted) return effect;
      const old = was.get(c.id);
      if (old && c.status !== 'added')
        for (const i of within(points, old.lng, old.lat, old.radiusM)) {
          effect.reachedBefore += pop[i]!;
          if (before.counts[i] === 1) effect.onlyThis += pop[i]!;
          if (after.counts[i]) effect.stillReached += pop[i]!;
        }
      if (c.status !== 'closed')
        for (const i of within(points, c.lng, c.lat, c.radiusM)) {
          effect.reachedAfter += pop[i]!;
          if (!before.counts[i]) effect.newlyReached += pop[i]!;
        }
      return effect;
    });
  return { before: before.figures, after: after.figures, lost, gained, effects };
}
