// The leaders' dashboard against `/api/stats` and against plain SQL counts of its own: the towns
// add up to the city exactly, one town's figures are what separate queries count, the workbook
// holds the same numbers, and a centre opened or closed changes them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../server/features/dashboard/service';
import { CITY_SHEET, TOWNS_SHEET } from '../../server/features/dashboard/workbook';
import type { Stats } from '../../server/features/stats/service';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let leader = '';

beforeAll(async () => {
  api = await startTestApi();
  leader = await loginDemo(api, 'leader');
});
afterAll(() => api.close());

async function dashboard(): Promise<Dashboard> {
  const { status, body } = await send<Dashboard>(api, 'GET', '/api/dashboard', undefined, leader);
  expect(status).toBe(200);
  return body;
}

/** Every number in `value`, by its path: what "adds up" compares. */
function numbers(value: unknown, path = ''): Record<string, number> {
  if (typeof value === 'number') return { [path]: value };
  if (value === null || typeof value !== 'object') return {};
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => numbers(v, path ? `${path}.${k}` : k)));
}

describe('GET /api/dashboard', () => {
  it('gives per-town figures that add up exactly to /api/stats, whose every figure the city repeats', async () => {
    const [stats, board] = await Promise.all([api.json<Stats>('/api/stats'), dashboard()]);
    expect(board.towns).toHaveLength(stats.towns);
    const { towns, concentratedResidenceRate, ...additive } = stats;
    expect(board.city.shares.concentratedResidence).toBe(concentratedResidenceRate);
    for (const [path, value] of Object.entries(numbers(additive))) {
      expect(numbers(board.city)[path], path).toBe(value);
      expect(board.towns.reduce((sum, town) => sum + numbers(town)[path]!, 0), path).toBe(value);
    }
    expect(board.city.towns).toBe(towns);
    const population = board.towns.reduce((s, t) => s + t.population, 0);
    const concentrated = board.towns.reduce((s, t) => s + t.concentratedPopulation, 0);
    expect(Math.round((concentrated / population) * 1000) / 1000).toBe(stats.concentratedResidenceRate);
    // The report's shares, from the demo city's counts.
    expect(board.city.organised).toEqual({ village: { communities: 240, withCentre: 183 }, community: { communities: 54, withCentre: 50 } });
    expect(board.city.shares.withCentre.village!.toFixed(4)).toBe('0.7625');
    expect(board.city.shares.withCentre.community!.toFixed(4)).toBe('0.9259');
    expect(board.city.shares.largeCentres.village!.toFixed(4)).toBe('0.1530');
    // 6 of 50 built; the report's 11.11 % divides by the 54 communities instead.
    expect(board.city.shares.largeCentres.community!.toFixed(4)).toBe('0.1200');
    expect(board.city.shares.concentratedResidence).toBe(0.696);
  });

  it('counts for one town what separate SQL queries count', async () => {
    const board = await dashboard();
    const town = [...board.towns].sort((a, b) => b.communities.rural - a.communities.rural)[0]!;
    const k = api.ctx.db.knex;
    const region = api.ctx.region;
    const one = async (sql: string) => Number(Object.values((await k.raw(sql, { region, town: town.id })).rows[0] as object)[0] ?? 0);
    const inTown = `c.region = :region AND c.town_id = :town`;
    const rural = `c.kind IN ('rural', 'village_residence')`;
    expect(town.villagesBefore).toBe(await one(`SELECT count(*) FROM villages WHERE region = :region AND town_id = :town`));
    expect(town.communities.rural).toBe(await one(`SELECT count(*) FROM communities c WHERE ${inTown} AND ${rural}`));
    expect(town.communities.urban).toBe(await one(`SELECT count(*) FROM communities c WHERE ${inTown} AND NOT ${rural}`));
    for (const form of ['党委', '党总支', '党支部'] as const) {
      expect(town.partyOrgs.village[form], form).toBe(
        await one(`SELECT count(*) FROM party_orgs o JOIN communities c ON c.id = o.unit_id WHERE ${inTown} AND ${rural} AND o.level = 2 AND o.form = '${form}'`),
      );
    }
    const centres = `FROM service_centres s JOIN communities c ON c.id = s.community_id WHERE ${inTown} AND ${rural} AND s.kind = 'party_service'`;
    expect(town.serviceCenters.village.count).toBe(await one(`SELECT count(*) ${centres}`));
    expect(town.serviceCenters.village.large).toBe(await one(`SELECT count(*) ${centres} AND s.floor_area >= 1000`));
    expect(town.organised.village.withCentre).toBe(
      await one(`SELECT count(DISTINCT c.id) ${centres} AND c.id IN (SELECT unit_id FROM party_orgs WHERE level = 2)`),
    );
    const buildings = `FROM buildings b JOIN estates e ON e.id = b.estate_id JOIN contracted_areas a ON a.id = b.area_id
                       JOIN communities c ON c.id = a.community_id WHERE ${inTown}`;
    expect(town.population).toBe(await one(`SELECT sum(b.population) ${buildings}`));
    expect(town.concentratedPopulation).toBe(await one(`SELECT sum(b.population) ${buildings} AND e.concentrated`));
    expect(town.volunteers).toBe(
      await one(`SELECT sum(o.volunteers) FROM party_orgs o WHERE o.region = :region AND (
                   (o.level = 1 AND o.unit_id = :town)
                OR (o.level = 2 AND o.unit_id IN (SELECT id FROM communities c WHERE ${inTown}))
                OR (o.level = 3 AND o.unit_id IN (SELECT a.id FROM contracted_areas a JOIN communities c ON c.id = a.community_id WHERE ${inTown}))
                OR (o.level = 4 AND o.unit_id IN (SELECT g.id FROM party_groups g JOIN contracted_areas a ON a.id = g.area_id
                                                    JOIN communities c ON c.id = a.community_id WHERE ${inTown})))`),
    );
    expect(town.volunteers).toBeGreaterThan(0);
  });

  it('is for signed-in users only', async () => {
    expect((await api.get('/api/dashboard')).status).toBe(401);
    expect((await api.get('/api/dashboard/export.xlsx')).status).toBe(401);
    expect((await send(api, 'GET', '/api/dashboard?town=T01', undefined, leader)).status).toBe(400);
  });
});

describe('GET /api/dashboard/export.xlsx', () => {
  it('is a workbook with a city sheet and a per-town sheet holding the same numbers, named in UTF-8', async () => {
    const [board, res] = await Promise.all([dashboard(), api.request('/api/dashboard/export.xlsx', { cookie: leader })]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%E6%8C%87%E6%A0%87%E7%9C%8B%E6%9D%BF-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);

    const city = workbook.getWorksheet(CITY_SHEET)!;
    const cityValue = (heading: string) => {
      let found: unknown;
      city.eachRow((row) => {
        if (row.getCell(1).value === heading) found = row.getCell(2).value;
      });
      return found;
    };
    expect(cityValue('撤并前行政村')).toBe(board.city.villagesBefore);
    expect(cityValue('村党组织·党总支')).toBe(board.city.partyOrgs.village.党总支);
    expect(cityValue('社区党员人才服务中心')).toBe(board.city.serviceCenters.community.count);
    expect(cityValue('有服务中心的村占比')).toBe(board.city.shares.withCentre.village);
    expect(cityValue('集中居住率')).toBe(board.city.shares.concentratedResidence);
    expect(cityValue('党员志愿者')).toBe(board.city.volunteers);

    const towns = workbook.getWorksheet(TOWNS_SHEET)!;
    const header = (towns.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['镇（街道）', '类型', '撤并前行政村']);
    const column = (heading: string) => header.indexOf(heading) + 1;
    const rows = board.towns.map((_, i) => towns.getRow(i + 2));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(board.towns.map((t) => t.name));
    expect(rows.map((r) => r.getCell(column('撤并后农村社区')).value)).toEqual(board.towns.map((t) => t.communities.rural));
    expect(rows.map((r) => r.getCell(column('村党员人才服务中心')).value)).toEqual(board.towns.map((t) => t.serviceCenters.village.count));
    expect(rows.map((r) => r.getCell(column('人口')).value)).toEqual(board.towns.map((t) => t.population));
    const share = towns.getRow(2).getCell(column('集中居住率'));
    expect([typeof share.value, share.numFmt]).toEqual(['number', '0.00%']);
    const total = towns.getRow(board.towns.length + 2);
    expect([total.getCell(1).value, total.getCell(column('党员志愿者')).value]).toEqual(['全市合计', board.city.volunteers]);
  });
});

describe('live counts', () => {
  it('change in the town and the city when a centre opens in a village without one and another closes', async () => {
    const k = api.ctx.db.knex;
    const region = api.ctx.region;
    const before = await dashboard();
    const bare = (
      await k.raw(
        `SELECT c.id, c.town_id FROM communities c
          WHERE c.region = ? AND c.kind IN ('rural', 'village_residence')
            AND EXISTS (SELECT 1 FROM party_orgs o WHERE o.region = c.region AND o.level = 2 AND o.unit_id = c.id)
            AND NOT EXISTS (SELECT 1 FROM service_centres s WHERE s.region = c.region AND s.community_id = c.id AND s.kind = 'party_service')
          ORDER BY c.id LIMIT 1`,
        [region],
      )
    ).rows[0] as { id: string; town_id: string };
    await k.raw(
      `INSERT INTO service_centres (region, id, community_id, kind, name, geom, floor_area, radius_m, hours, service_items)
       VALUES (?, 'TEST-DASH', ?, 'party_service', '新中心', ST_SetSRID(ST_MakePoint(120.2, 31.9), 4326), 1200, 1000, '24小时', 100)`,
      [region, bare.id],
    );
    // A small community centre elsewhere closes.
    const closed = (
      await k.raw(
        `SELECT s.id, c.town_id FROM service_centres s JOIN communities c ON c.region = s.region AND c.id = s.community_id
          WHERE s.region = ? AND s.kind = 'party_service' AND c.kind IN ('township', 'urban') AND s.floor_area < 1000 AND c.town_id <> ?
          ORDER BY s.id LIMIT 1`,
        [region, bare.town_id],
      )
    ).rows[0] as { id: string; town_id: string };
    await k('service_centres').where({ region, id: closed.id }).delete();

    const after = await dashboard();
    const town = (b: Dashboard, id: string) => b.towns.find((t) => t.id === id)!;
    expect(after.city.serviceCenters.village).toEqual({ count: before.city.serviceCenters.village.count + 1, large: before.city.serviceCenters.village.large + 1 });
    expect(after.city.organised.village.withCentre).toBe(before.city.organised.village.withCentre + 1);
    expect(after.city.serviceCenters.community.count).toBe(before.city.serviceCenters.community.count - 1);
    expect(town(after, bare.town_id).serviceCenters.village.count).toBe(town(before, bare.town_id).serviceCenters.village.count + 1);
    expect(town(after, closed.town_id).serviceCenters.community.count).toBe(town(before, closed.town_id).serviceCenters.community.count - 1);
    expect(after.city.shares.withCentre.village).toBeGreaterThan(before.city.shares.withCentre.village!);
    const stats = await api.json<Stats>('/api/stats');
    expect(stats.serviceCenters).toEqual(after.city.serviceCenters);
  });
});
