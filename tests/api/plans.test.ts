// Saving a community's contracted areas as one plan: the shape editors read, every save rule
// refused with nothing changed, painted and drawn saves with the levels below kept consistent,
// stale and concurrent saves, and who may do it.
import type { MultiPolygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../server/analysis/crs';
import type { Problem } from '../../server/domain/problems';
import { acceptKey } from '../../server/domain/problems';
import { buildingAdjacency } from '../../server/domain/adjacency';
import { planMetrics } from '../../client/features/plan/metrics';
import type { Plan } from '../../server/features/plans/read';
import type { PlanReport, PlanSaved } from '../../server/features/plans/service';
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

type Answer = PlanSaved & { code?: string; error?: string; errorEn?: string; problems?: Problem[]; report?: PlanReport; current?: Plan };
/** The save exactly as sent: a rule warning not accepted refuses it. */
const putAsIs = (body: unknown, who = 'planner', id = own) => send<Answer>(api, 'PUT', `/api/communities/${id}/plan`, body, cookie[who]);
/**
 * The save of a planner who accepts every rule warning the server names (the tests here are
 * about the other rules): refused for warnings only, it is sent again with each one accepted.
 */
async function put(body: unknown, who = 'planner', id = own) {
  const first = await putAsIs(body, who, id);
  const problems = first.body.problems ?? [];
  if (first.status !== 422 || !problems.length || problems.some((p) => p.severity !== 'warning')) return first;
  return putAsIs({ ...(body as object), acceptWarnings: problems.map(acceptKey) }, who, id);
}

async function currentPlan(): Promise<Plan> {
  const { status, body } = await getPlan(own);
  expect(status).toBe(200);
  return body;
}

/** Everything a save may change in the community, to prove a refused one changed nothing. */
async function snapshot(): Promise<unknown> {
  const k = api.ctx.db.knex;
  const areas = await k('contracted_areas').where({ community_id: own }).orderBy('id').select('id', 'version', 'name', 'lead_phone', k.raw('md5(ST_AsEWKB(geom)::text) AS geom'));
  const areaIds = areas.map((a: { id: string }) => a.id);
  const buildings = await k('buildings').whereIn('area_id', areaIds).orderBy('id').select('id', 'area_id', 'group_id', 'version');
  const groups = await k('party_groups').whereIn('area_id', areaIds).orderBy('id').select('id', 'area_id', 'version');
  const orgs = await k('party_orgs').whereIn('unit_id', [...areaIds, ...groups.map((g: { id: string }) => g.id)]).orderBy('id').select('id', 'members', 'form', 'version');
  const history = await k('object_versions').count('* as n').first();
  const audits = await k('audit_log').whereNot('action', 'authz_denied').count('* as n').first();
  return { areas, buildings, groups, orgs, history: Number(history!.n), audits: Number(audits!.n) };
}

/** The painting the plan has now: every area with its current buildings. */
function painting(plan: Plan) {
  return plan.areas.map((a) => ({ id: a.id, version: a.version, name: a.name, buildings: plan.buildings.filter((b) => b.areaId === a.id).map((b) => b.id) }));
}

/** The outlines the plan has now, as drawn areas. */
function drawing(plan: Plan) {
  return plan.areas.map((a) => ({ id: a.id, version: a.version, name: a.name, geometry: a.geometry as MultiPolygon }));
}

/** `sql` selects one geometry as `g`. */
async function sqlGeometry(sql: string, bindings: Record<string, string>): Promise<MultiPolygon> {
  const { rows } = await api.ctx.db.knex.raw(`SELECT ST_AsGeoJSON(ST_Multi(q.g), 15) AS g FROM (${sql}) q`, bindings);
  return JSON.parse(rows[0].g) as MultiPolygon;
}

/** Groups and organisations agree with the buildings: each building's group is in its area, no empty group, one P3 per area, one P4 per group, members summed. */
async function expectLevelsConsistent(): Promise<void> {
  const k = api.ctx.db.knex;
  const { rows: wrongGroup } = await k.raw(
    `SELECT b.id FROM buildings b JOIN party_groups g ON g.region = b.region AND g.id = b.group_id
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id WHERE a.community_id = ? AND g.area_id <> b.area_id`,
    [own],
  );
  expect(wrongGroup).toEqual([]);
  const { rows: emptyGroups } = await k.raw(
    `SELECT g.id FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
     WHERE a.community_id = ? AND NOT EXISTS (SELECT 1 FROM buildings b WHERE b.region = g.region AND b.group_id = g.id)`,
    [own],
  );
  expect(emptyGroups).toEqual([]);
  const { rows: noP3 } = await k.raw(
    `SELECT a.id FROM contracted_areas a WHERE a.community_id = ? AND NOT EXISTS (SELECT 1 FROM party_orgs o WHERE o.region = a.region AND o.id = 'P3-' || a.id AND o.level = 3 AND o.unit_id = a.id)`,
    [own],
  );
  expect(noP3).toEqual([]);
  const { rows: noP4 } = await k.raw(
    `SELECT g.id FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
     WHERE a.community_id = ? AND NOT EXISTS (SELECT 1 FROM party_orgs o WHERE o.region = g.region AND o.id = 'P4-' || g.id AND o.level = 4)`,
    [own],
  );
  expect(noP4).toEqual([]);
}

async function membersOf(level: 3 | 4, unit: string): Promise<{ members: number; form: string; sum: number }> {
  const k = api.ctx.db.knex;
  const org = await k('party_orgs').where({ id: `P${level}-${unit}` }).first('members', 'form');
  const sum = await k('buildings').where(level === 3 ? { area_id: unit } : { group_id: unit }).sum('party_members as s').first();
  return { members: Number(org.members), form: org.form, sum: Number(sum!.s) };
}

const expectRefused = (answer: { status: number; body: Answer }, code: string) => {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(422);
  expect(answer.body.problems!.map((p) => p.code)).toContain(code);
  expect(answer.body.report).toBeDefined();
  const found = answer.body.problems!.find((p) => p.code === code)!;
  expect(found.message).toMatch(/[\u4e00-\u9fff]/);
  return found;
};
/** The buildings a problem names (its ids that are not areas). */
const buildingsOf = (p: Problem) => (p.ids ?? []).filter((id) => !id.startsWith('#') && !id.startsWith('A'));
const areasOf = (p: Problem) => (p.ids ?? []).filter((id) => id.startsWith('#') || id.startsWith('A'));

describe('PUT /api/communities/{id}/plan refuses what breaks a rule, changing nothing', () => {
  it('an overlap, with the overlapping part', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const [a, b] = plan.areas;
    const areas = drawing(plan);
    areas[0]!.geometry = await sqlGeometry('SELECT ST_Union(geom) AS g FROM contracted_areas WHERE id IN (:a, :b)', { a: a!.id, b: b!.id });
    const problem = expectRefused(await put({ areas, crs: 'WGS84' }), 'plan_overlap');
    expect(areasOf(problem).sort()).toEqual([a!.id, b!.id].sort());
    expect(problem.geometry?.type).toBe('MultiPolygon');
    expect(await snapshot()).toEqual(before);
  });

  it('a part outside the community, with that part', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const areas = drawing(plan);
    areas[0]!.geometry = await sqlGeometry('SELECT ST_Translate(geom, 0.02, 0) AS g FROM contracted_areas WHERE id = :a', { a: plan.areas[0]!.id });
    const problem = expectRefused(await put({ areas, crs: 'WGS84' }), 'plan_outside_community');
    expect(areasOf(problem)).toEqual([plan.areas[0]!.id]);
    expect(problem.geometry?.type).toBe('MultiPolygon');
    expect(await snapshot()).toEqual(before);
  });

  it('a building painted into no area, and one painted into two', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const areas = painting(plan);
    const dropped = areas[0]!.buildings.shift()!;
    const twice = areas[1]!.buildings[0]!;
    areas[2]!.buildings.push(twice);
    const answer = await put({ areas });
    expect(buildingsOf(expectRefused(answer, 'plan_building_uncovered'))).toEqual([dropped]);
    expect(answer.body.report!.gaps.buildings).toEqual([dropped]);
    const several = expectRefused(answer, 'plan_building_in_several_areas');
    expect(buildingsOf(several)).toEqual([twice]);
    expect(areasOf(several).sort()).toEqual([areas[1]!.id, areas[2]!.id].sort());
    expect(await snapshot()).toEqual(before);
  });

  it('unknown building ids and buildings of another community', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const foreign = (await api.ctx.db.knex('buildings as b').join('contracted_areas as a', 'a.id', 'b.area_id').whereNot('a.community_id', own).orderBy('b.id').first('b.id')).id;
    const areas = painting(plan);
    areas[0]!.buildings.push('no-such-building', foreign);
    const answer = await put({ areas });
    expect(buildingsOf(expectRefused(answer, 'plan_unknown_building'))).toEqual(['no-such-building']);
    expect(buildingsOf(expectRefused(answer, 'plan_building_of_other_community'))).toEqual([foreign]);
    expect(await snapshot()).toEqual(before);
  });

  it('an invalid geometry, with the reason and where', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const areas = drawing(plan);
    const [x, y] = plan.areas[0]!.geometry.coordinates[0]![0]![0]! as [number, number];
    const d = 0.001;
    areas[0]!.geometry = { type: 'MultiPolygon', coordinates: [[[[x, y], [x + d, y + d], [x + d, y], [x, y + d], [x, y]]]] };
    areas[1]!.geometry = { type: 'MultiPolygon', coordinates: [[[[x, y], [x + d, y], [x + d, y + d], [x, y + d]]]] };
    const answer = await put({ areas, crs: 'WGS84' });
    expectRefused(answer, 'plan_invalid_geometry');
    const [crossing, open] = answer.body.problems!.filter((p) => p.code === 'plan_invalid_geometry');
    expect(crossing).toMatchObject({ ids: [areas[0]!.id], messageEn: expect.stringMatching(/Self-intersection/) });
    expect(crossing!.location).toHaveLength(2);
    expect(open).toMatchObject({ ids: [areas[1]!.id], messageEn: expect.stringMatching(/not closed/), params: { polygon: 0, ring: 0 } });
    expect(await snapshot()).toEqual(before);
  });

  it('bad bodies with 400 naming the field', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const areas = painting(plan);
    const cases: Array<[unknown, RegExp]> = [
      [{ areas, colour: 'red' }, /colour/],
      [{ areas: [{ ...areas[0], name: '  ' }, ...areas.slice(1)] }, /areas\.0\.name/],
      [{ areas: [{ ...areas[0], version: undefined }, ...areas.slice(1)] }, /areas\.0\.version/],
      [{ areas: [{ ...areas[0], leadPhone: '12' }, ...areas.slice(1)] }, /areas\.0\.leadPhone/],
      [{ areas: [...areas, areas[0]] }, /named more than once/],
      [{ areas, removed: [{ id: areas[0]!.id, version: areas[0]!.version }] }, /named more than once/],
      [{ areas: [{ ...areas[0], buildings: [...areas[0]!.buildings, areas[0]!.buildings[0]] }, ...areas.slice(1)] }, /areas\.0\.buildings: a building is listed more than once/],
      [{ areas: [{ ...areas[0], geometry: plan.areas[0]!.geometry }, ...areas.slice(1)] }, /areas\.0\.buildings: give geometry or buildings/],
      [{ areas: [{ ...drawing(plan)[0] }, ...areas.slice(1)], crs: 'WGS84' }, /either geometry or buildings, all the same way/],
      [{ areas: drawing(plan) }, /crs is required/],
      [{ areas: drawing(plan), crs: 'EPSG:3857' }, /crs/],
      [{ areas: [...plan.areas.map((a) => ({ id: a.id, version: a.version, name: a.name })), { name: '新片区' }] }, /areas\.\d+: a new area needs geometry or buildings/],
      [{ areas: [{ ...drawing(plan)[0], geometry: { type: 'LineString', coordinates: [[120, 32], [120.1, 32]] } }, ...drawing(plan).slice(1)], crs: 'WGS84' }, /areas\.0\.geometry/],
    ];
    for (const [body, message] of cases) {
      const { status, body: answer } = await put(body);
      expect(status, JSON.stringify(answer)).toBe(400);
      expect(answer.errorEn).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('PUT /api/communities/{id}/plan: versions and who', () => {
  it('answers a stale version 409 with the plan as it is now', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const areas = painting(plan);
    areas[0]!.version += 1;
    const { status, body } = await put({ areas });
    expect(status).toBe(409);
    expect(body.code).toBe('plan_stale');
    expect(body.error).toMatch(new RegExp(areas[0]!.id));
    expect(body.current).toEqual(plan);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 409 when an area is neither kept nor removed (added by someone else meanwhile)', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const { status, body } = await put({ areas: painting(plan).slice(1) });
    expect(status).toBe(409);
    expect(body.errorEn).toMatch(new RegExp(`${plan.areas[0]!.id} were added`));
    expect(await snapshot()).toEqual(before);
  });

  it('answers another town\'s planner 404, staff 403', async () => {
    expect((await put({ areas: [] }, 'planner', other)).status).toBe(404);
    expect((await put({ areas: [] }, 'staff')).status).toBe(403);
  });

  it('lets exactly one of two concurrent saves from the same versions win', async () => {
    const plan = await currentPlan();
    const rename = (suffix: string) => ({ areas: plan.areas.map((a, i) => ({ id: a.id, version: a.version, name: i === 0 ? `${a.name}${suffix}` : a.name })) });
    const answers = await Promise.all([put(rename('甲')), put(rename('乙'))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body;
    const name = (await currentPlan()).areas[0]!.name;
    expect(winner.plan!.areas[0]!.name).toBe(name);
    expect(await api.ctx.db.knex('contracted_areas').where({ id: plan.areas[0]!.id }).first('version')).toEqual({ version: plan.areas[0]!.version + 1 });
  });
});

describe('PUT /api/communities/{id}/plan saves', () => {
  it('renames and changes a lead without touching outlines or buildings (kept mode), logging no personal values', async () => {
    const plan = await currentPlan();
    const [first] = plan.areas;
    const areas = plan.areas.map((a) => ({ id: a.id, version: a.version, name: a.name, ...(a.id === first!.id ? { nameEn: 'Renamed Area', leadName: '王新', leadPhone: '13900001111' } : {}) }));
    const { status, body } = await put({ areas });
    expect(status, JSON.stringify(body).slice(0, 400)).toBe(200);
    expect(body.updated).toEqual([first!.id]);
    const after = body.plan!.areas.find((a) => a.id === first!.id)!;
    expect(after).toMatchObject({ version: first!.version + 1, nameEn: 'Renamed Area', leadName: '王新', leadPhone: '13900001111', geometry: first!.geometry });
    expect(body.plan!.buildings).toEqual(plan.buildings);
    const row = await api.ctx.db.knex('audit_log').where({ action: 'update', object_id: first!.id }).orderBy('id', 'desc').first('detail');
    expect(JSON.stringify(row.detail)).not.toContain('13900001111');
    expect(JSON.stringify(row.detail)).not.toContain('王新');
  });

  it('checks a painted split on a dry run and saves nothing', async () => {
    const plan = await currentPlan();
    const before = await snapshot();
    const { status, body } = await put({ ...splitFirst(plan), dryRun: true });
    expect(status, JSON.stringify(body).slice(0, 400)).toBe(200);
    expect(body.saved).toBe(false);
    expect(body.report.areas).toHaveLength(plan.areas.length + 1);
    expect(body.report.gaps.buildings).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('saves a painted split: a new area, versions, history and audit, buildings, groups and organisations consistent, the look-up answers it', async () => {
    const plan = await currentPlan();
    const body = splitFirst(plan);
    const { status, body: saved } = await put(body);
    expect(status, JSON.stringify(saved).slice(0, 600)).toBe(200);
    expect(saved.saved).toBe(true);
    const fresh = saved.created[`#${plan.areas.length}`]!;
    expect(fresh).toMatch(/^A-[0-9a-f]{12}$/);
    const k = api.ctx.db.knex;
    const first = plan.areas[0]!;
    expect(await k('contracted_areas').where({ id: first.id }).first('version')).toEqual({ version: first.version + 1 });
    expect(await k('contracted_areas').where({ id: fresh }).first('version', 'name', 'community_id')).toEqual({ version: 1, name: '东片区', community_id: own });
    expect(await k('object_versions').where({ object_id: first.id, version: first.version }).first('replaced_by')).toEqual({ replaced_by: 'update' });
    expect(await k('audit_log').where({ action: 'create', object_id: fresh }).first('version_after')).toEqual({ version_after: 1 });
    expect(await k('audit_log').where({ action: 'update', object_id: first.id, version_after: first.version + 1 }).first('actor')).toEqual({ actor: 'demo-planner' });

    const moved = body.areas.at(-1)!.buildings;
    const areaOf = new Map(saved.plan!.buildings.map((b) => [b.id, b.areaId]));
    expect(moved.every((b) => areaOf.get(b) === fresh)).toBe(true);
    expect(body.areas[0]!.buildings.every((b) => areaOf.get(b) === first.id)).toBe(true);
    // The painted outline holds its buildings: the report's land is the stored land.
    const report = saved.report.areas.find((a) => a.ref === `#${plan.areas.length}`)!;
    expect(report.buildings).toBe(moved.length);
    expect(report.landM2).toBeCloseTo(saved.plan!.areas.find((a) => a.id === fresh)!.landM2, 0);
    expect(saved.report.gaps.landM2).toBe(0);

    await expectLevelsConsistent();
    for (const unit of [first.id, fresh]) {
      const org = await membersOf(3, unit);
      expect(org.members).toBe(org.sum);
      expect(org.form).toBe(org.sum >= 100 ? '党委' : org.sum >= 50 ? '党总支' : '党支部');
    }
    const group = await k('party_groups').where({ area_id: fresh }).first('id', 'name');
    expect(group.name).toBe('东片区第一党小组');
    expect((await membersOf(4, group.id)).members).toBe((await membersOf(4, group.id)).sum);

    const building = saved.plan!.buildings.find((b) => b.id === moved[0])!;
    const viaPoint = await send<{ area: { id: string } }>(api, 'GET', `/api/lookup/point?lng=${building.lng}&lat=${building.lat}`, undefined, cookie.staff);
    expect(viaPoint.body.area.id).toBe(fresh);
    const address = (await k('buildings').where({ id: moved[0] }).first('address')).address as string;
    const search = await send<{ results: Array<{ area: { id: string }; building: { id: string } | null }> }>(api, 'GET', `/api/lookup?q=${encodeURIComponent(address)}`, undefined, cookie.staff);
    expect(search.body.results.find((r) => r.building?.id === moved[0])?.area.id).toBe(fresh);
  });

  it('saves drawn outlines: one area takes in its neighbour, which is removed with its groups and organisations', async () => {
    const plan = await currentPlan();
    const k = api.ctx.db.knex;
    // Two areas that share an edge.
    const { rows } = await k.raw(
      `SELECT a.id AS a, b.id AS b FROM contracted_areas a JOIN contracted_areas b ON b.community_id = a.community_id AND a.id < b.id
       WHERE a.community_id = ? AND ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))::geography) > 10 ORDER BY a.id, b.id LIMIT 1`,
      [own],
    );
    const { a, b } = rows[0] as { a: string; b: string };
    const groupsOfB = (await k('party_groups').where({ area_id: b }).select('id')).map((g: { id: string }) => g.id);
    const buildingsOfB = plan.buildings.filter((x) => x.areaId === b).map((x) => x.id);
    const merged = await sqlGeometry('SELECT ST_Union(geom) AS g FROM contracted_areas WHERE id IN (:a, :b)', { a, b });
    const areas = drawing(plan).filter((x) => x.id !== b).map((x) => (x.id === a ? { ...x, geometry: merged } : x));
    const removedB = plan.areas.find((x) => x.id === b)!;
    const { status, body } = await put({ areas, removed: [{ id: b, version: removedB.version }], crs: 'WGS84' });
    expect(status, JSON.stringify(body).slice(0, 600)).toBe(200);
    expect(body.deleted).toEqual([b]);
    expect(await k('contracted_areas').where({ id: b }).first('id')).toBeUndefined();
    expect(await k('object_versions').where({ object_id: b, version: removedB.version }).first('replaced_by')).toEqual({ replaced_by: 'delete' });
    expect(await k('audit_log').where({ action: 'delete', object_id: b }).first('version_before')).toEqual({ version_before: removedB.version });
    expect(body.plan!.buildings.filter((x) => buildingsOfB.includes(x.id)).every((x) => x.areaId === a)).toBe(true);
    expect(await k('party_groups').whereIn('id', groupsOfB).select('id')).toEqual([]);
    expect(await k('party_orgs').whereIn('id', [`P3-${b}`, ...groupsOfB.map((g) => `P4-${g}`)]).select('id')).toEqual([]);
    await expectLevelsConsistent();
    const org = await membersOf(3, a);
    expect(org.members).toBe(org.sum);
  });

  it('clips a drawn area to its community on request (refused without)', async () => {
    const plan = await currentPlan();
    const k = api.ctx.db.knex;
    // The area with the most land just outside the community, widened by it.
    const { rows } = await k.raw(
      `SELECT a.id FROM contracted_areas a JOIN communities c ON c.id = a.community_id WHERE a.community_id = ?
       ORDER BY ST_Area(ST_Difference(ST_Buffer(a.geom, 0.002), c.geom)) DESC, a.id LIMIT 1`,
      [own],
    );
    const id = (rows[0] as { id: string }).id;
    const widened = await sqlGeometry(
      `SELECT ST_Union(a.geom, ST_Difference(ST_Buffer(a.geom, 0.002), c.geom)) AS g FROM contracted_areas a JOIN communities c ON c.id = a.community_id WHERE a.id = :id`,
      { id },
    );
    const areas = drawing(plan).map((x) => (x.id === id ? { ...x, geometry: widened } : x));
    expectRefused(await put({ areas, crs: 'WGS84' }), 'plan_outside_community');
    const { status, body } = await put({ areas, crs: 'WGS84', clip: true });
    expect(status, JSON.stringify(body).slice(0, 600)).toBe(200);
    const { rows: outside } = await k.raw(
      `SELECT coalesce(ST_Area(ST_Difference(a.geom, c.geom)::geography), 0) AS m2 FROM contracted_areas a JOIN communities c ON c.id = a.community_id WHERE a.id = ?`,
      [id],
    );
    expect(Number(outside[0].m2)).toBeLessThan(1);
  });

  it('converts GCJ-02 outlines to WGS84 before checking and storing them', async () => {
    const plan = await currentPlan();
    const shift = (rings: Position[][][]) => rings.map((polygon) => polygon.map((ring) => ring.map((p) => wgs84ToGcj02(p as [number, number]))));
    const areas = drawing(plan).map((x) => ({ ...x, geometry: { type: 'MultiPolygon' as const, coordinates: shift(x.geometry.coordinates) } }));
    // Read as WGS84, the shifted outlines lie hundreds of metres off.
    expectRefused(await put({ areas, crs: 'WGS84', dryRun: true }), 'plan_outside_community');
    const { status, body } = await put({ areas, crs: 'GCJ02' });
    expect(status, JSON.stringify(body).slice(0, 600)).toBe(200);
    const stored = body.plan!.areas[0]!.geometry.coordinates[0]![0]![0]!;
    const original = plan.areas[0]!.geometry.coordinates[0]![0]![0]!;
    expect(stored[0]).toBeCloseTo(original[0]!, 6);
    expect(stored[1]).toBeCloseTo(original[1]!, 6);
    expect(body.plan!.buildings.map((b) => [b.id, b.areaId])).toEqual(plan.buildings.map((b) => [b.id, b.areaId]));
  });
});

/** The first area's buildings split west / east: the east half becomes a new area "东片区". */
function splitFirst(plan: Plan) {
  const areas = painting(plan);
  const first = areas[0]!;
  const lng = new Map(plan.buildings.map((b) => [b.id, b.lng]));
  const sorted = [...first.buildings].sort((p, q) => lng.get(p)! - lng.get(q)! || p.localeCompare(q));
  const half = Math.ceil(sorted.length / 2);
  first.buildings = sorted.slice(0, half);
  return { areas: [...areas, { name: '东片区', nameEn: 'East Area', buildings: sorted.slice(half) }] as Array<{ id?: string; version?: number; name: string; nameEn?: string; buildings: string[] }> };
}

describe('PUT /api/communities/{id}/plan: the plan rules are warnings the planner accepts by name', () => {
  /** A painting with one building of the second area moved into the first where none of the first's buildings neighbours it. */
  async function splitPainting() {
    const plan = await currentPlan();
    const adjacency = buildingAdjacency(plan.buildings.map((b) => [b.lng, b.lat]), plan.community.geometry);
    const index = new Map(plan.buildings.map((b, i) => [b.id, i]));
    const areas = painting(plan);
    const [first, second] = areas;
    const own = new Set(first!.buildings.map((id) => index.get(id)!));
    const away = second!.buildings.find((id) => {
      const i = index.get(id)!;
      for (let e = adjacency.start[i]!; e < adjacency.start[i + 1]!; e++) if (own.has(adjacency.nbr[e]!)) return false;
      return true;
    })!;
    expect(away).toBeDefined();
    second!.buildings = second!.buildings.filter((id) => id !== away);
    first!.buildings.push(away);
    return { plan, areas, first: first!.id };
  }

  it('refuses a split area with a not_contiguous warning, saves it once accepted by key, and audits the acceptance', async () => {
    const { areas, first } = await splitPainting();
    const before = await snapshot();
    const refused = await putAsIs({ areas });
    expect(refused.status).toBe(422);
    const split = refused.body.problems!.find((p) => p.code === 'not_contiguous' && p.ids?.[0] === first)!;
    expect(split).toMatchObject({ severity: 'warning', ids: [first], params: { pieces: 2 } });
    expect(split.message).toMatch(/不连片/);
    expect(refused.body.problems!.every((p) => p.severity === 'warning')).toBe(true);
    // Every other warning accepted, this one not: still refused, nothing written.
    const others = refused.body.problems!.filter((p) => p !== split).map(acceptKey);
    expect((await putAsIs({ areas, acceptWarnings: [...others, 'not_contiguous:no-such-area'] })).status).toBe(422);
    expect(await snapshot()).toEqual(before);

    const keys = refused.body.problems!.map(acceptKey);
    expect(keys).toContain(`not_contiguous:${first}`);
    const saved = await putAsIs({ areas, acceptWarnings: keys });
    expect(saved.status, JSON.stringify(saved.body).slice(0, 400)).toBe(200);
    expect(saved.body.warnings.map(acceptKey)).toEqual(keys);
    const row = await api.ctx.db.knex('audit_log').where({ action: 'plan_save', object_id: own }).orderBy('id', 'desc').first('actor', 'detail');
    const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
    expect(row.actor).toBe('demo-planner');
    expect(detail.acceptedWarnings.map((w: { key: string }) => w.key)).toEqual(keys);
    expect(detail.acceptedWarnings.find((w: { key: string }) => w.key === `not_contiguous:${first}`)).toMatchObject({ code: 'not_contiguous', params: { pieces: 2 } });
  });

  it('refuses areas beyond ±5 % of the mean with an unbalanced warning each, in the measure the planner balances', async () => {
    const plan = await currentPlan();
    const areas = painting(plan);
    for (const measure of ['population', 'buildings'] as const) {
      const size = (ids: string[]) => ids.reduce((s, id) => s + (measure === 'buildings' ? 1 : plan.buildings.find((b) => b.id === id)!.population), 0);
      const sizes = areas.map((a) => size(a.buildings));
      const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
      const beyond = areas.filter((_, i) => Math.abs(sizes[i]! - mean) / mean > 0.05).map((a) => a.id);
      expect(beyond.length).toBeGreaterThan(0);
      const refused = await putAsIs({ areas, measure });
      expect(refused.status).toBe(422);
      const unbalanced = refused.body.problems!.filter((p) => p.code === 'unbalanced');
      expect(unbalanced.map((p) => p.ids![0])).toEqual(beyond);
      for (const p of unbalanced) expect(p).toMatchObject({ severity: 'warning', params: { measure, limitPct: 5 } });
      const keys = refused.body.problems!.map(acceptKey);
      expect((await putAsIs({ areas, measure, acceptWarnings: keys.slice(1) })).status).toBe(422);
      expect((await putAsIs({ areas, measure, acceptWarnings: keys, dryRun: true })).status).toBe(200);
    }
  });

  it('reports on a dry run the warnings the save refuses, and the ones the live table shows', async () => {
    const { plan, areas } = await splitPainting();
    const dry = await putAsIs({ areas, dryRun: true });
    const save = await putAsIs({ areas });
    expect(dry.status).toBe(422);
    expect(dry.body.problems).toEqual(save.body.problems);
    const accepted = await putAsIs({ areas, dryRun: true, acceptWarnings: dry.body.problems!.map(acceptKey) });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ saved: false, warnings: dry.body.problems });
    // The editor's table over the same painting names the same warnings.
    const assignment = Object.fromEntries(areas.flatMap((a) => a.buildings.map((b) => [b, a.id])));
    const table = planMetrics(areas.map((a) => a.id), plan.buildings, assignment, new Map(), 'population',
      buildingAdjacency(plan.buildings.map((b) => [b.lng, b.lat]), plan.community.geometry), (key) => ({ ref: key, name: areas.find((a) => a.id === key)!.name }));
    expect(table.warnings.map((w) => [w.code, w.ids, w.params])).toEqual(dry.body.problems!.map((p) => [p.code, p.ids, p.params]));
  });
});
