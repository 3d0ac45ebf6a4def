// Keeping the registers current (登记簿) through the shared write contract: buildings added,
// moved, split, restored and removed with their area, group, organisations, the community's
// totals, /api/stats and the look-up following; organisations edited by hand where the party
// keeps them and refused where their buildings decide; centres, pairings and old village names
// added, changed and removed. Every write answers 409 when stale and 422 with its problems
// (nothing written), keeps history and audits; another town's planner meets the audited 404.
import type { Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptKey, type Problem } from '../../server/domain/problems';
import type { LookupResult } from '../../server/features/lookup/types';
import type { Registers } from '../../server/features/registers/types';
import type { Stats } from '../../server/features/stats/service';
import type { UnitInfo } from '../../server/features/units/service';
import type { VersionEntry } from '../../server/features/writes/history';
import type { ObjectState } from '../../server/features/writes/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
const cookies = { admin: '', planner: '', leader: '', staff: '' };
/** A community of the demo planner's town with two areas or more, and one of another town. */
const own = { community: '', communityName: '', area: '', area2: '', estate: '' };
const other = { community: '', centre: '', area: '' };

const k = () => api.ctx.db.knex;
type Answer<T = Record<string, unknown>> = { status: number; body: T & { code?: string; problems?: Problem[]; current?: ObjectState } };
const call = <T = ObjectState>(method: string, path: string, body?: unknown, cookie = cookies.planner) => send<T>(api, method, path, body, cookie) as Promise<Answer<T>>;

/** A point inside the area (PostGIS's point on its surface), as GeoJSON. */
async function pointIn(table: string, id: string): Promise<Point> {
  const { rows } = await k().raw(`SELECT ST_AsGeoJSON(ST_PointOnSurface(geom)) AS g FROM ${table} WHERE id = ?`, [id]);
  return JSON.parse(rows[0].g) as Point;
}

const registers = async () => (await call<Registers>('GET', `/api/communities/${own.community}/registers`)).body;
const communityUnit = async () => api.json<UnitInfo>(`/api/units/community/${own.community}`);
const orgMembers = async (id: string) => Number((await k()('party_orgs').where({ id }).first('members'))?.members);
const membersOfBuildings = async (area: string) => Number((await k()('buildings').where({ area_id: area }).sum('party_members as n').first())!.n);
const auditOf = (objectId: string) => k()('audit_log').where({ object_id: objectId }).orderBy('id').select('action', 'detail', 'actor');
const detailOf = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Record<string, unknown>;

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['admin', 'planner', 'leader', 'staff'] as const) cookies[role] = await loginDemo(api, role);
  const [town] = (await k()('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const { rows } = await k().raw(
    `SELECT c.id, c.name, array_agg(a.id ORDER BY a.id) AS areas FROM communities c JOIN contracted_areas a ON a.community_id = c.id
     WHERE c.town_id = ? AND EXISTS (SELECT 1 FROM party_orgs o WHERE o.level = 2 AND o.unit_id = c.id)
     GROUP BY c.id, c.name HAVING count(*) >= 2 ORDER BY c.id LIMIT 1`,
    [town],
  );
  Object.assign(own, { community: rows[0].id, communityName: rows[0].name, area: rows[0].areas[0], area2: rows[0].areas[1] });
  own.estate = (await k()('estates').where({ community_id: own.community }).orderBy('id').first('id')).id;
  other.community = (await k()('communities').whereNot({ town_id: town }).orderBy('id').first('id')).id;
  other.area = (await k()('contracted_areas').where({ community_id: other.community }).orderBy('id').first('id')).id;
  other.centre = (await k()('service_centres as s').join('communities as c', 'c.id', 's.community_id').whereNot('c.town_id', town!).orderBy('s.id').first('s.id')).id;
});
afterAll(() => api.close());

describe('reading a community’s registers', () => {
  it('answers every building, organisation, centre, pairing and old name with its version, and the figures the grid shows', async () => {
    const r = await registers();
    const count = async (sql: string) => Number((await k().raw(sql, [own.community])).rows[0].n);
    expect(r.buildings).toHaveLength(await count('SELECT count(*) AS n FROM buildings b JOIN contracted_areas a ON a.id = b.area_id WHERE a.community_id = ?'));
    expect(r.centres).toHaveLength(await count('SELECT count(*) AS n FROM service_centres WHERE community_id = ?'));
    expect(r.aliases).toHaveLength(await count('SELECT count(*) AS n FROM address_aliases WHERE community_id = ?'));
    expect(r.organisations.map((o) => o.level).filter((l) => l === 2)).toEqual([2]);
    expect(r.organisations.filter((o) => o.level === 3)).toHaveLength(r.areas.length);
    expect(r.buildings[0]).toMatchObject({ id: expect.any(String), version: expect.any(Number), location: [expect.any(Number), expect.any(Number)] });
    const unit = await communityUnit();
    expect(r.figures).toEqual({ buildings: unit.buildings, households: unit.households, population: unit.population, partyMembers: unit.partyMembers, org: unit.org });
  });
});

describe('buildings', () => {
  let building: ObjectState;
  const figures = { households: 12, population: 30, partyMembers: 7 };

  it('adds a building where it is clicked: its area by the point, a group of that area, and every figure following', async () => {
    const before = { unit: await communityUnit(), stats: await api.json<Stats>('/api/stats') };
    const point = await pointIn('contracted_areas', own.area);
    const made = await call('POST', '/api/buildings', {
      community: own.community,
      attributes: { address: `${own.communityName}登记簿花苑1幢`, ...figures, estateId: own.estate },
      geometry: point,
      crs: 'WGS84',
    });
    expect(made.status).toBe(201);
    building = made.body;
    expect(building).toMatchObject({ type: 'building', version: 1, updatedBy: 'demo-planner', attributes: { areaId: own.area, ...figures }, geometry: point });
    const group = await k()('party_groups').where({ id: building.attributes.groupId }).first('area_id');
    expect(group.area_id).toBe(own.area);

    const unit = await communityUnit();
    expect([unit.buildings, unit.households, unit.population, unit.partyMembers]).toEqual([
      before.unit.buildings + 1, before.unit.households + 12, before.unit.population + 30, before.unit.partyMembers + 7,
    ]);
    const stats = await api.json<Stats>('/api/stats');
    expect([stats.buildings, stats.population, stats.partyMembers]).toEqual([before.stats.buildings + 1, before.stats.population + 30, before.stats.partyMembers + 7]);
    // The area's organisation counts its buildings' party members, the new one's among them.
    expect(await orgMembers(`P3-${own.area}`)).toBe(await membersOfBuildings(own.area));
    expect((await auditOf(building.id)).map((a) => a.action)).toEqual(['create']);
    // The layer the map and the tiles are drawn from (one catalogue) has it too.
    const layer = await api.json<{ features: Array<{ id: string }> }>(`/api/layers/buildings?area=${own.area}`);
    expect(layer.features.map((f) => f.id)).toContain(building.id);
  });

  it('is found by the look-up at once, by its new address', async () => {
    const { results } = (await call<{ results: LookupResult[] }>('GET', `/api/lookup?q=${encodeURIComponent(`${own.communityName}登记簿花苑1幢`)}`)).body;
    expect(results[0]).toMatchObject({ area: { id: own.area } });
  });

  it('moves into another area: area, group and both areas’ organisations follow, and history keeps where it stood', async () => {
    const before = { from: await orgMembers(`P3-${own.area}`), to: await orgMembers(`P3-${own.area2}`) };
    const point = await pointIn('contracted_areas', own.area2);
    const moved = await call('PATCH', `/api/buildings/${building.id}`, { version: building.version, changes: { geometry: point }, crs: 'WGS84' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, attributes: { areaId: own.area2 } });
    expect((await k()('party_groups').where({ id: moved.body.attributes.groupId }).first('area_id')).area_id).toBe(own.area2);
    expect([await orgMembers(`P3-${own.area}`), await orgMembers(`P3-${own.area2}`)]).toEqual([before.from - 7, before.to + 7]);
    const { versions } = (await call<{ versions: VersionEntry[] }>('GET', `/api/history/building/${building.id}`)).body;
    expect(versions.map((v) => [v.version, v.change, v.changed])).toEqual([
      [2, 'update', ['areaId', 'groupId', 'geometry']],
      [1, null, undefined],
    ]);
    building = moved.body;
  });

  it('refuses a place in no area of the community with 422, the place named, and writes nothing', async () => {
    const elsewhere = await pointIn('contracted_areas', other.area);
    const refused = await call('PATCH', `/api/buildings/${building.id}`, { version: building.version, changes: { geometry: elsewhere }, crs: 'WGS84' });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ code: 'register_building_outside_areas', severity: 'error', location: elsewhere.coordinates, message: expect.stringContaining(own.communityName) }),
    ]);
    expect(await k()('buildings').where({ id: building.id }).first('version', 'area_id')).toEqual({ version: building.version, area_id: own.area2 });
  });

  it('refuses a stale version with 409 and the building as it is', async () => {
    const stale = await call('PATCH', `/api/buildings/${building.id}`, { version: 1, changes: { households: 13 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', current: { version: building.version, attributes: { households: 12 } } });
  });

  it('refuses more party members than people, and an estate of another community, with 422', async () => {
    const tooMany = await call('PATCH', `/api/buildings/${building.id}`, { version: building.version, changes: { partyMembers: 31 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.problems!.map((p) => p.code)).toEqual(['register_exceeds_population']);
    const estate = (await k()('estates').whereNot({ community_id: own.community }).first('id')).id;
    const foreign = await call('PATCH', `/api/buildings/${building.id}`, { version: building.version, changes: { estateId: estate } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.problems!.map((p) => p.code)).toEqual(['register_estate_elsewhere']);
    expect(await k()('buildings').where({ id: building.id }).first('version', 'party_members')).toEqual({ version: building.version, party_members: 7 });
  });

  it('restores the first version where it stood, its area and organisations following back', async () => {
    const before = await orgMembers(`P3-${own.area}`);
    const restored = await call('POST', `/api/history/building/${building.id}/1/restore`, { version: building.version });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 3, attributes: { areaId: own.area } });
    expect(await orgMembers(`P3-${own.area}`)).toBe(before + 7);
    building = restored.body;
  });

  it('splits a building: parts that do not add up are a warning to accept by name, then each part stands where it is placed', async () => {
    const at = building.geometry as Point;
    const beside: Point = { type: 'Point', coordinates: [at.coordinates[0]! + 0.00005, at.coordinates[1]!] };
    const body = {
      version: building.version,
      crs: 'WGS84',
      keep: { address: `${own.communityName}登记簿花苑1幢1单元`, households: 6, population: 15, partyMembers: 4 },
      parts: [{ address: `${own.communityName}登记簿花苑1幢2单元`, households: 6, population: 14, partyMembers: 3, geometry: beside }],
    };
    const refused = await call('POST', `/api/buildings/${building.id}/split`, body);
    expect(refused.status).toBe(422);
    const warning = refused.body.problems!.find((p) => p.code === 'register_split_totals')!;
    expect(warning).toMatchObject({ severity: 'warning', params: { figures: ['population'], before: [30], after: [29] } });
    expect(await k()('buildings').where({ id: building.id }).first('version')).toEqual({ version: building.version });

    const split = await call<{ building: ObjectState; parts: ObjectState[] }>('POST', `/api/buildings/${building.id}/split`, { ...body, acceptWarnings: [acceptKey(warning)] });
    expect(split.status).toBe(200);
    expect(split.body.building).toMatchObject({ version: building.version + 1, attributes: { population: 15 } });
    expect(split.body.parts).toEqual([expect.objectContaining({ version: 1, attributes: expect.objectContaining({ population: 14, estateId: own.estate, areaId: own.area }) })]);
    const audited = await auditOf(building.id);
    expect(detailOf(audited.at(-1)!.detail)).toMatchObject({ split: 2, acceptedSplitWarnings: [{ key: acceptKey(warning), code: 'register_split_totals' }] });
    building = split.body.building;
  });

  it('removes a building at its version: stale is 409, then it is gone, its last version kept and the figures down', async () => {
    const before = await communityUnit();
    const stale = await call('DELETE', `/api/buildings/${building.id}`, { version: building.version - 1 });
    expect(stale.status).toBe(409);
    const removed = await call('DELETE', `/api/buildings/${building.id}`, { version: building.version });
    expect(removed.status).toBe(200);
    expect(await k()('buildings').where({ id: building.id }).first()).toBeUndefined();
    expect(await k()('object_versions').where({ object_id: building.id, version: building.version }).first('replaced_by')).toEqual({ replaced_by: 'delete' });
    const after = await communityUnit();
    expect([after.buildings, after.population]).toEqual([before.buildings - 1, before.population - 15]);
    expect((await call('GET', `/api/buildings/${building.id}`)).status).toBe(404);
  });
});

describe('organisations', () => {
  const communityOrg = () => `P2-${own.community}`;

  it('changes a community organisation’s secretary, with history and audit', async () => {
    const now = (await call('GET', `/api/organisations/${communityOrg()}`)).body;
    expect(now.geometry).toBeNull();
    expect(now.attributes).toMatchObject({ level: 2, unitId: own.community });
    const saved = await call('PATCH', `/api/organisations/${communityOrg()}`, { version: now.version, changes: { secretary: '王登记' } });
    expect(saved.status).toBe(200);
    expect(saved.body.attributes.secretary).toBe('王登记');
    const { versions } = (await call<{ versions: VersionEntry[] }>('GET', `/api/history/organisation/${communityOrg()}`)).body;
    expect(versions[0]).toMatchObject({ version: now.version + 1, change: 'update', changed: ['secretary'] });
  });

  it('warns when members no longer match the form, saves once the warning is accepted by name, and the stats follow', async () => {
    const now = (await call('GET', `/api/organisations/${communityOrg()}`)).body;
    const before = await api.json<Stats>('/api/stats');
    const form = String(now.attributes.form);
    const members = form === '党委' ? 10 : 120;
    const refused = await call('PATCH', `/api/organisations/${communityOrg()}`, { version: now.version, changes: { members } });
    expect(refused.status).toBe(422);
    const [warning] = refused.body.problems!;
    expect(warning).toMatchObject({ code: 'register_form_mismatch', severity: 'warning', ids: [communityOrg()], params: { expected: form === '党委' ? '党支部' : '党委' } });
    expect(await orgMembers(communityOrg())).toBe(Number(now.attributes.members));

    const accepted = await call('PATCH', `/api/organisations/${communityOrg()}`, { version: now.version, changes: { members }, acceptWarnings: [acceptKey(warning!)] });
    expect(accepted.status).toBe(200);
    const audit = await auditOf(communityOrg());
    expect(detailOf(audit.at(-1)!.detail).acceptedWarnings).toEqual([{ key: acceptKey(warning!), code: 'register_form_mismatch', params: warning!.params }]);

    const expected = String(warning!.params!.expected);
    const reformed = await call('PATCH', `/api/organisations/${communityOrg()}`, { version: accepted.body.version, changes: { form: expected } });
    expect(reformed.status).toBe(200);
    const after = await api.json<Stats>('/api/stats');
    const side = (s: Stats) => ({ ...s.partyOrgs.village, ...Object.fromEntries(Object.entries(s.partyOrgs.community).map(([f, n]) => [f, n + (s.partyOrgs.village as Record<string, number>)[f]!])) });
    expect(side(after)[expected as '党委']).toBe(side(before)[expected as '党委'] + 1);
    expect(side(after)[form as '党委']).toBe(side(before)[form as '党委'] - 1);
  });

  it('refuses a hand edit of an area organisation’s members or form with 422: its buildings decide them', async () => {
    const id = `P3-${own.area}`;
    const now = (await call('GET', `/api/organisations/${id}`)).body;
    const refused = await call('PATCH', `/api/organisations/${id}`, { version: now.version, changes: { members: Number(now.attributes.members) + 1, form: '党委' } });
    expect(refused.status).toBe(422);
    expect(refused.body.problems!.map((p) => [p.code, p.params!.field])).toEqual([['register_followed', 'members'], ['register_followed', 'form']]);
    const renamed = await call('PATCH', `/api/organisations/${id}`, { version: now.version, changes: { secretary: '李片区' } });
    expect(renamed.status).toBe(200);
  });

  it('restores an area organisation’s earlier secretary, its members staying as its buildings count them', async () => {
    const id = `P3-${own.area}`;
    const now = (await call('GET', `/api/organisations/${id}`)).body;
    const restored = await call('POST', `/api/history/organisation/${id}/${now.version - 1}/restore`, { version: now.version });
    expect(restored.status).toBe(200);
    expect(restored.body.attributes).toMatchObject({ secretary: expect.not.stringMatching('李片区'), members: await membersOfBuildings(own.area) });
  });
});

describe('service centres', () => {
  let centre: ObjectState;

  it('adds a large party service centre inside the community, and /api/stats counts it', async () => {
    const before = await api.json<Stats>('/api/stats');
    const made = await call('POST', '/api/centres', {
      community: own.community,
      attributes: { name: '登记簿党员服务中心', kind: 'party_service', floorArea: 1500, radiusM: 800, hours: '08:30-17:30', serviceItems: 20 },
      geometry: await pointIn('communities', own.community),
      crs: 'WGS84',
    });
    expect(made.status).toBe(201);
    centre = made.body;
    const after = await api.json<Stats>('/api/stats');
    const total = (s: Stats) => s.serviceCenters.village.large + s.serviceCenters.community.large;
    expect(total(after)).toBe(total(before) + 1);
  });

  it('changes its kind, floor area, hours and radius; a place outside its community is 422', async () => {
    const changed = await call('PATCH', `/api/centres/${centre.id}`, { version: centre.version, changes: { kind: 'convenience', floorArea: 300, hours: '24小时', radiusM: 500, serviceItems: 12 } });
    expect(changed.status).toBe(200);
    expect(changed.body.attributes).toMatchObject({ kind: 'convenience', floorArea: 300, hours: '24小时', radiusM: 500, serviceItems: 12 });
    const outside = await call('PATCH', `/api/centres/${centre.id}`, { version: changed.body.version, changes: { geometry: await pointIn('communities', other.community) }, crs: 'WGS84' });
    expect(outside.status).toBe(422);
    expect(outside.body.problems!.map((p) => p.code)).toEqual(['register_outside_community']);
    centre = changed.body;
  });

  it('closes it at its version; the history keeps its last version', async () => {
    expect((await call('DELETE', `/api/centres/${centre.id}`, { version: centre.version + 5 })).status).toBe(409);
    const closed = await call('DELETE', `/api/centres/${centre.id}`, { version: centre.version });
    expect(closed.status).toBe(200);
    expect(await k()('service_centres').where({ id: centre.id }).first()).toBeUndefined();
    expect((await auditOf(centre.id)).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});

describe('pairings and old village names', () => {
  it('adds a pairing with where its organisation sits, refuses it twice and a place outside the city, and removes it', async () => {
    const made = await call('POST', '/api/pairings', {
      community: own.community,
      attributes: { orgName: '市登记局机关党委', orgKind: 'agency' },
      geometry: await pointIn('communities', other.community),
      crs: 'WGS84',
    });
    expect(made.status).toBe(201);
    expect(made.body.id).toMatch(/^\d+$/);
    const twice = await call('POST', '/api/pairings', { community: own.community, attributes: { orgName: '市登记局机关党委', orgKind: 'unit' } });
    expect(twice.status).toBe(422);
    expect(twice.body.problems!.map((p) => p.code)).toEqual(['register_duplicate']);
    const far = await call('POST', '/api/pairings', { community: own.community, attributes: { orgName: '远方单位', orgKind: 'unit' }, geometry: { type: 'Point', coordinates: [100, 20] }, crs: 'WGS84' });
    expect(far.status).toBe(422);
    expect(far.body.problems!.map((p) => p.code)).toEqual(['register_outside_city']);
    const arcs = (await call<{ arcs: Array<{ id: number }> }>('GET', '/api/pairings', undefined, cookies.leader)).body.arcs;
    expect(arcs.map((a) => String(a.id))).toContain(made.body.id);
    const renamed = await call('PATCH', `/api/pairings/${made.body.id}`, { version: 1, changes: { orgName: '市登记局' } });
    expect(renamed.status).toBe(200);
    const restored = await call('POST', `/api/history/pairing/${made.body.id}/1/restore`, { version: 2 });
    expect(restored.body).toMatchObject({ version: 3, attributes: { orgName: '市登记局机关党委' }, geometry: made.body.geometry });
    expect((await call('DELETE', `/api/pairings/${made.body.id}`, { version: 2 })).status).toBe(409);
    expect((await call('DELETE', `/api/pairings/${made.body.id}`, { version: 3 })).status).toBe(200);
  });

  it('adds an old village name the look-up finds at once, with a history of its own, and removes it', async () => {
    const made = await call('POST', '/api/aliases', { community: own.community, attributes: { alias: '登记簿庄' } });
    expect(made.status).toBe(201);
    const { results } = (await call<{ results: LookupResult[] }>('GET', `/api/lookup?q=${encodeURIComponent('登记簿庄')}`)).body;
    expect(results[0]).toMatchObject({ community: { id: own.community } });
    expect((await call('POST', '/api/aliases', { community: own.community, attributes: { alias: '登记簿庄' } })).status).toBe(422);
    const renamed = await call('PATCH', `/api/aliases/${made.body.id}`, { version: 1, changes: { alias: '登记簿村' } });
    expect(renamed.status).toBe(200);
    const { versions } = (await call<{ versions: VersionEntry[] }>('GET', `/api/history/alias/${made.body.id}`)).body;
    expect(versions.map((v) => [v.version, v.changed])).toEqual([[2, ['alias']], [1, undefined]]);
    expect((await call('DELETE', `/api/aliases/${made.body.id}`, { version: 2 })).status).toBe(200);
    expect((await call('GET', `/api/aliases/${made.body.id}`)).status).toBe(404);
  });
});

describe('who may keep the registers', () => {
  it('answers another town’s community and objects with the 404 of an unknown one, audited', async () => {
    const last = Number((await k()('audit_log').max('id as id').first())?.id ?? 0);
    const probes = [
      await call('GET', `/api/communities/${other.community}/registers`),
      await call('POST', '/api/aliases', { community: other.community, attributes: { alias: '越界村' } }),
      await call('DELETE', `/api/centres/${other.centre}`, { version: 1 }),
    ];
    expect(probes.map((p) => [p.status, p.body.code])).toEqual([[404, 'not_found'], [404, 'not_found'], [404, 'not_found']]);
    const denied = await k()('audit_log').where('id', '>', last).where({ action: 'authz_denied', actor: 'demo-planner' }).pluck('object_id');
    expect(denied).toEqual([other.community, other.community, other.centre]);
    expect(await k()('address_aliases').where({ alias: '越界村' }).first()).toBeUndefined();
  });

  it('refuses leaders and hall staff with 403', async () => {
    for (const cookie of [cookies.leader, cookies.staff]) {
      expect((await call('POST', '/api/aliases', { community: own.community, attributes: { alias: '无权村' } }, cookie)).status).toBe(403);
      expect((await call('GET', `/api/communities/${own.community}/registers`, undefined, cookie)).status).toBe(403);
    }
  });
});

describe('bad input', () => {
  const add = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    call('POST', '/api/buildings', { community: own.community, attributes: { address: '某地1幢', households: 1, population: 2, partyMembers: 0, estateId: own.estate, ...attributes }, crs: 'WGS84', ...extra });

  it('is a 400 in Chinese first for a NUL, an unknown field, a negative count and a missing place or system', async () => {
    const point = await pointIn('contracted_areas', own.area);
    const answers = [
      await add({ address: '某地\u00001幢' }, { geometry: point }),
      await add({ floors: 3 }, { geometry: point }),
      await add({ households: -1 }, { geometry: point }),
      await add({}),
      await add({}, { geometry: point, crs: undefined }),
    ];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [400, 'control_character'],
      [400, 'invalid_input'],
      [400, 'invalid_input'],
      [400, 'invalid_input'],
      [400, 'crs_required'],
    ]);
    expect(String((answers[3]!.body as { error?: string }).error)).toContain('须给出位置');
    expect(String((answers[1]!.body as { error?: string }).error)).toContain('floors');
  });

  it('is a 422 for a point outside the city, and a 404 for an id that cannot be a serial number', async () => {
    const outside = await add({}, { geometry: { type: 'Point', coordinates: [116.4, 39.9] } });
    expect(outside.status).toBe(422);
    expect(outside.body.problems!.map((p) => p.code)).toEqual(['register_building_outside_areas']);
    expect((await call('GET', '/api/aliases/not-a-number')).status).toBe(404);
  });
});
