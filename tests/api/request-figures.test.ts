// The leaders' figures of requests, per town, community and area: they add up to the total,
// they are the domain's on-time rules, the median and the mean over the unit's own requests,
// visit coverage is the share of the unit's buildings visited within 30 and 90 days, the late
// list is exactly the late requests, the workbook carries them, and the map's points are every
// placed request of the period with nothing else about it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedOnTime, isOverdue, respondedOnTime } from '../../server/domain/requests';
import { REQUEST_COLUMNS, REQUEST_FROM, timingOf, toStored, type StoredRequest } from '../../server/features/requests/store';
import type { FiguresAnswer, RequestPoints } from '../../server/features/requests/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

const DAY = 86_400_000;
// One fixed moment for the whole file: the figures of "now" must not move between two reads.
const NOW = Date.now();
let api: TestApi;
let leader = '';
let town = '';

beforeAll(async () => {
  api = await startTestApi({ clock: () => new Date(NOW) });
  leader = await loginDemo(api, 'leader');
  town = (await api.ctx.db.knex('towns').orderBy('id').first('id')).id;
});
afterAll(() => api.close());

const figures = async (query: string) => {
  const res = await send<FiguresAnswer>(api, 'GET', `/api/requests/figures?${query}`, undefined, leader);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

async function requestsOf(where: string, bindings: string[]): Promise<StoredRequest[]> {
  const { rows } = await api.ctx.db.knex.raw(`SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.region = ? AND ${where}`, [api.ctx.region, ...bindings]);
  return (rows as Array<Record<string, unknown>>).map(toStored);
}

const share = (xs: Array<boolean | null>) => {
  const judged = xs.filter((x) => x !== null);
  return judged.length ? judged.filter(Boolean).length / judged.length : null;
};
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
};

describe('figures per town, community and area', () => {
  it('gives every town a row, and the rows add up to the city’s total', async () => {
    const answer = await figures('level=town');
    expect(answer.rows.length).toBe(Number((await api.ctx.db.knex('towns').count('* as n').first())!.n));
    for (const key of ['requests', 'open', 'overdue', 'rated', 'buildings'] as const) {
      expect([key, answer.rows.reduce((s, r) => s + r[key], 0)]).toEqual([key, answer.total[key]]);
    }
    expect(answer.total.requests).toBeGreaterThan(1000);
    expect(answer.to).toBe(new Date(NOW).toISOString().slice(0, 10));
  });

  it('computes on-time shares, the median hours to close and satisfaction as the domain rules say, over the unit’s own requests', async () => {
    const answer = await figures(`level=town&town=${town}`);
    const row = answer.rows.find((r) => r.id === town)!;
    const since = Date.parse(answer.from);
    const rs = (await requestsOf('r.town_id = ?', [town])).filter((r) => r.createdAt >= since && r.createdAt < Date.parse(answer.to) + DAY);
    expect(row.requests).toBe(rs.length);
    expect(row.respondedOnTime).toBeCloseTo(share(rs.map((r) => respondedOnTime(r, NOW)))!, 10);
    expect(row.closedOnTime).toBeCloseTo(share(rs.map((r) => closedOnTime(r, NOW)))!, 10);
    expect(row.medianHoursToClose).toBeCloseTo(median(rs.filter((r) => r.closedAt !== null).map((r) => (r.closedAt! - r.createdAt) / 3_600_000))!, 6);
    const rated = rs.filter((r) => r.rating !== null);
    expect([row.rated, row.satisfaction]).toEqual([rated.length, expect.closeTo(rated.reduce((s, r) => s + r.rating!, 0) / rated.length, 10)]);
    expect(row.overdue).toBe(rs.filter((r) => isOverdue(timingOf(r), NOW)).length);
  });

  it('lists every area of a community, and counts visit coverage as the share of its buildings visited within 30 and 90 days', async () => {
    const k = api.ctx.db.knex;
    const community = (await k('communities').where({ town_id: town }).orderBy('id').first('id')).id;
    const answer = await figures(`level=area&community=${community}`);
    const areas = (await k('contracted_areas').where({ community_id: community }).orderBy('id').pluck('id')) as string[];
    expect(answer.rows.map((r) => r.id)).toEqual(areas);
    for (const row of answer.rows) {
      const buildings = (await k('buildings').where({ area_id: row.id }).pluck('id')) as string[];
      const today = new Date(NOW).toISOString().slice(0, 10);
      const visitedWithin = async (days: number) =>
        Number((await k('visits').whereIn('building_id', buildings).whereRaw('visited_on > ?::date - ?::int', [today, days]).countDistinct('building_id as n').first())!.n);
      expect([row.id, row.buildings, row.visited30, row.visited90]).toEqual([
        row.id, buildings.length, (await visitedWithin(30)) / buildings.length, (await visitedWithin(90)) / buildings.length,
      ]);
    }
    expect(answer.rows.some((r) => (r.visited90 ?? 0) > 0)).toBe(true);
  });

  it('lists exactly the late requests of the selection, most raised first', async () => {
    const answer = await figures('level=town');
    const late = (await requestsOf("r.status <> 'closed'", [])).filter((r) => isOverdue(timingOf(r), NOW));
    expect(late.length).toBeLessThan(200);
    expect(answer.overdue.map((r) => r.id).sort()).toEqual(late.map((r) => r.id).sort());
    const levels = answer.overdue.map((r) => r.escalation);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
  });

  it('refuses a level it does not know and a date that is not one', async () => {
    for (const q of ['level=planet', 'from=yesterday', 'town=T01&unknown=1']) {
      expect((await send(api, 'GET', `/api/requests/figures?${q}`, undefined, leader)).status).toBe(400);
    }
  });
});

describe('the workbook', () => {
  it('has the units with the total last and the late requests, in Chinese', async () => {
    const answer = await figures('level=town');
    const res = await api.request('/api/requests/figures.xlsx?level=town', { cookie: leader });
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('社情民意统计'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const [units, late] = book.worksheets;
    expect(units!.getRow(1).getCell(3).value).toBe('诉求数');
    expect(units!.getRow(answer.rows.length + 2).getCell(1).value).toBe('合计');
    expect(units!.getRow(answer.rows.length + 2).getCell(3).value).toBe(answer.total.requests);
    expect(late!.name).toBe('超期诉求');
    expect(late!.rowCount).toBe(answer.overdue.length + 1);
  });
});

describe('the map’s points', () => {
  it('has one point per placed request of the period, with its category and status and nothing else', async () => {
    const res = await send<RequestPoints>(api, 'GET', '/api/requests/points', undefined, leader);
    const answer = await figures('level=town');
    const since = Date.parse(answer.from);
    const placed = (await requestsOf('r.location IS NOT NULL', [])).filter((r) => r.createdAt >= since && r.createdAt < Date.parse(answer.to) + DAY);
    expect(res.body.points.length).toBe(placed.length);
    expect(res.body.points.every((p) => p.length === 4 && res.body.categories[p[2]] !== undefined && res.body.statuses[p[3]] !== undefined)).toBe(true);
    expect(Object.keys(res.body).sort()).toEqual(['categories', 'points', 'statuses']);
  });
});
