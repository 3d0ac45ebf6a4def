// Saving a community's contracted areas as one plan: the shape editors read, every save rule
// refused with nothing changed, painted and drawn saves with the levels below kept consistent,
// stale and concurrent saves, and who may do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../server/features/plans/read';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
const cookie: Record<string, string> = {};
let own = '';
let other = '';

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['staff', 'admin', 'planner', 'leader'] as const) cookie[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  // The planner's community with the most areas, so there is something to move around.
  own = (
    await k('contracted_areas as a')
      .join('communities as c', function () {
        this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
      })
      .where('c.town_id', town!)
      .groupBy('c.id')
      .orderByRaw('count(*) DESC, c.id')
      .first('c.id')
  ).id;
  other = (await k('communities').whereNot('town_id', town!).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

const getPlan = (id: string, who = 'planner') => send<Plan & { error?: string }>(api, 'GET', `/api/communities/${id}/plan`, undefined, cookie[who]);

describe('GET /api/communities/{id}/plan', () => {
  it('answers the community, its areas with full phones, its buildings and estates, sorted by id, numbers as numbers', async () => {
    const { status, body } = await getPlan(own);
    expect(status).toBe(200);
    expect(body.community).toMatchObject({ id: own, geometry: { type: 'MultiPolygon' } });
    expect(body.community.landM2).toBeGreaterThan(0);
    expect(body.areas.length).toBeGreaterThan(1);
    const ids = body.areas.map((a) => a.id);
    expect(ids).toEqual([...ids].sort());
    for (const a of body.areas) {
      expect(a).toMatchObject({ version: expect.any(Number), name: expect.any(String), geometry: { type: 'MultiPolygon' }, landM2: expect.any(Number) });
      expect(a.leadPhone).not.toContain('*');
    }
    const areaIds = new Set(ids);
    expect(body.buildings.length).toBeGreaterThan(0);
    for (const b of body.buildings) {
      expect(areaIds.has(b.areaId)).toBe(true);
      for (const n of [b.lng, b.lat, b.households, b.population, b.partyMembers]) expect(typeof n).toBe('number');
    }
    const buildingIds = body.buildings.map((b) => b.id);
    expect(buildingIds).toEqual([...buildingIds].sort());
    const estateIds = new Set(body.estates.map((e) => e.id));
    expect(body.buildings.every((b) => estateIds.has(b.estateId))).toBe(true);
    const counted = await api.ctx.db.knex('buildings as b').join('contracted_areas as a', 'a.id', 'b.area_id').where('a.community_id', own).count('* as n').first();
    expect(body.buildings).toHaveLength(Number(counted!.n));
  });

  it('answers another town\'s planner 404 and audits the probe; staff 403', async () => {
    expect((await getPlan(other)).status).toBe(404);
    expect((await getPlan('no-such-community')).status).toBe(404);
    expect((await getPlan(own, 'staff')).status).toBe(403);
    const denied = await api.ctx.db.knex('audit_log').where({ action: 'authz_denied', object_id: other }).first('actor');
    expect(denied?.actor).toBe('demo-planner');
  });
});
