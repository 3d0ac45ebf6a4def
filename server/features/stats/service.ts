// The seed report's indicators for the city: the towns' counts (towns.ts) added up, so an adopted
// merger or a new centre changes them, and the dashboard's per-town figures sum to these.
import type { AppContext } from '../../context';
import type { FormCounts } from '../../domain/organisations';
import { countByTown, residenceRate, sumCounts } from './towns';

export interface Stats {
  villagesBefore: number;
  communities: { rural: number; villageResidence: number; township: number; urban: number };
  partyOrgs: { village: FormCounts; community: FormCounts };
  serviceCenters: { village: { count: number; large: number }; community: { count: number; large: number } };
  concentratedResidenceRate: number;
  volunteers: number;
  towns: number;
  contractedAreas: number;
  partyGroups: number;
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
}

export async function computeStats(ctx: AppContext): Promise<Stats> {
  const towns = await countByTown(ctx);
  const city = sumCounts(towns);
  return {
    villagesBefore: city.villagesBefore,
    communities: city.communities,
    partyOrgs: city.partyOrgs,
    serviceCenters: city.serviceCenters,
    concentratedResidenceRate: residenceRate(city),
    volunteers: city.volunteers,
    towns: towns.length,
    contractedAreas: city.contractedAreas,
    partyGroups: city.partyGroups,
    buildings: city.buildings,
    households: city.households,
    population: city.population,
    partyMembers: city.partyMembers,
  };
}
