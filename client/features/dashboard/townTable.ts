// The per-town table's columns and its order: any column, either way, ties by town id so the
// order is stable; a share a town cannot have (no such communities) sorts last either way.
import { sumForms } from '../../../server/domain/organisations';
import type { Figures, TownFigures } from './api';

export const TOWN_COLUMNS = [
  { key: 'villagesBefore', value: (f: Figures) => f.villagesBefore },
  { key: 'rural', value: (f: Figures) => f.communities.rural },
  { key: 'urban', value: (f: Figures) => f.communities.urban },
  { key: 'villageOrgs', value: (f: Figures) => sumForms(f.partyOrgs.village) },
  { key: 'communityOrgs', value: (f: Figures) => sumForms(f.partyOrgs.community) },
  { key: 'villageCentres', value: (f: Figures) => f.serviceCenters.village.count },
  { key: 'villagesWithCentre', value: (f: Figures) => f.shares.withCentre.village, share: true },
  { key: 'communityCentres', value: (f: Figures) => f.serviceCenters.community.count },
  { key: 'communitiesWithCentre', value: (f: Figures) => f.shares.withCentre.community, share: true },
  { key: 'largeCentres', value: (f: Figures) => f.serviceCenters.village.large + f.serviceCenters.community.large },
  { key: 'concentratedResidence', value: (f: Figures) => f.shares.concentratedResidence, share: true, digits: 1 },
  { key: 'volunteers', value: (f: Figures) => f.volunteers },
  { key: 'population', value: (f: Figures) => f.population },
] as const;

export type ColumnKey = (typeof TOWN_COLUMNS)[number]['key'];
/** `order` is the city's own order of its towns (by id); `name` sorts by the name as read. */
export type SortKey = 'order' | 'name' | ColumnKey;
export interface TownSort {
  key: SortKey;
  descending: boolean;
}

export function sortTowns(towns: TownFigures[], sort: TownSort, nameOf: (t: TownFigures) => string): TownFigures[] {
  const column = TOWN_COLUMNS.find((c) => c.key === sort.key);
  const sign = sort.descending ? -1 : 1;
  const byId = (a: TownFigures, b: TownFigures) => a.id.localeCompare(b.id);
  if (sort.key === 'order') return [...towns].sort((a, b) => sign * byId(a, b));
  if (!column) return [...towns].sort((a, b) => sign * nameOf(a).localeCompare(nameOf(b), 'zh-CN') || byId(a, b));
  return [...towns].sort((a, b) => {
    const [x, y] = [column.value(a), column.value(b)];
    if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byId(a, b);
  });
}

/** A click on the current column turns its order round; on another, counts start largest first. */
export const nextSort = (current: TownSort, key: SortKey): TownSort =>
  current.key === key ? { key, descending: !current.descending } : { key, descending: key !== 'name' };
