// The dashboard's three charts from its figures: communities by type per town, party organisations
// by form per town, and the share of villages and communities with a party service centre per town.
import { COMMUNITY_KINDS, type CommunityKind } from '../../../server/domain/kinds';
import { UNIT_FORMS, type UnitForm } from '../../../server/domain/organisations';
import type { Dashboard, TownFigures } from './api';
import { groupedShares, stackedBars, type Chart } from './charts';
import { formatShare } from './format';

export const CHART_WIDTH = 640;

/** Labels the charts need, from the i18n messages. */
export interface ChartWords {
  communityTypesTitle: string;
  orgFormsTitle: string;
  centreShareTitle: string;
  kinds: Record<CommunityKind, string>;
  forms: Record<UnitForm, string>;
  villagesWithCentre: string;
  communitiesWithCentre: string;
  city: string;
}

const KIND_COLOURS: Record<CommunityKind, string> = { rural: '#6a9f4a', village_residence: '#b9d48a', township: '#3f7fbf', urban: '#9cc3e8' };
const FORM_COLOURS: Record<UnitForm, string> = { 党委: '#a11d1d', 党总支: '#e0703a', 党支部: '#f2c14e' };
const SHARE_COLOURS = ['#6a9f4a', '#3f7fbf'];

/** Four disjoint kinds: rural without 村居合一, 村居合一, township, urban without township. */
export function communityTypesChart(towns: TownFigures[], words: ChartWords, nameOf: (t: TownFigures) => string): Chart {
  return stackedBars({
    title: words.communityTypesTitle,
    width: CHART_WIDTH,
    series: COMMUNITY_KINDS.map((k) => ({ label: words.kinds[k], color: KIND_COLOURS[k] })),
    rows: towns.map((t) => ({
      label: nameOf(t),
      values: [t.communities.rural - t.communities.villageResidence, t.communities.villageResidence, t.communities.township, t.communities.urban - t.communities.township],
    })),
  });
}

/** Village and community organisations together, by form. */
export function orgFormsChart(towns: TownFigures[], words: ChartWords, nameOf: (t: TownFigures) => string): Chart {
  return stackedBars({
    title: words.orgFormsTitle,
    width: CHART_WIDTH,
    series: UNIT_FORMS.map((f) => ({ label: words.forms[f], color: FORM_COLOURS[f] })),
    rows: towns.map((t) => ({ label: nameOf(t), values: UNIT_FORMS.map((f) => t.partyOrgs.village[f] + t.partyOrgs.community[f]) })),
  });
}

/** Per town and for the city (first row, and the dashed lines). */
export function centreShareChart(dashboard: Dashboard, words: ChartWords, nameOf: (t: TownFigures) => string): Chart {
  const { city } = dashboard;
  return groupedShares({
    title: words.centreShareTitle,
    width: CHART_WIDTH,
    // Whole percentages (the axis, 100 %) without decimals, the rest to one.
    format: (s) => formatShare(s, Number.isInteger(Math.round(s * 1e6) / 1e4) ? 0 : 1),
    series: [words.villagesWithCentre, words.communitiesWithCentre].map((label, i) => ({ label, color: SHARE_COLOURS[i]! })),
    rows: [
      { label: words.city, values: [city.shares.withCentre.village, city.shares.withCentre.community] },
      ...dashboard.towns.map((t) => ({ label: nameOf(t), values: [t.shares.withCentre.village, t.shares.withCentre.community] })),
    ],
    references: [city.shares.withCentre.village, city.shares.withCentre.community],
  });
}
