// The automatic proposal for a real community of the demo city: every building exactly once,
// every group connected, the deviations what the database's own figures give, bad input and
// the role rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildingAdjacency } from '../../server/domain/adjacency';
import { isContiguous } from '../../server/domain/plan-rules';
import type { Problem } from '../../server/domain/problems';
import type { Plan } from '../../server/features/plans/read';
import type { Proposal } from '../../server/features/proposals/service';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';
import { unreachedPerGroup } from '../support/districting-community';

let api: TestApi;
const cookie: Record<string, string> = {};
let own = '';
let other = '';
let dbBuildings: { id: string; lng: number; lat: number; population: number; households: number }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['staff', 'admin', 'planner', 'leader'] as const) cookie[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  // The planner's community with the most buildings, so there is something to divide.
  const counted = await k('buildings as b')
    .join('contracted_areas as a', function () {
      this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
    })
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where('c.town_id', town!)
    .groupBy('c.id')
    .orderByRaw('count(*) DESC, c.id')
    .first('c.id');
  own = counted.id;
  other = (await k('communities').whereNot('town_id', town!).orderBy('id').first('id')).id;
  dbBuildings = (
    await k('buildings as b')
      .join('contracted_areas as a', function () {
        this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
      })
      .where('a.community_id', own)
      .select('b.id', k.raw('ST_X(b.geom) AS lng'), k.raw('ST_Y(b.geom) AS lat'), 'b.population', 'b.households')
  ).map((r: Record<string, unknown>) => ({ id: r.id as string, lng: Number(r.lng), lat: Number(r.lat), population: Number(r.population), households: Number(r.households) }));
});
afterAll(() => api.close());

const propose = (id: string, body: unknown, who?: string) => send<Proposal & { code?: string; error?: string; errorEn?: string }>(api, 'POST', `/api/communities/${id}/proposal`, body, who && cookie[who]);

/** Contiguity rechecked on our own Delaunay graph of the database's points. */
function expectContiguous(groups: { buildingIds: string[] }[]): void {
  const points = dbBuildings.map((b) => ({ id: b.id, point: [b.lng, b.lat] as [number, number] }));
  expect(unreachedPerGroup(points, groups)).toEqual(groups.map(() => 0));
}

describe('POST /api/communities/{id}/proposal', () => {
  it('covers every building of the community exactly once in k contiguous groups', async () => {
    const k = 4;
    const { status, body } = await propose(own, { k, by: 'population', baseline: true }, 'planner');
    expect(status).toBe(200);
    expect(body.groups).toHaveLength(k);
    const ids = body.groups.flatMap((g) => g.buildingIds);
    expect(ids.length).toBe(dbBuildings.length);
    expect(new Set(ids)).toEqual(new Set(dbBuildings.map((b) => b.id)));
    for (const g of body.groups) expect(g.buildingIds.length).toBeGreaterThan(0);
    expectContiguous(body.groups);
    expect(body.summary.contiguous).toBe(true);
    expect(body.baseline!.groups.flatMap((g) => g.buildingIds).length).toBe(dbBuildings.length);
  });

  it("reports deviations that match a recomputation from the database's populations", async () => {
    const { body } = await propose(own, { k: 3, by: 'population' }, 'admin');
    const population = new Map(dbBuildings.map((b) => [b.id, b.population]));
    const sizes = body.groups.map((g) => g.buildingIds.reduce((s, id) => s + population.get(id)!, 0));
    const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
    body.groups.forEach((g, i) => {
      expect(g.size).toBe(sizes[i]);
      expect(g.population).toBe(sizes[i]);
      expect(g.deviationPct).toBeCloseTo(((sizes[i]! - mean) / mean) * 100, 6);
    });
    expect(body.summary.maxDeviationPct).toBeCloseTo(Math.max(...sizes.map((s) => (Math.abs(s - mean) / mean) * 100)), 6);
  });

  it('derives k from a target size per area', async () => {
    const total = dbBuildings.reduce((s, b) => s + b.households, 0);
    const { status, body } = await propose(own, { targetSize: total / 2, by: 'households' }, 'planner');
    expect(status).toBe(200);
    expect(body.k).toBe(2);
    expect(body.groups).toHaveLength(2);
    expectContiguous(body.groups);
  });

  it('reads the rivers and major roads that cross a community as barriers', async () => {
    const k = api.ctx.db.knex;
    const crossed = await k('communities as c')
      .join('basemap_features as f', function () {
        this.on('f.region', 'c.region').andOn(k.raw('ST_Intersects(f.geom, c.geom)'));
      })
      .whereIn('f.kind', ['river', 'expressway', 'main_road'])
      .orderBy('c.id')
      .first('c.id');
    const { status, body } = await propose(crossed.id, { k: 2, by: 'buildings' }, 'admin');
    expect(status).toBe(200);
    expect(body.barriers).toBeGreaterThan(0);
    expect(body.summary.contiguous).toBe(true);
  });

  it('refuses bad input with 400 and says what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [{ k: 0, by: 'population' }, /k/],
      [{ k: dbBuildings.length + 1, by: 'population' }, new RegExp(`more than the ${dbBuildings.length} buildings`)],
      [{ k: 2, targetSize: 100, by: 'population' }, /either k or targetSize/],
      [{ by: 'population' }, /either k or targetSize/],
      [{ k: 2, by: 'floors' }, /by/],
      [{ k: 2, by: 'population', colour: 'red' }, /colour/],
    ];
    for (const [body, message] of cases) {
      const res = await propose(own, body, 'admin');
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorEn).toMatch(message);
      expect(res.body.error).toMatch(/\p{Script=Han}/u);
    }
  });

  it('proposes for every community of the town only groups the plan rule calls contiguous, and accepted as is they save without a not_contiguous warning', async () => {
    const k = api.ctx.db.knex;
    const town = (await k('communities').where({ id: own }).first('town_id')).town_id as string;
    const communities = (await k('communities').where({ town_id: town }).orderBy('id').select('id')).map((c: { id: string }) => c.id);
    for (const community of communities) {
      const plan = (await send<Plan>(api, 'GET', `/api/communities/${community}/plan`, undefined, cookie.admin)).body;
      if (plan.buildings.length < 4) continue;
      const adjacency = buildingAdjacency(plan.buildings.map((b) => [b.lng, b.lat]), plan.community.geometry);
      const index = new Map(plan.buildings.map((b, i) => [b.id, i]));
      const { status, body } = await propose(community, { k: Math.min(plan.areas.length, plan.buildings.length), by: 'population' }, 'admin');
      expect(status).toBe(200);
      for (const g of body.groups) expect(isContiguous(adjacency, g.buildingIds.map((id) => index.get(id)!)), `${community}: ${g.buildingIds.length} buildings`).toBe(true);
      // Accepted as is: group i takes area i's id; the plan's own areas beyond k are removed.
      const areas = body.groups.map((g, i) => ({ id: plan.areas[i]!.id, version: plan.areas[i]!.version, name: plan.areas[i]!.name, buildings: g.buildingIds }));
      const removed = plan.areas.slice(body.groups.length).map((a) => ({ id: a.id, version: a.version }));
      const check = await send<{ problems?: Problem[]; warnings?: Problem[] }>(api, 'PUT', `/api/communities/${community}/plan`, { areas, removed, dryRun: true }, cookie.admin);
      const named = [...(check.body.problems ?? []), ...(check.body.warnings ?? [])];
      expect(check.status === 200 || check.status === 422).toBe(true);
      expect(named.filter((p) => p.severity === 'error'), community).toEqual([]);
      expect(named.filter((p) => p.code === 'not_contiguous'), community).toEqual([]);
      expect(Array.isArray(check.status === 200 ? check.body.warnings : check.body.problems)).toBe(true);
    }
    const tooMany = await propose(own, { k: dbBuildings.length + 1, by: 'population' }, 'admin');
    expect(tooMany.body).toMatchObject({ code: 'k_too_large', error: `k = ${dbBuildings.length + 1} 超过了楼栋数 ${dbBuildings.length}` });
  });

  it('answers 404 for an unknown community', async () => {
    const res = await propose('no-such-community', { k: 2, by: 'population' }, 'admin');
    expect(res.status).toBe(404);
  });

  it("lets admins and the town's planner propose; another town's planner 404, leaders and staff 403, the public 401", async () => {
    const body = { k: 2, by: 'buildings' };
    expect((await propose(own, body, 'admin')).status).toBe(200);
    expect((await propose(own, body, 'planner')).status).toBe(200);
    expect((await propose(other, body, 'planner')).status).toBe(404);
    expect((await propose(other, body, 'admin')).status).toBe(200);
    expect((await propose(own, body, 'leader')).status).toBe(403);
    expect((await propose(own, body, 'staff')).status).toBe(403);
    expect((await propose(own, body)).status).toBe(401);
  });
});
