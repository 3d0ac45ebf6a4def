// Merger scenarios: drafts saved with their ids and overlaps checked, a two-community merger's
// figures against the tables, adoption changing the grid and the stats in one transaction,
// undoing it back to the same figures, stale and refused edits changing nothing, and who may do it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../server/domain/problems';
import type { Comparison } from '../../server/features/scenarios/compare';
import type { Scenario } from '../../server/features/scenarios/store';
import type { Stats } from '../../server/features/stats/service';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
const cookie: Record<string, string> = {};
let town = '';
/** Two neighbouring communities of the planner's town, each with its villages. */
const pair: Array<{ id: string; villages: string[] }> = [];
/** A community of the planner's town with two or more villages, one of them, and a village of another community next to it. */
let split = { community: '', village: '', neighbour: '' };
let otherVillage = '';
/** A community of the planner's town outside the pair. */
let third = '';

type Row = Record<string, unknown>;

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['admin', 'planner', 'leader', 'staff'] as const) cookie[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const region = api.ctx.region;
  [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const { rows } = await k.raw(
    `SELECT a.community_id AS a, b.community_id AS b FROM villages a JOIN villages b
       ON b.region = a.region AND b.town_id = a.town_id AND a.community_id < b.community_id AND ST_Relate(a.geom, b.geom, '****1****')
     WHERE a.region = ? AND a.town_id = ? ORDER BY 1, 2 LIMIT 1`,
    [region, town],
  );
  for (const id of [rows[0].a, rows[0].b] as string[]) pair.push({ id, villages: await k('villages').where({ region, community_id: id }).orderBy('id').pluck('id') });
  const { rows: s } = await k.raw(
    `SELECT v.community_id, v.id, n.id AS neighbour FROM villages v
     JOIN villages n ON n.region = v.region AND n.town_id = v.town_id AND n.community_id <> v.community_id AND ST_Relate(v.geom, n.geom, '****1****')
     WHERE v.region = ? AND v.town_id = ?
       AND (SELECT count(*) FROM villages x WHERE x.region = v.region AND x.community_id = v.community_id) >= 2
     ORDER BY v.id, n.id LIMIT 1`,
    [region, town],
  );
  split = { community: s[0].community_id, village: s[0].id, neighbour: s[0].neighbour };
  third = (await k('villages').where({ region, town_id: town }).whereNotIn('community_id', pair.map((p) => p.id)).orderBy('id').first('community_id')).community_id;
  otherVillage = (await k('villages').where({ region }).whereNot('town_id', town).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

type Answer = { code?: string; error?: string; errorEn?: string; current?: Scenario; problems?: Problem[] };
const call = <T = Row>(method: string, path: string, body?: unknown, who = 'planner') => send<T & Answer>(api, method, path, body, cookie[who]);
const create = async (name: string, who = 'planner', townIds?: string[]) => {
  const res = await call<Scenario>('POST', '/api/scenarios', { name, ...(townIds ? { townIds } : {}) }, who);
  expect(res.status, res.body.error).toBe(201);
  return res.body;
};
const mergePair = () => ({ key: 'm1', name: '合并社区', nameEn: 'Merged', villages: [...pair[0]!.villages, ...pair[1]!.villages] });
const stats = () => api.json<Stats>('/api/stats');

/** The two communities' figures straight from the tables, by their areas' buildings as the report counts them. */
async function pairFromTables() {
  const { rows } = await api.ctx.db.knex.raw(
    `SELECT count(*)::int AS buildings, sum(b.population)::int AS population, sum(b.households)::int AS households, sum(b.party_members)::int AS members,
            (SELECT round(ST_Area(ST_Union(v.geom)::geography)) FROM villages v WHERE v.region = :region AND v.community_id = ANY(:ids))::float8 AS land
     FROM buildings b JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     WHERE b.region = :region AND a.community_id = ANY(:ids)`,
    { region: api.ctx.region, ids: pair.map((p) => p.id) },
  );
  return rows[0] as { buildings: number; population: number; households: number; members: number; land: number };
}

describe('scenario drafts', () => {
  it('creates a draft in the planner\'s towns, lists and reads it; a leader reads it, staff may not', async () => {
    const s = await create('试点撤并');
    expect(s).toMatchObject({ status: 'draft', version: 1, townIds: [town], createdBy: 'demo-planner', groups: [] });
    const list = await call<{ scenarios: Scenario[] }>('GET', '/api/scenarios');
    expect(list.body.scenarios.map((x) => x.id)).toContain(s.id);
    expect((await call('GET', `/api/scenarios/${s.id}`, undefined, 'leader')).status).toBe(200);
    expect((await call('GET', `/api/scenarios/${s.id}`, undefined, 'staff')).status).toBe(403);
  });

  it('refuses a planner a scenario over another town (422 naming it) and hides another town\'s scenario (404)', async () => {
    const otherTown = (await api.ctx.db.knex('towns').whereNot('id', town).orderBy('id').first('id')).id as string;
    const refused = await call('POST', '/api/scenarios', { name: 'x', townIds: [otherTown] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'refused', error: '未保存：有 1 个问题需要处理', errorEn: 'not saved: 1 problem to resolve' });
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ code: 'scenario_towns_outside', ids: [otherTown], message: `这些镇（街道）不存在或不在您负责的范围内：${otherTown}`, messageEn: expect.stringContaining(otherTown) }),
    ]);
    const theirs = await create('别镇方案', 'admin', [otherTown]);
    expect((await call('GET', `/api/scenarios/${theirs.id}`)).status).toBe(404);
    expect((await call('PUT', `/api/scenarios/${theirs.id}`, { version: 1, groups: [] })).status).toBe(404);
    expect((await call<{ scenarios: Scenario[] }>('GET', '/api/scenarios')).body.scenarios.map((x) => x.id)).not.toContain(theirs.id);
  });

  it('saves groups of villages and whole communities, and refuses unknown ids and a village in two groups with 422, nothing changed', async () => {
    const s = await create('校验');
    const bad = [
      [{ key: 'a', name: 'A', villages: ['V-NOPE'] }],
      [{ key: 'a', name: 'A', villages: [otherVillage] }],
      [
        { key: 'a', name: 'A', villages: [pair[0]!.villages[0]] },
        { key: 'b', name: 'B', communities: [pair[0]!.id] },
      ],
    ];
    const named = [
      ['scenario_unknown_villages', 'V-NOPE'],
      ['scenario_unknown_villages', otherVillage],
      ['scenario_village_twice', pair[0]!.villages[0]!],
    ];
    for (const [i, groups] of bad.entries()) {
      const res = await call('PUT', `/api/scenarios/${s.id}`, { version: 1, groups });
      expect(res.status, JSON.stringify(groups)).toBe(422);
      const [code, id] = named[i]!;
      expect(res.body.code).toBe('refused');
      expect(res.body.problems).toContainEqual(expect.objectContaining({ code, ids: [id], severity: 'error', message: expect.stringContaining(id!) }));
    }
    expect((await call('PUT', `/api/scenarios/${s.id}`, { version: 1, groups: 'x' })).status).toBe(400);
    // A misspelt field is refused by name rather than dropped: the planner would lose what it held.
    const misspelt = await call('PUT', `/api/scenarios/${s.id}`, { version: 1, groups: [{ ...mergePair(), village: ['x'] }] });
    expect([misspelt.status, misspelt.body.error]).toEqual([400, expect.stringContaining('village')]);
    expect((await call<Scenario>('GET', `/api/scenarios/${s.id}`)).body).toMatchObject({ version: 1, groups: [] });

    const ok = await call<Scenario>('PUT', `/api/scenarios/${s.id}`, { version: 1, name: '校验二', groups: [mergePair(), { name: 'B', communities: [third] }] });
    expect(ok.status, ok.body.error).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, name: '校验二' });
    expect(ok.body.groups.map((g) => [g.key, g.villages.length, g.communities])).toEqual([
      ['m1', pair[0]!.villages.length + pair[1]!.villages.length, []],
      ['g2', 0, [third]],
    ]);
    const audit = await api.ctx.db.knex('audit_log').where({ object_type: 'scenario', object_id: s.id }).orderBy('id').pluck('action');
    expect(audit).toEqual(['create', 'update']);
  });

  it('gives a new community without an English name its pinyin, and keeps one the planner typed', async () => {
    const s = await create('英文名');
    const saved = await call<Scenario>('PUT', `/api/scenarios/${s.id}`, { version: 1, groups: [{ key: 'a', name: '沿江社区', villages: [pair[0]!.villages[0]] }, { ...mergePair(), villages: [pair[1]!.villages[0]] }] });
    expect(saved.status, saved.body.error).toBe(200);
    expect(saved.body.groups.map((g) => [g.name, g.nameEn])).toEqual([
      ['沿江社区', 'Yanjiang Community'],
      ['合并社区', 'Merged'],
    ]);
  });

  it('answers a stale save with 409 and the current scenario; of two racing saves exactly one wins', async () => {
    const s = await create('并发');
    const body = (name: string) => ({ version: 1, groups: [{ name, villages: [pair[0]!.villages[0]] }] });
    const answers = await Promise.all([call('PUT', `/api/scenarios/${s.id}`, body('甲')), call('PUT', `/api/scenarios/${s.id}`, body('乙'), 'admin')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.current).toMatchObject({ id: s.id, version: 2 });
    expect(lost.body).toMatchObject({
      code: 'stale_version',
      error: `撤并方案“${s.id}”已被他人修改（现为第 2 版，您基于第 1 版），请重新加载后再改`,
      errorEn: `scenario "${s.id}" is at version 2, not 1: reload it and apply your change again`,
    });
    const stored = (await call<Scenario>('GET', `/api/scenarios/${s.id}`)).body;
    expect(stored.version).toBe(2);
    expect(stored.groups).toHaveLength(1);
  });

  it('refuses to adopt a draft without groups (422) or without a version (400), changing nothing', async () => {
    const s = await create('空方案');
    const before = await stats();
    const empty = await call('POST', `/api/scenarios/${s.id}/adopt`, { version: 1 });
    expect(empty.status).toBe(422);
    expect(empty.body.problems).toEqual([expect.objectContaining({ code: 'scenario_no_groups', message: expect.stringContaining('没有任何合并组') })]);
    expect((await call('POST', `/api/scenarios/${s.id}/adopt`, {})).status).toBe(400);
    expect((await call<Scenario>('GET', `/api/scenarios/${s.id}`)).body).toMatchObject({ status: 'draft', version: 1 });
    expect(await stats()).toEqual(before);
  });

  it('discards a draft, which then can be neither edited nor adopted', async () => {
    const s = await create('作废');
    const gone = await call<Scenario>('DELETE', `/api/scenarios/${s.id}`, { version: 1 });
    expect(gone.body).toMatchObject({ status: 'discarded', version: 2 });
    const edited = await call('PUT', `/api/scenarios/${s.id}`, { version: 2, groups: [] });
    expect(edited.status).toBe(409);
    expect(edited.body).toMatchObject({ code: 'scenario_status', error: expect.stringContaining('现为已放弃'), current: { status: 'discarded', version: 2 } });
    expect((await call('POST', `/api/scenarios/${s.id}/adopt`, { version: 2 })).status).toBe(409);
  });
});

describe('comparing, adopting and undoing a two-community merger', () => {
  let s: Scenario;
  let before: Stats;

  beforeAll(async () => {
    s = await create('两社区合并');
    s = (await call<Scenario>('PUT', `/api/scenarios/${s.id}`, { version: 1, groups: [mergePair()] })).body;
    before = await stats();
  });

  it('compares: the merged figures equal the tables\', the form follows the members, both communities go, units before → after', async () => {
    const res = await call<Comparison>('GET', `/api/scenarios/${s.id}/compare`, undefined, 'leader');
    expect(res.status, res.body.error).toBe(200);
    const c = res.body;
    const t = await pairFromTables();
    expect(c.groups).toHaveLength(1);
    const g = c.groups[0]!;
    expect({ buildings: g.buildings, population: g.population, households: g.households, members: g.partyMembers }).toEqual({
      buildings: t.buildings, population: t.population, households: t.households, members: t.members,
    });
    expect(Math.abs(g.landM2 - t.land)).toBeLessThanOrEqual(2);
    expect(g.form).toBe(t.members >= 100 ? '党委' : t.members >= 50 ? '党总支' : '党支部');
    expect(g.warnings).toMatchObject({ detached: [], townsCrossed: [] });
    expect(g.townId).toBe(town);
    expect(g.fromCommunities.map((x) => x.id).sort()).toEqual(pair.map((p) => p.id).sort());
    expect(c.removedCommunities.sort()).toEqual(pair.map((p) => p.id).sort());
    expect(c.remainders).toEqual([]);
    expect(c.totals.communities.before).toEqual(before.communities);
    expect(c.totals.communities.after.rural).toBe(before.communities.rural - 1);
    // Merging can only bring residents closer to a centre of their own community.
    expect(g.coverage.after!).toBeGreaterThanOrEqual(g.coverage.before!);
    expect(c.totals.areasToReplan).toBeGreaterThan(0);
  });

  it('exports the new community\'s outline with its figures as GeoJSON', async () => {
    const res = await api.request(`/api/scenarios/${s.id}/export.geojson`, { cookie: cookie.planner });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = (await res.json()) as { features: Array<{ geometry: { type: string }; properties: Row }> };
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.geometry.type).toMatch(/Polygon/);
    expect(fc.features[0]!.properties).toMatchObject({ name: '合并社区', population: (await pairFromTables()).population });
  });

  it('exports the change table as Excel: Chinese headers, a UTF-8 file name, numbers as numbers equal to the comparison\'s', async () => {
    const res = await api.request(`/api/scenarios/${s.id}/changes.xlsx`, { cookie: cookie.leader });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('两社区合并-变更表.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['新社区', '保留社区', '全市汇总']);
    const sheet = workbook.getWorksheet('新社区')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = Object.fromEntries(header.map((h, i) => [h, sheet.getRow(2).getCell(i + 1).value]));
    const g = (await call<Comparison>('GET', `/api/scenarios/${s.id}/compare`)).body.groups[0]!;
    expect(row).toMatchObject({
      新社区: '合并社区', 合并行政村数: g.villages.length, 楼栋: g.buildings, 人口: g.population, 户数: g.households, '面积（平方米）': g.landM2,
      党员: g.partyMembers, '覆盖率（调整前）': g.coverage.before, '覆盖率（调整后）': g.coverage.after, 党组织形式: g.form,
      '最远楼栋距离（调整前，米）': g.farthestM.before, '最远楼栋距离（调整后，米）': g.farthestM.after,
    });
    const totals = workbook.getWorksheet('全市汇总')!;
    expect(totals.getRow(2).values).toEqual([undefined, '农村社区（含村居合一）', before.communities.rural, before.communities.rural - 1, -1]);
  });

  it('refuses a stale adoption with 409 and changes nothing', async () => {
    const res = await call('POST', `/api/scenarios/${s.id}/adopt`, { version: s.version - 1 });
    expect(res.status).toBe(409);
    expect(await stats()).toEqual(before);
  });

  it('adopts: one new community with its organisation, villages and areas moved and flagged, the stats changed; undo puts it all back', async () => {
    const k = api.ctx.db.knex;
    const region = api.ctx.region;
    const areas = await k('contracted_areas').where({ region }).whereIn('community_id', pair.map((p) => p.id)).orderBy('id').pluck('id');
    const adopted = await call<Scenario>('POST', `/api/scenarios/${s.id}/adopt`, { version: s.version });
    expect(adopted.status, adopted.body.error).toBe(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', version: s.version + 1 });

    const made = await k('communities').where({ region, name: '合并社区' }).first('id', 'kind', 'town_id', 'version');
    expect(made).toMatchObject({ town_id: town, version: 1 });
    expect(Number((await k('communities').where({ region }).whereIn('id', pair.map((p) => p.id)).count('* as n').first())!.n)).toBe(0);
    expect(await k('villages').where({ region, community_id: made.id }).orderBy('id').pluck('id')).toEqual([...pair[0]!.villages, ...pair[1]!.villages].sort());
    const moved = await k('contracted_areas').where({ region, community_id: made.id }).orderBy('id').select('id', 'needs_replan');
    expect(moved.map((a: Row) => a.id)).toEqual(areas);
    expect(moved.every((a: Row) => a.needs_replan === true)).toBe(true);
    const org = await k('party_orgs').where({ region, level: 2, unit_id: made.id }).first('form', 'members');
    const members = Number((await k('buildings as b').join('contracted_areas as a', 'a.id', 'b.area_id').where('a.community_id', made.id).sum('b.party_members as n').first())!.n);
    expect(org).toEqual({ form: members >= 100 ? '党委' : members >= 50 ? '党总支' : '党支部', members });

    const after = await stats();
    expect(after.communities.rural).toBe(before.communities.rural - 1);
    expect(after.population).toBe(before.population);
    const forms = (x: Stats) => Object.values(x.partyOrgs.village).reduce((a, b) => a + b, 0);
    expect(forms(after)).toBe(forms(before) - (await k('object_versions').where({ object_type: 'community', replaced_by: 'delete' }).whereIn('object_id', pair.map((p) => p.id)).count('* as n').first().then((r) => Number(r!.n))) + 1);
    const history = await k('object_versions').where({ region, object_type: 'community', replaced_by: 'delete' }).whereIn('object_id', pair.map((p) => p.id)).pluck('object_id');
    expect(history.sort()).toEqual(pair.map((p) => p.id).sort());
    expect((await call('PUT', `/api/scenarios/${s.id}`, { version: s.version + 1, groups: [] })).status).toBe(409);

    const undone = await call<Scenario>('POST', `/api/scenarios/${s.id}/undo-adopt`, { version: s.version + 1 });
    expect(undone.status, undone.body.error).toBe(200);
    expect(undone.body).toMatchObject({ status: 'draft', version: s.version + 2 });
    expect(await stats()).toEqual(before);
    expect(await k('communities').where({ region, id: made.id }).first()).toBeUndefined();
    for (const p of pair) expect(await k('villages').where({ region, community_id: p.id }).orderBy('id').pluck('id')).toEqual(p.villages);
    expect(await k('contracted_areas').where({ region }).whereIn('id', areas).where('needs_replan', true).count('* as n').first().then((r) => Number(r!.n))).toBe(0);
    const { rows } = await k.raw(
      `SELECT count(*)::int AS n FROM communities c WHERE c.region = ? AND c.id = ANY(?)
         AND ST_Equals(c.geom, (SELECT ST_Union(v.geom) FROM villages v WHERE v.region = c.region AND v.community_id = c.id))`,
      [region, pair.map((p) => p.id)],
    );
    expect(rows[0].n).toBe(2);
  });
});

describe('a split: one village joins its neighbour\'s community', () => {
  it('reshapes the community it leaves, lists it as a remainder, and undoes back to the old outline bit for bit', async () => {
    const k = api.ctx.db.knex;
    const region = api.ctx.region;
    const neighbourCommunity = (await k('villages').where({ region, id: split.neighbour }).first('community_id')).community_id as string;
    const outline = async (id: string) => (await k.raw('SELECT ST_AsEWKB(geom) AS g FROM communities WHERE region = ? AND id = ?', [region, id])).rows[0]?.g;
    const old = await outline(split.community);
    let s = await create('划转');
    s = (await call<Scenario>('PUT', `/api/scenarios/${s.id}`, { version: 1, groups: [{ name: '扩大', villages: [split.village], communities: [neighbourCommunity] }] })).body;
    const cmp = (await call<Comparison>('GET', `/api/scenarios/${s.id}/compare`)).body;
    expect(cmp.remainders.map((r) => r.id)).toEqual([split.community]);
    expect(cmp.removedCommunities).toEqual([neighbourCommunity]);
    expect(cmp.groups[0]!.warnings.detached).toEqual([]);

    const adopted = await call<Scenario>('POST', `/api/scenarios/${s.id}/adopt`, { version: s.version });
    expect(adopted.status, adopted.body.error).toBe(200);
    expect(await outline(split.community)).not.toEqual(old);
    expect((await k('communities').where({ region, id: split.community }).first('version')).version).toBeGreaterThan(1);
    const undone = await call<Scenario>('POST', `/api/scenarios/${s.id}/undo-adopt`, { version: s.version + 1 });
    expect(undone.status, undone.body.error).toBe(200);
    expect(await outline(split.community)).toEqual(old);
    expect((await k('villages').where({ region, id: split.village }).first('community_id')).community_id).toBe(split.community);
  });

  it('warns when a group\'s members do not touch', async () => {
    const far = (
      await k().raw(
        `SELECT v.id FROM villages v, villages w WHERE v.region = ? AND w.region = v.region AND w.id = ? AND v.town_id = w.town_id
           AND NOT ST_Intersects(v.geom, w.geom) ORDER BY ST_Distance(v.geom, w.geom) DESC LIMIT 1`,
        [api.ctx.region, pair[0]!.villages[0]],
      )
    ).rows[0].id as string;
    let s = await create('飞地');
    s = (await call<Scenario>('PUT', `/api/scenarios/${s.id}`, { version: 1, groups: [{ name: '远', villages: [pair[0]!.villages[0], far] }] })).body;
    const g = (await call<Comparison>('GET', `/api/scenarios/${s.id}/compare`)).body.groups[0]!;
    expect(g.warnings.detached).toHaveLength(1);
  });
});

const k = () => api.ctx.db.knex;
