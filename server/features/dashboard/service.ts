// The leaders' dashboard: the report's indicators for the city and for each town, with the shares
// the report quotes worked out from the same counts. Nothing is stored; every answer is counted.
import type { AppContext } from '../../context';
import { countByTown, residenceRate, sumCounts, type Counts } from '../stats/towns';

/** A part of a whole; null when there is no whole (a town without communities of that side). */
export type Share = number | null;
type Side<T> = { village: T; community: T };

export interface Shares {
  /** Communities with a party organisation that have a party service centre (report: 76.25 %, 92.59 %). */
  withCentre: Side<Share>;
  /** Centres of at least 1000 m² among the centres (report: 15.30 %, 11.11 %). */
  largeCentres: Side<Share>;
  /** Residents of concentrated estates among all residents, to three decimals as `/api/stats` gives it. */
  concentratedResidence: number;
}

export type Figures = Counts & { shares: Shares };

export interface Dashboard {
  city: Figures & { towns: number };
  towns: Array<Figures & { id: string; name: string; nameEn: string; kind: string }>;
}

const share = (part: number, whole: number): Share => (whole > 0 ? part / whole : null);

function sharesOf(c: Counts): Shares {
  const of = <T>(f: (side: 'village' | 'community') => T): Side<T> => ({ village: f('village'), community: f('community') });
  return {
    withCentre: of((s) => share(c.organised[s].withCentre, c.organised[s].communities)),
    largeCentres: of((s) => share(c.serviceCenters[s].large, c.serviceCenters[s].count)),
    concentratedResidence: residenceRate(c),
  };
}

export async function readDashboard(ctx: AppContext): Promise<Dashboard> {
  const towns = await countByTown(ctx);
  const city = sumCounts(towns);
  return {
    city: { ...city, shares: sharesOf(city), towns: towns.length },
    towns: towns.map((t) => ({ ...t, shares: sharesOf(t) })),
  };
}
