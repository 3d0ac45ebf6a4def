import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../server/features/units/service';
import type { Stats } from '../../server/features/stats/service';
import { startTestApi, type TestApi } from '../support/api-client';
import { loginDemo, send } from '../support/accounts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const infoAs = async (areaId: string, cookie?: string) => (await (await api.request(`/api/units/area/${areaId}`, { cookie })).json()) as UnitInfo;

describe('GET /api/units/{level}/{id}', () => {
  it('gives the city totals that the stats give', async () => {
    const [city, stats] = await Promise.all([api.json<UnitInfo>('/api/units/city'), api.json<Stats>('/api/stats')]);
    expect(city.population).toBe(stats.population);
    expect(city.households).toBe(stats.households);
    expect(city.path).toEqual([]);
    expect(city.bbox[0]).toBeLessThan(city.bbox[2]);
  });

  it('adds up: the towns together hold the whole city', async () => {
    const towns = await api.json<FeatureCollection>('/api/layers/towns');
    const infos = await Promise.all(towns.features.map((t) => api.json<UnitInfo>(`/api/units/town/${t.id}`)));
    const city = await api.json<UnitInfo>('/api/units/city');
    expect(infos.reduce((sum, t) => sum + t.population, 0)).toBe(city.population);
    expect(infos.every((t) => t.org?.form === '党委')).toBe(true);
  });

  it('walks down the four levels with a breadcrumb, an organisation and a lead', async () => {
    const town = (await api.json<FeatureCollection>('/api/layers/towns')).features[0]!;
    const community = (await api.json<FeatureCollection>(`/api/layers/communities?town=${town.id}`)).features[0]!;
    const area = (await api.json<FeatureCollection>(`/api/layers/areas?community=${community.id}`)).features[0]!;
    const group = (await api.json<FeatureCollection>(`/api/layers/groups?area=${area.id}`)).features[0]!;
    const building = (await api.json<FeatureCollection>(`/api/layers/buildings?area=${area.id}`)).features.find(
      (b) => b.properties?.groupId === group.id,
    )!;

    const c = await api.json<UnitInfo>(`/api/units/community/${community.id}`);
    expect(c.path.map((p) => p.id)).toEqual([town.id, community.id]);
    expect(c.kind).toBe(community.properties?.kind);
    expect(['党委', '党总支', '党支部', null]).toContain(c.org?.form ?? null);

    const a = await api.json<UnitInfo>(`/api/units/area/${area.id}`);
    expect(a.path.map((p) => p.level)).toEqual(['town', 'community', 'area']);
    expect(a.org?.form).toBe('党支部');
    expect(a.lead?.name).toBe(area.properties?.leadName);
    expect(a.lead?.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(a.population).toBeGreaterThan(0);
    expect(a.population).toBeLessThanOrEqual(c.population);

    const g = await api.json<UnitInfo>(`/api/units/group/${group.id}`);
    expect(g.path.map((p) => p.id)).toEqual([town.id, community.id, area.id, group.id]);
    expect(g.org?.form).toBe('党小组');

    const b = await api.json<UnitInfo>(`/api/units/building/${building.id}`);
    expect(b.path).toHaveLength(5);
    expect(b.address).toBe(building.properties?.address);
    expect(b.address!.endsWith(b.name)).toBe(true);
    expect(b.name.length).toBeLessThan(b.address!.length);
    expect(b.population).toBe(building.properties?.population);
  });

  it("shows the lead's phone in full to staff and masked to the public", async () => {
    const area = (await api.json<FeatureCollection>('/api/layers/areas')).features[0]!;
    const asStaff = await infoAs(String(area.id), await loginDemo(api, 'staff'));
    const asPublic = await api.json<UnitInfo>(`/api/units/area/${area.id}`);
    expect(asStaff.lead).toEqual({ name: asPublic.lead!.name, phone: expect.stringMatching(/^1\d{10}$/), phoneRevealable: false });
    expect(asPublic.lead).toEqual({ name: asStaff.lead!.name, phone: masked(asStaff.lead!.phone), phoneRevealable: false });
  });

  it('answers from what it read until a save changes the grid, and then with the save', async () => {
    const k = api.ctx.db.knex;
    const area = await k('contracted_areas').where({ region: api.ctx.region }).orderBy('id').first('id', 'name', 'version');
    const admin = await loginDemo(api, 'admin');
    let reads = 0;
    const count = (q: { sql: string }) => void (/from "contracted_areas"/i.test(q.sql) && /bbox_w/.test(q.sql) && reads++);
    k.on('query', count);
    try {
      expect((await infoAs(area.id, admin)).name).toBe(area.name);
      expect((await infoAs(area.id, admin)).name).toBe(area.name);
      expect((await infoAs(area.id)).lead?.phone).toMatch(/\*{4}/);
      expect(reads).toBeLessThanOrEqual(1);
      const saved = await send(api, 'PATCH', `/api/areas/${area.id}`, { version: area.version, changes: { name: '改过名的片区' } }, admin);
      expect(saved.status).toBe(200);
      const readsBefore = reads;
      expect((await infoAs(area.id, admin)).name).toBe('改过名的片区');
      expect(reads).toBe(readsBefore + 1);
      await send(api, 'PATCH', `/api/areas/${area.id}`, { version: area.version + 1, changes: { name: area.name } }, admin);
      expect((await infoAs(area.id, admin)).name).toBe(area.name);
    } finally {
      k.removeListener('query', count);
    }
  });

  it('answers an unknown id with 404 and an unknown level with 400', async () => {
    expect((await api.get('/api/units/community/NOPE')).status).toBe(404);
    const res = await api.get('/api/units/planet/X');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('level');
  });
});

describe('POST /api/units/area/{id}/reveal', () => {
  let cookies: Record<string, string>;
  let inside: string;
  let outside: string;
  let fullPhone: string;
  beforeAll(async () => {
    cookies = {};
    for (const role of ['admin', 'planner', 'leader', 'staff'] as const) cookies[role] = await loginDemo(api, role);
    const planner = (await (await api.request('/api/auth/me', { cookie: cookies.planner })).json()).user;
    const towns = (await api.json<FeatureCollection>('/api/layers/towns')).features.map((t) => String(t.id));
    const areaOf = async (town: string) => {
      const community = (await api.json<FeatureCollection>(`/api/layers/communities?town=${town}`)).features[0]!;
      return String((await api.json<FeatureCollection>(`/api/layers/areas?community=${community.id}`)).features[0]!.id);
    };
    inside = await areaOf(planner.towns[0]);
    outside = await areaOf(towns.find((t) => t !== planner.towns[0])!);
    fullPhone = (await infoAs(inside, cookies.staff)).lead!.phone;
  });

  const reveal = (id: string, cookie?: string) => send<{ phone?: string; error?: string; errorEn?: string }>(api, 'POST', `/api/units/area/${id}/reveal`, {}, cookie);
  const revealRows = (objectId: string) => api.ctx.db.knex('audit_log').where({ action: 'reveal', object_id: objectId }).orderBy('id');

  it('offers the reveal to admins and to planners in their towns, with the phone masked', async () => {
    for (const role of ['admin', 'planner'] as const) {
      expect((await infoAs(inside, cookies[role])).lead).toMatchObject({ phone: masked(fullPhone), phoneRevealable: true });
    }
    expect((await infoAs(outside, cookies.planner)).lead).toMatchObject({ phoneRevealable: false });
    expect((await infoAs(outside, cookies.admin)).lead).toMatchObject({ phoneRevealable: true });
    expect((await infoAs(inside, cookies.leader)).lead).toMatchObject({ phone: masked(fullPhone), phoneRevealable: false });
  });

  it('gives the full number to admin, in-town planner and staff, auditing each by role without the number', async () => {
    for (const role of ['admin', 'planner', 'staff'] as const) {
      const before = (await revealRows(inside)).length;
      const res = await reveal(inside, cookies[role]);
      expect(res.status, role).toBe(200);
      expect(res.body).toEqual({ phone: fullPhone });
      const rows = await revealRows(inside);
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ actor: `demo-${role}`, object_type: 'area', object_id: inside, detail: { field: 'lead_phone', role } });
    }
    const everything = JSON.stringify(await api.ctx.db.knex('audit_log').select());
    expect(everything).not.toContain(fullPhone);
  });

  it('refuses the public (401), a leader (403), and answers 404 to a planner of another town as to an unknown area', async () => {
    const before = Number((await api.ctx.db.knex('audit_log').where({ action: 'reveal' }).count('* as n').first())!.n);
    expect((await reveal(inside)).status).toBe(401);
    expect((await reveal(inside, cookies.leader)).status).toBe(403);
    const elsewhere = await reveal(outside, cookies.planner);
    const unknown = await reveal('NO-SUCH-AREA', cookies.planner);
    expect(elsewhere.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ code: 'not_found', error: `找不到片区“${outside}”`, errorEn: `contracted area "${outside}" not found` });
    expect(unknown.body).toMatchObject({ code: 'not_found', error: '找不到片区“NO-SUCH-AREA”', errorEn: 'contracted area "NO-SUCH-AREA" not found' });
    expect((await reveal('NO-SUCH-AREA', cookies.admin)).status).toBe(404);
    expect(Number((await api.ctx.db.knex('audit_log').where({ action: 'reveal' }).count('* as n').first())!.n)).toBe(before);
  });
});
