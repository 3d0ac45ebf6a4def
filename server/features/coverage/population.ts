// Everyone, not only the uncovered: every building once, as a heatmap point. It does not depend on
// the what-if, so the client asks for it once per town instead of with every what-if answer.
import type { AppContext } from '../../context';
import { loadDemand } from './demand';

export interface PopulationPoints {
  town: string | null;
  /** Every building: [lng, lat, population, households, partyMembers], the shape of `uncoveredPoints`. */
  points: [number, number, number, number, number][];
}

/** A metre or so: finer than any heatmap shows, and a third of the digits. */
const round = (v: number) => Math.round(v * 1e5) / 1e5;

export async function populationPoints(ctx: AppContext, town?: string): Promise<PopulationPoints> {
  const d = await loadDemand(ctx, town);
  const points: PopulationPoints['points'] = [];
  for (let i = 0; i < d.n; i++) points.push([round(d.lng[i]!), round(d.lat[i]!), d.population[i]!, d.households[i]!, d.partyMembers[i]!]);
  return { town: town ?? null, points };
}
