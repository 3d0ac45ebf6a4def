// The dashboard's chart builders and its table order: pure functions over figures, checked by the
// shapes they produce (bar lengths in proportion, totals, shares with no whole, reference lines).
import { describe, expect, it } from 'vitest';
import type { Dashboard, TownFigures } from '../../client/features/dashboard/api';
import { countAxis, groupedShares, stackedBars, type Chart } from '../../client/features/dashboard/charts';
import { centreShareChart, communityTypesChart, orgFormsChart, type ChartWords } from '../../client/features/dashboard/figureCharts';
import { nextSort, sortTowns } from '../../client/features/dashboard/townTable';

function town(id: string, { rural = 0, villageResidence = 0, township = 0, urban = 0, forms = [0, 0, 0], withCentre = [null, null] as Array<number | null>, volunteers = 0 } = {}): TownFigures {
  const side = <T>(v: T) => ({ village: v, community: v });
  return {
    id,
    name: `镇${id}`,
    nameEn: `Town ${id}`,
    kind: 'town',
    villagesBefore: rural * 2,
    communities: { rural, villageResidence, township, urban },
    partyOrgs: { village: { 党委: forms[0]!, 党总支: forms[1]!, 党支部: forms[2]! }, community: { 党委: 1, 党总支: 0, 党支部: 0 } },
    serviceCenters: side({ count: 0, large: 0 }),
    organised: side({ communities: 0, withCentre: 0 }),
    contractedAreas: 0,
    partyGroups: 0,
    buildings: 0,
    households: 0,
    population: 0,
    partyMembers: 0,
    concentratedPopulation: 0,
    volunteers,
    shares: { withCentre: { village: withCentre[0]!, community: withCentre[1]! }, largeCentres: side(null), concentratedResidence: 0 },
  };
}

const WORDS: ChartWords = {
  communityTypesTitle: '社区类型',
  orgFormsTitle: '组织形式',
  centreShareTitle: '占比',
  kinds: { rural: '农村社区', village_residence: '村居合一社区', township: '乡镇社区', urban: '城市社区' },
  forms: { 党委: '党委', 党总支: '党总支', 党支部: '党支部' },
  villagesWithCentre: '村',
  communitiesWithCentre: '社区',
  city: '全市',
};
const nameOf = (t: TownFigures) => t.name;
/** The bars of one row, by the row label their tooltip starts with. */
const barsOf = (chart: Chart, label: string) => chart.rects.filter((r) => r.label.startsWith(`${label} · `));
const inside = (chart: Chart) => [...chart.rects.map((r) => r.x + r.width), ...chart.lines.map((l) => Math.max(l.x1, l.x2))].every((x) => x <= chart.width);

describe('countAxis', () => {
  it('ends on a round number at or above the largest value, in at most five whole steps', () => {
    expect(countAxis(24)).toEqual({ top: 25, step: 5 });
    expect(countAxis(243)).toEqual({ top: 250, step: 50 });
    expect(countAxis(3)).toEqual({ top: 3, step: 1 });
    expect(countAxis(0)).toEqual({ top: 1, step: 1 });
  });
});

describe('stackedBars', () => {
  const chart = stackedBars({
    title: 'T',
    width: 400,
    series: [
      { label: 'a', color: '#f00' },
      { label: 'b', color: '#00f' },
    ],
    rows: [
      { label: 'x', values: [10, 5] },
      { label: 'y', values: [0, 20] },
    ],
  });

  it('draws each value as a segment in proportion, side by side, with the row total at its end', () => {
    const [xa, xb] = barsOf(chart, 'x');
    expect(xa!.width / xb!.width).toBeCloseTo(2);
    expect(xb!.x).toBeCloseTo(xa!.x + xa!.width);
    expect(xa!.fill).toBe('#f00');
    // A zero draws nothing; the longest bar is 20 of an axis ending at 20.
    const y = barsOf(chart, 'y');
    expect(y).toHaveLength(1);
    expect(y[0]!.width / xa!.width).toBeCloseTo(2);
    expect(chart.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['T', 'a', 'b', 'x', 'y', '15', '20']));
    expect(inside(chart)).toBe(true);
    expect(chart.height).toBeGreaterThan(2 * 22);
  });
});

describe('groupedShares', () => {
  const chart = groupedShares({
    title: 'S',
    width: 300,
    format: (s) => `${Math.round(s * 100)}%`,
    series: [
      { label: 'v', color: '#0a0' },
      { label: 'c', color: '#00a' },
    ],
    rows: [
      { label: 'full', values: [1, 0.5] },
      { label: 'none', values: [null, 0] },
    ],
    references: [0.75, null],
  });

  it('draws shares against one whole, writes "—" where there is no whole and the city as a dashed line over the bars', () => {
    const [v, c] = barsOf(chart, 'full');
    expect(v!.width / c!.width).toBeCloseTo(2);
    expect(barsOf(chart, 'none')).toEqual([]);
    expect(chart.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['100%', '50%', '—', '0%']));
    const reference = chart.lines.filter((l) => l.front);
    expect(reference).toHaveLength(1);
    expect(reference[0]!.x1 - v!.x).toBeCloseTo(0.75 * v!.width);
    expect(inside(chart)).toBe(true);
  });
});

describe('the dashboard charts', () => {
  const towns = [
    town('T01', { rural: 3, villageResidence: 1, township: 0, urban: 5, forms: [1, 2, 0], withCentre: [1, 0.8], volunteers: 10 }),
    town('T02', { rural: 12, villageResidence: 2, township: 3, urban: 3, forms: [2, 8, 2], withCentre: [0.5, null], volunteers: 30 }),
  ];
  const dashboard = { city: { ...town('city'), shares: { ...town('city').shares, withCentre: { village: 0.6, community: 0.8 } } }, towns } as unknown as Dashboard;

  it('split communities into the four kinds, which add up to the town’s communities', () => {
    const chart = communityTypesChart(towns, WORDS, nameOf);
    const widths = barsOf(chart, '镇T02').map((r) => r.width);
    // 12 rural of which 2 村居合一, 3 urban all township: no urban-only segment.
    const unit = widths[0]! / 10;
    expect(widths.map((w) => Math.round(w / unit))).toEqual([10, 2, 3]);
    expect(chart.texts.some((t) => t.text === '15')).toBe(true);
    expect(barsOf(chart, '镇T02').map((r) => r.label.split(' · ')[1]!.split(':')[0])).toEqual(['农村社区', '村居合一社区', '乡镇社区']);
  });

  it('count party organisations of villages and communities together, by form', () => {
    const chart = orgFormsChart(towns, WORDS, nameOf);
    expect(barsOf(chart, '镇T01').map((r) => r.label)).toEqual(['镇T01 · 党委: 2', '镇T01 · 党总支: 2']);
  });

  it('put the city first and as the reference lines of the centre shares', () => {
    const chart = centreShareChart(dashboard, WORDS, nameOf);
    expect(barsOf(chart, '全市')).toHaveLength(2);
    expect(chart.texts.find((t) => t.anchor === 'end')!.text).toBe('全市');
    expect(chart.lines.filter((l) => l.front)).toHaveLength(2);
  });
});

describe('the per-town table order', () => {
  const towns = [town('T01', { withCentre: [0.5, null], volunteers: 30 }), town('T02', { withCentre: [null, null], volunteers: 30 }), town('T03', { withCentre: [0.9, 1], volunteers: 5 })];

  it('sorts by any column either way, ties by town id, and a share without a whole last', () => {
    const ids = (key: Parameters<typeof nextSort>[1], descending: boolean) => sortTowns(towns, { key, descending }, nameOf).map((t) => t.id);
    expect(ids('volunteers', true)).toEqual(['T01', 'T02', 'T03']);
    expect(ids('volunteers', false)).toEqual(['T03', 'T01', 'T02']);
    expect(ids('villagesWithCentre', true)).toEqual(['T03', 'T01', 'T02']);
    expect(ids('villagesWithCentre', false)).toEqual(['T01', 'T03', 'T02']);
    expect(ids('name', false)).toEqual(['T01', 'T02', 'T03']);
    expect(ids('order', true)).toEqual(['T03', 'T02', 'T01']);
  });

  it('turns the order round on the same column and starts a new count column largest first', () => {
    expect(nextSort({ key: 'name', descending: false }, 'name')).toEqual({ key: 'name', descending: true });
    expect(nextSort({ key: 'name', descending: false }, 'population')).toEqual({ key: 'population', descending: true });
  });
});
