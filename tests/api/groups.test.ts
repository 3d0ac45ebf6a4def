// An area's building party groups over HTTP: the grouping as read, the automatic proposal, and
// saving a whole grouping: every rule refused with 422 and nothing changed, stale and concurrent
// saves answered 409, the organisations recounted as SQL counts them; the lead's round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFor } from '../../server/domain/organisations';
import type { Problem } from '../../server/domain/problems';
import type { GroupingProposal } from '../../server/analysis/grouping/propose';
import type { AreaGrouping } from '../../server/features/groups/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';
import { unreachedPerGroup } from '../support/districting-community';

let api: TestApi;
const cookie: Record<string, string> = {};
/** The planner's area with the most party members (so its form can change), a second own area, another town's area. */
let own = '';
let own2 = '';
let other = '';

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['staff', 'admin', 'planner', 'leader'] as const) cookie[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const areas = (inTown: boolean) =>
    k('buildings as b')
      .join('contracted_areas as a', function () {
        this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
      })
      .join('communities as c', function () {
        this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
      })
      .where('c.town_id', inTown ? '=' : '<>', town!)
      .groupBy('a.id')
      .orderByRaw('sum(b.party_members) DESC, a.id')
      .pluck('a.id');
  [own, own2] = await areas(true);
  [other] = await areas(false);
});
afterAll(() => api.close());

const path = (id: string) => `/api/areas/${id}/groups`;
const read = async (id = own, who = 'planner') => {
  const res = await send<AreaGrouping>(api, 'GET', path(id), undefined, cookie[who]);
  expect(res.status).toBe(200);
  return res.body;
};
const put = (body: unknown, id = own, who = 'planner') =>
  send<AreaGrouping & { code: string; error: string; errorEn: string; problems?: Problem[]; current?: AreaGrouping }>(api, 'PUT', path(id), body, cookie[who]);
const propose = (body: unknown, id = own, who = 'planner') =>
  send<GroupingProposal & { error?: string }>(api, 'POST', `${path(id)}/proposal`, body, cookie[who]);

/** The grouping as a save body that changes nothing. */
const asSave = (g: AreaGrouping) => ({ groups: g.groups.map((x) => ({ id: x.id, version: x.version, name: x.name, nameEn: x.nameEn, buildings: x.buildings.map((b) => b.id) })) });

/** Everything a refused save must leave alone. */
async function snapshot(areaId = own) {
  const k = api.ctx.db.knex;
  return {
    buildings: await k('buildings').where({ area_id: areaId }).orderBy('id').select('id', 'group_id', 'version'),
    groups: await k('party_groups').where({ area_id: areaId }).orderBy('id').select('id', 'version', 'name', k.raw('ST_AsText(geom) AS geom')),
    orgs: await k('party_orgs').where('unit_id', areaId).orWhereIn('unit_id', k('party_groups').where({ area_id: areaId }).select('id')).orderBy('id').select('id', 'members', 'form', 'version'),
  };
}

/** What SQL says each organisation of the area should hold. */
async function recounted(areaId = own) {
  const { rows } = await api.ctx.db.knex.raw(
    `SELECT g.id, sum(b.party_members)::int AS members, o.members AS org_members, o.form
       FROM party_groups g JOIN buildings b ON b.group_id = g.id LEFT JOIN party_orgs o ON o.id = 'P4-' || g.id
      WHERE g.area_id = ? GROUP BY g.id, o.members, o.form ORDER BY g.id`,
    [areaId],
  );
  return rows as { id: string; members: number; org_members: number | null; form: string | null }[];
}

describe('GET /api/areas/{id}/groups', () => {
  it('answers the area, its lead and organisation, and every building of the area in its group', async () => {
    const g = await read();
    expect(g.area).toMatchObject({ id: own, version: expect.any(Number), name: expect.any(String), communityName: expect.any(String), communityNameEn: expect.any(String), leadName: expect.any(String), leadPhone: expect.stringMatching(/^\d/) });
    expect(g.area.org).toMatchObject({ form: expect.stringMatching(/^(党委|党总支|党支部)$/), members: expect.any(Number) });
    const k = api.ctx.db.knex;
    const rows = await k('buildings').where({ area_id: own }).orderBy('id').select('id', 'group_id', 'party_members');
    expect(g.groups.flatMap((x) => x.buildings.map((b) => b.id)).sort()).toEqual(rows.map((r) => r.id));
    for (const group of g.groups) {
      expect(group.org?.form).toBe('党小组');
      expect(group.members).toBe(rows.filter((r) => r.group_id === group.id).reduce((s, r) => s + Number(r.party_members), 0));
      expect(group.buildings[0]).toMatchObject({ id: expect.any(String), address: expect.any(String), lng: expect.any(Number), lat: expect.any(Number), households: expect.any(Number), population: expect.any(Number), partyMembers: expect.any(Number) });
    }
  });

  it('answers another town\'s planner 404, as for a missing area, and audits the probe', async () => {
    expect((await send(api, 'GET', path(other), undefined, cookie.planner)).status).toBe(404);
    expect((await send(api, 'GET', path('no-such-area'), undefined, cookie.planner)).status).toBe(404);
    expect((await propose({ targetSize: 10, by: 'partyMembers' }, other)).status).toBe(404);
    expect((await put({ groups: [{ name: 'x', buildings: [] }] }, other)).status).toBe(404);
    const denied = await api.ctx.db.knex('audit_log').where({ action: 'authz_denied', object_id: other, actor: 'demo-planner' });
    expect(denied.length).toBe(3);
    expect((await read(other, 'admin')).area.id).toBe(other);
  });
});

describe('POST /api/areas/{id}/groups/proposal', () => {
  it.each(['partyMembers', 'buildings', 'households'] as const)('groups every building once into ⌈total ÷ target⌉ contiguous groups near the target (%s)', async (by) => {
    const g = await read();
    const buildings = g.groups.flatMap((x) => x.buildings);
    const measure = (b: (typeof buildings)[number]) => (by === 'buildings' ? 1 : b[by]);
    const total = buildings.reduce((s, b) => s + measure(b), 0);
    const targetSize = Math.max(1, Math.round(total / 4.5));
    const { status, body } = await propose({ targetSize, by });
    expect(status).toBe(200);
    expect(body.k).toBe(Math.ceil(total / targetSize));
    expect(body.groups).toHaveLength(body.k);
    expect(body.groups.flatMap((x) => x.buildingIds).sort()).toEqual(buildings.map((b) => b.id).sort());
    // Contiguity rechecked on a Delaunay graph of the database's own points.
    const points = buildings.map((b) => ({ id: b.id, point: [b.lng, b.lat] as [number, number] }));
    expect(unreachedPerGroup(points, body.groups)).toEqual(body.groups.map(() => 0));
    expect(body.summary.contiguous).toBe(true);
    // k = ⌈total ÷ target⌉ groups average at most the target; no group is more than one building over it.
    const largest = Math.max(...buildings.map(measure));
    for (const group of body.groups) {
      expect(group.size).toBe(group.buildingIds.reduce((s, id) => s + measure(buildings.find((b) => b.id === id)!), 0));
      expect(group.size).toBeLessThanOrEqual(targetSize + largest);
    }
    // Read-only.
    expect(await read()).toEqual(g);
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    for (const body of [{}, { targetSize: 0, by: 'partyMembers' }, { targetSize: 10, by: 'population' }, { targetSize: 10, by: 'buildings', k: 3 }, { targetSize: '10', by: 'buildings' }]) {
      const { status, body: answer } = await propose(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(answer.error).toMatch(/targetSize|by|k|Unrecognized/i);
    }
  });
});

describe('PUT /api/areas/{id}/groups', () => {
  it('saves an automatic grouping: groups created and deleted, buildings moved, hulls redrawn, organisations recounted', async () => {
    const before = await read();
    const total = before.groups.reduce((s, x) => s + x.members, 0);
    // A target that asks for one group more than there are.
    const targetSize = Math.ceil(total / (before.groups.length + 1));
    const proposal = (await propose({ targetSize, by: 'partyMembers' })).body;
    const keep = before.groups.slice(0, Math.min(before.groups.length - 1, proposal.k));
    const body = {
      groups: proposal.groups.map((p, i) =>
        i < keep.length ? { id: keep[i]!.id, version: keep[i]!.version, name: keep[i]!.name, buildings: p.buildingIds } : { name: `新党小组${i + 1}`, nameEn: `New group ${i + 1}`, buildings: p.buildingIds },
      ),
      removed: before.groups.slice(keep.length).map((x) => ({ id: x.id, version: x.version })),
    };
    const { status, body: after } = await put(body);
    expect(status, JSON.stringify(after).slice(0, 300)).toBe(200);
    expect(after.groups).toHaveLength(proposal.k);
    const k = api.ctx.db.knex;
    const removedIds = body.removed.map((r) => r.id);
    expect(Number((await k('party_groups').whereIn('id', removedIds).count('* as n').first())!.n)).toBe(0);
    expect(Number((await k('party_orgs').whereIn('id', removedIds.map((id) => `P4-${id}`)).count('* as n').first())!.n)).toBe(0);
    // Every building of the area in exactly the group the save named.
    const placed = await k('buildings').where({ area_id: own }).select('id', 'group_id');
    for (const [i, g] of body.groups.entries()) {
      const id = after.groups.find((x) => x.name === g.name)!.id;
      expect(placed.filter((b) => b.group_id === id).map((b) => b.id).sort()).toEqual([...proposal.groups[i]!.buildingIds].sort());
    }
    // Each hull holds its buildings.
    const outside = await k.raw(
      `SELECT count(*)::int AS n FROM buildings b JOIN party_groups g ON g.id = b.group_id WHERE b.area_id = ? AND NOT ST_Covers(g.geom, b.geom)`,
      [own],
    );
    expect(outside.rows[0].n).toBe(0);
    // Level 4: one 党小组 per group, members as SQL counts them; level 3: the sum and its form.
    for (const r of await recounted()) expect(r).toMatchObject({ org_members: r.members, form: '党小组' });
    const sum = Number((await k('buildings').where({ area_id: own }).sum({ n: 'party_members' }).first())!.n);
    const p3 = await k('party_orgs').where({ id: `P3-${own}` }).first('members', 'form', 'name');
    expect(p3).toMatchObject({ members: sum, form: formFor(sum) });
    expect(p3.name.endsWith(formFor(sum))).toBe(true);
    expect(after.area.org).toMatchObject({ members: sum, form: formFor(sum) });
    // Kept groups moved on a version; the save is audited.
    for (const g of keep) expect(after.groups.find((x) => x.id === g.id)!.version).toBe(g.version + 1);
    const logged = await k('audit_log').where({ object_type: 'area_groups', object_id: own, actor: 'demo-planner' }).first('detail');
    expect(logged).toBeDefined();
  });

  it('moves one building to another group by hand', async () => {
    const g = await read();
    const body = asSave(g);
    const moved = body.groups[0]!.buildings.pop()!;
    body.groups[1]!.buildings.push(moved);
    const { status, body: after } = await put(body);
    expect(status).toBe(200);
    expect(after.groups.find((x) => x.id === g.groups[1]!.id)!.buildings.map((b) => b.id)).toContain(moved);
    for (const r of await recounted()) expect(r.org_members).toBe(r.members);
    const untouched = g.groups.slice(2);
    for (const x of untouched) expect(after.groups.find((y) => y.id === x.id)!.version).toBe(x.version);
  });

  it('renames a group\'s 党小组 with the group, keeping the community\'s name before it', async () => {
    const g = await read();
    const body = asSave(g);
    const group = g.groups[0]!;
    const org = () => api.ctx.db.knex('party_orgs').where({ id: `P4-${group.id}` }).first('name', 'version');
    const was = await org();
    expect(was.name).toBe(`${g.area.communityName}${group.name}`);
    body.groups[0]!.name = '江心党小组';
    expect((await put(body)).status).toBe(200);
    expect(await org()).toEqual({ name: `${g.area.communityName}江心党小组`, version: was.version + 1 });
  });

  it('refuses each broken rule with 422 naming it, and changes nothing', async () => {
    const g = await read();
    const foreign = (await read(own2)).groups[0]!.buildings[0]!.id;
    const base = () => asSave(g) as { groups: { id?: string; version?: number; name: string; buildings: string[] }[]; removed?: { id: string; version: number }[] };
    const cases: [string, () => unknown][] = [
      ['building_in_no_group', () => { const b = base(); b.groups[0]!.buildings.pop(); return b; }],
      ['building_listed_twice', () => { const b = base(); b.groups[1]!.buildings.push(b.groups[0]!.buildings[0]!); return b; }],
      ['building_not_in_area', () => { const b = base(); b.groups[0]!.buildings.push(foreign); return b; }],
      ['group_empty', () => { const b = base(); b.groups.push({ name: '空党小组', buildings: [] }); return b; }],
      ['group_name_twice', () => { const b = base(); b.groups[1]!.name = b.groups[0]!.name; return b; }],
      ['group_kept_and_removed', () => { const b = base(); b.removed = [{ id: b.groups[0]!.id!, version: b.groups[0]!.version! }]; return b; }],
    ];
    const before = await snapshot();
    for (const [rule, make] of cases) {
      const { status, body } = await put(make());
      expect(status, rule).toBe(422);
      expect(body).toMatchObject({ code: 'refused', error: expect.stringMatching(/^未保存：有 \d+ 个问题需要处理$/) });
      const named = body.problems!.find((p) => p.code === rule);
      expect(named, rule).toMatchObject({ severity: 'error', ids: [expect.any(String)], message: expect.stringMatching(/\p{Script=Han}/u), messageEn: expect.any(String) });
      expect(named!.message).toContain(named!.ids![0]!.replace(/^#\d+$/, '空党小组'));
    }
    const foreignAnswer = await put(cases[2]![1]());
    expect(foreignAnswer.body.problems).toContainEqual(expect.objectContaining({ code: 'building_not_in_area', ids: [foreign], message: `楼栋“${foreign}”不在这个片区` }));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stale version, or a group neither kept nor removed, with 409 and the grouping as it is', async () => {
    const g = await read();
    const before = await snapshot();
    const stale = asSave(g);
    stale.groups[0]!.version -= 1;
    const first = await put(stale);
    expect(first.status).toBe(409);
    expect(first.body.current).toEqual(g);
    expect(first.body).toMatchObject({ code: 'stale_version', error: expect.stringMatching(/^楼栋党小组“.+”已被他人修改/), errorEn: expect.stringMatching(/reload/) });
    const forgotten = asSave(g);
    forgotten.groups[0]!.buildings.push(...forgotten.groups.pop()!.buildings);
    const second = await put(forgotten);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'groups_unaccounted', error: expect.stringContaining('既未保留也未删除'), errorEn: expect.stringMatching(/neither kept nor removed/) });
    expect(second.body.current).toEqual(g);
    expect(await snapshot()).toEqual(before);
  });

  it('lets exactly one of two concurrent saves from the same versions win', async () => {
    const g = await read();
    const a = asSave(g);
    a.groups[1]!.buildings.push(a.groups[0]!.buildings.pop()!);
    const b = asSave(g);
    b.groups[0]!.buildings.push(b.groups[1]!.buildings.pop()!);
    const answers = await Promise.all([put(a), put(b, own, 'admin')]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    for (const r of await recounted()) expect(r.org_members).toBe(r.members);
  });

  it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
    const g = await read();
    const before = await snapshot();
    const one = asSave(g).groups[0]!;
    for (const body of [
      {},
      { groups: [] },
      { groups: [{ ...one, version: undefined }] },
      { groups: [{ ...one, name: '   ' }] },
      { groups: [{ ...one, buildings: 'B1' }] },
      { groups: [one], extra: true },
      { groups: [one], removed: [{ id: 'x' }] },
    ]) {
      const { status, body: answer } = await put(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(answer.error).toMatch(/groups|removed|version|name|buildings|extra/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('the lead of an area', () => {
  it('changes through PATCH /api/areas/{id} with the version, and the groups page reads it back', async () => {
    const g = await read();
    const res = await send<{ version: number }>(api, 'PATCH', `/api/areas/${own}`, { version: g.area.version, changes: { leadName: '周海燕', leadPhone: '13912345678' } }, cookie.planner);
    expect(res.status).toBe(200);
    const after = await read();
    expect(after.area).toMatchObject({ leadName: '周海燕', leadPhone: '13912345678', version: g.area.version + 1 });
    const stale = await send(api, 'PATCH', `/api/areas/${own}`, { version: g.area.version, changes: { leadName: '王五' } }, cookie.planner);
    expect(stale.status).toBe(409);
    expect((await read()).area.leadName).toBe('周海燕');
  });
});
