import type { MultiPolygon, Point, Position } from 'geojson';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../server/analysis/crs';
import { MAX_VERTICES } from '../../server/analysis/geometry-check';
import type { VersionEntry } from '../../server/features/writes/history';
import type { ObjectState } from '../../server/features/writes/types';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
const cookies: Record<'admin' | 'planner' | 'leader' | 'staff', string> = { admin: '', planner: '', leader: '', staff: '' };
/** Ids in the demo planner's town ("own") and in another town ("other"). */
const ids = { ownArea: '', ownArea2: '', otherArea: '', ownCommunity: '', ownCentre: '', otherCentre: '' };

beforeAll(async () => {
  api = await startTestApi();
  for (const role of Object.keys(cookies) as Array<keyof typeof cookies>) {
    const res = await api.post('/api/auth/login', { username: `demo-${role}`, password: `gridmap-${role}` });
    expect(res.status).toBe(200);
    cookies[role] = res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const areas = (inTown: boolean) =>
    k('contracted_areas as a')
      .join('communities as c', function () {
        this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
      })
      .where('c.town_id', inTown ? '=' : '<>', town!)
      .orderBy('a.id')
      .pluck('a.id');
  const centres = (inTown: boolean) =>
    k('service_centres as s')
      .join('communities as c', function () {
        this.on('c.region', 's.region').andOn('c.id', 's.community_id');
      })
      .where('c.town_id', inTown ? '=' : '<>', town!)
      .orderBy('s.id')
      .pluck('s.id');
  [ids.ownArea, ids.ownArea2] = await areas(true);
  [ids.otherArea] = await areas(false);
  [ids.ownCentre] = await centres(true);
  [ids.otherCentre] = await centres(false);
  ids.ownCommunity = (await k('communities').where({ town_id: town }).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

const send = (method: string, path: string, body: unknown, cookie?: string) =>
  api.request(path, { method, cookie, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const patch = (path: string, body: unknown, cookie = cookies.admin) => send('PATCH', path, body, cookie);
const read = (path: string, cookie = cookies.admin) => api.request(path, { cookie });

async function current(path: string): Promise<ObjectState> {
  const res = await read(path);
  expect(res.status).toBe(200);
  return (await res.json()) as ObjectState;
}

const row = (table: string, id: string) => api.ctx.db.knex(table).where({ id }).first();
const auditRows = (objectId: string) => api.ctx.db.knex('audit_log').where({ object_id: objectId }).orderBy('id');
const historyCount = async (objectId: string) => Number((await api.ctx.db.knex('object_versions').where({ object_id: objectId }).count('* as n').first())!.n);

/** Whether `n` sessions are soon waiting for a lock (PostgreSQL; asked on a connection of its own, as a transaction sees a snapshot of pg_stat_activity). */
async function waitersOnLocks(k: Knex, n: number): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const { rows } = await k.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (Number(rows[0].n) === n) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** A square of `half` degrees around a point, as a one-polygon MultiPolygon (7 decimals, as stored back). */
function square([x, y]: Position, half = 0.001): MultiPolygon {
  const at = (dx: number, dy: number) => [Number((x! + dx).toFixed(7)), Number((y! + dy).toFixed(7))];
  const ring = [at(-half, -half), at(half, -half), at(half, half), at(-half, half), at(-half, -half)];
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}
const firstVertex = (g: ObjectState['geometry']) => (g as MultiPolygon).coordinates[0]![0]![0]!;

describe('updating with the current version', () => {
  it('succeeds, bumps the version and records who did it', async () => {
    const path = `/api/areas/${ids.ownArea}`;
    const before = await current(path);
    expect(before.attributes).toEqual({ name: expect.any(String), nameEn: expect.any(String), leadName: expect.any(String), leadPhone: expect.stringMatching(/^1\d{10}$/) });

    const res = await patch(path, { version: before.version, changes: { name: '滨江第一片区', leadPhone: '13900001111' } });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ObjectState;
    expect(after).toMatchObject({ version: before.version + 1, updatedBy: 'demo-admin', attributes: { ...before.attributes, name: '滨江第一片区', leadPhone: '13900001111' } });
    expect(after.geometry).toEqual(before.geometry);
    const stored = await row('contracted_areas', ids.ownArea);
    expect(stored).toMatchObject({ name: '滨江第一片区', lead_phone: '13900001111', version: before.version + 1, updated_by: 'demo-admin' });
  });

  it('lets two writers from the same version race: exactly one 200, one 409, and the data is the winner\'s', async () => {
    const path = `/api/areas/${ids.ownArea2}`;
    const { version } = await current(path);
    const names = ['甲的名字', '乙的名字'];
    // Hold the row while both writers start, so they really overlap instead of taking turns.
    const k = api.ctx.db.knex;
    const hold = await k.transaction();
    await hold.raw('SELECT 1 FROM contracted_areas WHERE id = ? FOR UPDATE', [ids.ownArea2]);
    const racing = Promise.all(names.map((name) => patch(path, { version, changes: { name } })));
    let overlapped: boolean;
    try {
      // PostgreSQL: wait until both are blocked on a lock. PGlite runs one transaction at a
      // time, so there they are queued behind this one already.
      overlapped = api.ctx.db.kind === 'pglite' || (await waitersOnLocks(k, 2));
    } finally {
      await hold.commit();
    }
    const answers = await racing;
    expect(overlapped).toBe(true);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.findIndex((r) => r.status === 200);
    const loser = (await answers[1 - winner]!.json()) as { code: string; error: string; errorEn: string; current: ObjectState };
    expect(loser.code).toBe('stale_version');
    expect(loser.error).toBe(`片区“${ids.ownArea2}”已被他人修改（现为第 ${version + 1} 版，您基于第 ${version} 版），请重新加载后再改`);
    expect(loser.errorEn).toMatch(new RegExp(`at version ${version + 1}, not ${version}`));
    expect(loser.current).toMatchObject({ version: version + 1, attributes: { name: names[winner] } });
    expect(await row('contracted_areas', ids.ownArea2)).toMatchObject({ name: names[winner], version: version + 1 });
    expect(await historyCount(ids.ownArea2)).toBe(1);
  });

  it('refuses a stale write with 409 and the current state, changing nothing', async () => {
    const path = `/api/areas/${ids.ownArea}`;
    const now = await current(path);
    const [storedBefore, audits, history] = [await row('contracted_areas', ids.ownArea), (await auditRows(ids.ownArea)).length, await historyCount(ids.ownArea)];
    const res = await patch(path, { version: now.version - 1, changes: { name: '过期的修改', geometry: square([120, 32]) }, crs: 'WGS84' });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.current).toEqual(now);
    expect(body).toMatchObject({
      code: 'stale_version',
      params: { what: '片区', id: ids.ownArea, version: now.version, startedFrom: now.version - 1 },
      error: expect.stringContaining('请重新加载后再改'),
      errorEn: expect.stringContaining('reload it and apply your change again'),
    });
    expect(await row('contracted_areas', ids.ownArea)).toEqual(storedBefore);
    expect((await auditRows(ids.ownArea)).length).toBe(audits);
    expect(await historyCount(ids.ownArea)).toBe(history);
  });
});

describe('history, as-of and restore', () => {
  const path = () => `/api/areas/${ids.ownArea}`;

  it('keeps every version: the list, and each one as it was with its geometry', async () => {
    const start = await current(path());
    const moved = square(firstVertex(start.geometry));
    const res = await patch(path(), { version: start.version, changes: { geometry: moved }, crs: 'WGS84' });
    expect(res.status).toBe(200);
    const now = (await res.json()) as ObjectState;
    expect(now.geometry).toEqual(moved);

    const list = await read(`/api/history/area/${ids.ownArea}`);
    expect(list.status).toBe(200);
    const { versions } = (await list.json()) as { versions: VersionEntry[] };
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: now.version }, (_, i) => now.version - i));
    expect(versions[0]).toMatchObject({ version: now.version, current: true, change: 'update', changedBy: 'demo-admin' });
    expect(versions.at(-1)).toMatchObject({ version: 1, current: false, change: null });

    const asOf = await read(`/api/history/area/${ids.ownArea}/${start.version}`);
    expect(asOf.status).toBe(200);
    expect(await asOf.json()).toEqual(start);
    expect((await read(`/api/history/area/${ids.ownArea}/1`)).status).toBe(200);
    expect((await read(`/api/history/area/${ids.ownArea}/${now.version}`)).status).toBe(200);
    expect((await read(`/api/history/area/${ids.ownArea}/${now.version + 1}`)).status).toBe(404);
  });

  it('restores an old version as a new version equal to it', async () => {
    const now = await current(path());
    const first = (await (await read(`/api/history/area/${ids.ownArea}/1`)).json()) as ObjectState;
    expect(first.geometry).not.toEqual(now.geometry);

    const res = await send('POST', `/api/history/area/${ids.ownArea}/1/restore`, { version: now.version }, cookies.admin);
    expect(res.status).toBe(200);
    const restored = (await res.json()) as ObjectState;
    expect(restored.version).toBe(now.version + 1);
    expect(restored.attributes).toEqual(first.attributes);
    expect(restored.geometry).toEqual(first.geometry);
    const { versions } = await (await read(`/api/history/area/${ids.ownArea}`)).json();
    expect(versions[0]).toMatchObject({ version: restored.version, change: 'restore', restoredFrom: 1, current: true });
    // The version that was replaced is still there to go back to.
    expect(await (await read(`/api/history/area/${ids.ownArea}/${now.version}`)).json()).toEqual(now);

    // Restoring from a stale current version is a 409 like any other write; the current one is a 400.
    expect((await send('POST', `/api/history/area/${ids.ownArea}/2/restore`, { version: now.version }, cookies.admin)).status).toBe(409);
    expect((await send('POST', `/api/history/area/${ids.ownArea}/${restored.version}/restore`, { version: restored.version }, cookies.admin)).status).toBe(400);
    expect((await send('POST', `/api/history/area/${ids.ownArea}/999/restore`, { version: restored.version }, cookies.admin)).status).toBe(404);
    expect((await read(`/api/history/building/${ids.ownArea}`)).status).toBe(404);
  });
});

describe('communities and service centres', () => {
  it('edits a community\'s name and boundary', async () => {
    const path = `/api/communities/${ids.ownCommunity}`;
    const before = await current(path);
    const boundary = square(firstVertex(before.geometry), 0.002);
    const res = await patch(path, { version: before.version, changes: { name: '新社区', geometry: boundary }, crs: 'CGCS2000' }, cookies.planner);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: before.version + 1, updatedBy: 'demo-planner', attributes: { name: '新社区' }, geometry: boundary });
  });

  it('moves a centre given in GCJ-02 to where it is in WGS84, and changes its hours and radius', async () => {
    const path = `/api/centres/${ids.ownCentre}`;
    const before = await current(path);
    expect(before.attributes).toEqual({
      name: expect.any(String), kind: expect.any(String), hours: expect.any(String), radiusM: expect.any(Number), floorArea: expect.any(Number), serviceItems: expect.any(Number),
    });
    // A centre moves within its community (elsewhere is refused: tests/api/registers.test.ts).
    const { rows } = await api.ctx.db.knex.raw(
      `SELECT round(ST_X(p)::numeric, 6)::float8 AS x, round(ST_Y(p)::numeric, 6)::float8 AS y
       FROM (SELECT ST_PointOnSurface(c.geom) AS p FROM service_centres s JOIN communities c ON c.id = s.community_id WHERE s.id = ?) q`,
      [ids.ownCentre],
    );
    const wgs84: [number, number] = [rows[0].x, rows[0].y];
    const res = await patch(path, {
      version: before.version,
      changes: { hours: '8:30-17:30', radiusM: 1500, geometry: { type: 'Point', coordinates: wgs84ToGcj02(wgs84) } },
      crs: 'GCJ02',
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ObjectState;
    expect(after.attributes).toMatchObject({ hours: '8:30-17:30', radiusM: 1500 });
    const [lon, lat] = (after.geometry as Point).coordinates;
    expect(Math.abs(lon! - wgs84[0])).toBeLessThan(1e-7);
    expect(Math.abs(lat! - wgs84[1])).toBeLessThan(1e-7);
    const audit = (await auditRows(ids.ownCentre)).at(-1);
    expect(audit.detail).toMatchObject({ changed: ['hours', 'radiusM', 'geometry'], values: { hours: '8:30-17:30', radiusM: 1500 }, crs: 'GCJ02' });
  });
});

describe('who may', () => {
  const routes = (area: string, centre: string) => [
    ['GET', `/api/areas/${area}`],
    ['PATCH', `/api/areas/${area}`],
    ['GET', `/api/centres/${centre}`],
    ['PATCH', `/api/centres/${centre}`],
    ['GET', `/api/history/area/${area}`],
    ['GET', `/api/history/area/${area}/1`],
    ['POST', `/api/history/area/${area}/1/restore`],
  ];

  it('a planner gets 404 for another town\'s objects, the same as for ids that do not exist, and nothing changes', async () => {
    const stored = await row('contracted_areas', ids.otherArea);
    for (const [method, path] of routes(ids.otherArea, ids.otherCentre)) {
      const body = path.includes('restore') ? { version: 1 } : { version: 1, changes: { name: '越权' } };
      const res = await send(method!, path!, method === 'GET' ? undefined : body, cookies.planner);
      expect(res.status, `${method} ${path}`).toBe(404);
      const missing = await send(method!, path!.replace(/(areas|centres|area)\/[^/]+/, '$1/no-such-id'), method === 'GET' ? undefined : body, cookies.planner);
      expect(missing.status, `${method} ${path} (made-up id)`).toBe(404);
      expect(Object.keys(await res.json())).toEqual(Object.keys(await missing.json()));
    }
    expect(await row('contracted_areas', ids.otherArea)).toEqual(stored);
    // Each probe is on the audit log for the admins; the made-up ids are not objects at all.
    const denied = await api.ctx.db.knex('audit_log').where({ action: 'authz_denied', actor: 'demo-planner' }).pluck('object_id');
    expect(denied).toHaveLength(routes(ids.otherArea, ids.otherCentre).length);
    expect(new Set(denied)).toEqual(new Set([ids.otherArea, ids.otherCentre]));
    // The admin reaches the same object.
    expect((await read(`/api/areas/${ids.otherArea}`)).status).toBe(200);
  });

  it('a planner edits, reads the history of and restores objects in their own town', async () => {
    const path = `/api/areas/${ids.ownArea2}`;
    const { version } = await current(path);
    const res = await patch(path, { version, changes: { leadName: '王建国' } }, cookies.planner);
    expect(res.status).toBe(200);
    expect((await read(`/api/history/area/${ids.ownArea2}`, cookies.planner)).status).toBe(200);
    expect((await read(`/api/history/area/${ids.ownArea2}/1`, cookies.planner)).status).toBe(200);
    // An area comes back only with its community's whole plan of that moment, which this file's
    // earlier edit of the community's outline no longer fits (history.test.ts has the restores);
    // a centre comes back alone.
    const centre = `/api/centres/${ids.ownCentre}`;
    const before = (await current(centre)).version;
    expect((await patch(centre, { version: before, changes: { hours: '9:00-17:00' } }, cookies.planner)).status).toBe(200);
    const restored = await send('POST', `/api/history/centre/${ids.ownCentre}/${before}/restore`, { version: before + 1 }, cookies.planner);
    expect(restored.status, await restored.clone().text()).toBe(200);
  });

  it('leaders and staff get 403, the public 401, on every route', async () => {
    const stored = await row('contracted_areas', ids.ownArea);
    for (const [method, path] of routes(ids.ownArea, ids.ownCentre)) {
      const body = method === 'GET' ? undefined : { version: stored.version, changes: { name: 'x' } };
      for (const role of ['leader', 'staff'] as const) expect((await send(method!, path!, body, cookies[role])).status, `${role} ${method} ${path}`).toBe(403);
      expect((await send(method!, path!, body)).status, `public ${method} ${path}`).toBe(401);
    }
    expect(await row('contracted_areas', ids.ownArea)).toEqual(stored);
  });
});

describe('bad input', () => {
  const path = () => `/api/areas/${ids.ownArea}`;
  const ring = (cs: unknown[][]) => ({ type: 'Polygon', coordinates: [cs] });
  const base = [120.3, 31.95];
  const [x, y] = base as [number, number];
  const d = 0.001;

  it.each([
    ['a LineString for an area', 400, { type: 'LineString', coordinates: [[x, y], [x + d, y]] }, /geometry must be Polygon or MultiPolygon, not LineString/],
    ['a position of strings', 400, ring([[x, y], [x + d, y], ['1', '2'], [x, y]]), /ring 0, position 2: a position must be/],
    ['an unclosed ring', 422, ring([[x, y], [x + d, y], [x + d, y + d], [x, y + d]]), /ring 0: the ring is not closed/],
    ['a ring of 3 positions', 422, ring([[x, y], [x + d, y], [x, y]]), /at least 4 positions/],
    ['a latitude out of range', 422, ring([[x, y], [x + d, y], [x, 91], [x, y]]), /position 2: latitude 91 is outside/],
    ['too many vertices', 422, ring([...Array.from({ length: MAX_VERTICES }, (_, i) => [x + i * 1e-7, y + (i % 2) * 1e-7]), [x, y]]), /too many vertices/],
    ['a self-intersecting bow tie', 422, ring([[x, y], [x + d, y + d], [x + d, y], [x, y + d], [x, y]]), /geometry is not valid: Self-intersection at \[/],
  ])('refuses %s with %i and says why, changing nothing', async (_name, status, geometry, message) => {
    const stored = await row('contracted_areas', ids.ownArea);
    const res = await patch(path(), { version: stored.version, changes: { geometry }, crs: 'WGS84' });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.errorEn).toMatch(message);
    expect([body.code, body.error]).toEqual([expect.stringMatching(/^geometry_/), expect.stringMatching(/\p{Script=Han}/u)]);
    expect(await row('contracted_areas', ids.ownArea)).toEqual(stored);
  });

  it('names the place of the problem in details', async () => {
    const { version } = await row('contracted_areas', ids.ownArea);
    const unclosed = { type: 'MultiPolygon', coordinates: [[[[x, y], [x + d, y], [x + d, y + d], [x, y]]], [[[x, y], [x + d, y], [x + d, y + d], [x, y + d]]]] };
    const res = await patch(path(), { version, changes: { geometry: unclosed }, crs: 'WGS84' });
    expect(await res.json()).toMatchObject({ details: { polygon: 1, ring: 0, position: 3 } });
    const bowTie = ring([[x, y], [x + d, y + d], [x + d, y], [x, y + d], [x, y]]);
    const invalid = await (await patch(path(), { version, changes: { geometry: bowTie }, crs: 'WGS84' })).json();
    expect(invalid.details.reason).toBe('Self-intersection');
    expect(invalid).toMatchObject({ code: 'geometry_invalid', error: expect.stringMatching(/^图形无效：Self-intersection，位置 \[/) });
    expect(invalid.details.location[0]).toBeCloseTo(x + d / 2, 9);
    expect(invalid.details.location[1]).toBeCloseTo(y + d / 2, 9);
  });

  it('requires the coordinate system with a geometry, and refuses unknown fields and empty changes', async () => {
    const stored = await row('contracted_areas', ids.ownArea);
    const cases: Array<[unknown, RegExp]> = [
      [{ version: stored.version, changes: { geometry: square(base) } }, /crs is required/],
      [{ version: stored.version, changes: { geometry: square(base) }, crs: 'EPSG:3857' }, /crs/],
      [{ version: stored.version, changes: { population: 5 } }, /population/],
      [{ version: stored.version, changes: {} }, /at least one field/],
      [{ changes: { name: 'x' } }, /version/],
      [{ version: stored.version, changes: { leadPhone: 'call me' } }, /leadPhone/],
    ];
    for (const [body, message] of cases) {
      const res = await patch(path(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).errorEn).toMatch(message);
    }
    expect((await patch(`/api/centres/${ids.ownCentre}`, { version: 1, changes: { geometry: square(base) }, crs: 'WGS84' })).status).toBe(400);
    expect(await row('contracted_areas', ids.ownArea)).toEqual(stored);
  });
});

describe('party organisations follow a rename', () => {
  /** A community of the planner's town with its own organisation and two areas or more, which no other test here renames. */
  let community = '';
  let area = '';
  let handNamed = '';
  const org = (id: string) => api.ctx.db.knex('party_orgs').where({ id }).first('name', 'form', 'version', 'updated_by');

  beforeAll(async () => {
    const k = api.ctx.db.knex;
    const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
    const { rows } = await k.raw(
      `SELECT c.id FROM communities c JOIN party_orgs o ON o.region = c.region AND o.level = 2 AND o.unit_id = c.id
        WHERE c.town_id = ? AND (SELECT count(*) FROM contracted_areas a WHERE a.region = c.region AND a.community_id = c.id) >= 2
        ORDER BY c.id DESC LIMIT 1`,
      [town],
    );
    community = rows[0].id;
    [area, handNamed] = await k('contracted_areas').where({ community_id: community }).orderBy('id').pluck('id');
  });

  it('an area\'s organisation takes its new name and keeps its form word, as the unit page shows', async () => {
    const path = `/api/areas/${area}`;
    const before = await current(path);
    const was = await org(`P3-${area}`);
    const { name: communityName } = await row('communities', community);
    expect(was.name).toBe(`${communityName}${before.attributes.name}${was.form}`);

    expect((await patch(path, { version: before.version, changes: { name: '江心片区' } })).status).toBe(200);
    const now = await org(`P3-${area}`);
    expect(now).toEqual({ name: `${communityName}江心片区${was.form}`, form: was.form, version: was.version + 1, updated_by: 'demo-admin' });
    expect((await (await read(`/api/units/area/${area}`)).json()).org.name).toBe(now.name);
    expect((await auditRows(area)).at(-1).detail).toMatchObject({ changed: ['name'], orgsRenamed: [`P3-${area}`] });
  });

  it('a stale rename is a 409 and renames nothing', async () => {
    const path = `/api/areas/${area}`;
    const { version } = await current(path);
    const [areaBefore, orgBefore] = [await row('contracted_areas', area), await org(`P3-${area}`)];
    expect((await patch(path, { version: version - 1, changes: { name: '过期片区' } })).status).toBe(409);
    expect(await row('contracted_areas', area)).toEqual(areaBefore);
    expect(await org(`P3-${area}`)).toEqual(orgBefore);
  });

  it('a community\'s rename reaches its own, its areas\' and its groups\' organisations, but not a name given by hand', async () => {
    const k = api.ctx.db.knex;
    const orgs = async () =>
      (
        await k.raw(
          `SELECT id, name FROM party_orgs WHERE (level = 2 AND unit_id = :community)
              OR id IN (SELECT 'P3-' || id FROM contracted_areas WHERE community_id = :community)
              OR id IN (SELECT 'P4-' || g.id FROM party_groups g JOIN contracted_areas a ON a.id = g.area_id WHERE a.community_id = :community)
            ORDER BY id`,
          { community },
        )
      ).rows as { id: string; name: string }[];
    await k('party_orgs').where({ id: `P3-${handNamed}` }).update({ name: '红旗党支部' });
    const path = `/api/communities/${community}`;
    const before = await current(path);
    const old = String(before.attributes.name);
    const was = await orgs();
    expect(was.map((o) => o.id)).toEqual(expect.arrayContaining([`P2-${community}`, `P3-${area}`, `P3-${handNamed}`, expect.stringMatching(/^P4-/)]));

    expect((await patch(path, { version: before.version, changes: { name: '江心社区' } }, cookies.planner)).status).toBe(200);
    const expected = was.map((o) => ({ id: o.id, name: o.name.startsWith(old) ? `江心社区${o.name.slice(old.length)}` : o.name }));
    expect(await orgs()).toEqual(expected);
    expect(expected.find((o) => o.id === `P3-${area}`)!.name).toBe(`江心社区江心片区${(await org(`P3-${area}`)).form}`);
    expect(expected.find((o) => o.id === `P3-${handNamed}`)!.name).toBe('红旗党支部');
  });
});

describe('the audit log', () => {
  it('has a row for every write, with versions before and after and never a phone number', async () => {
    const path = `/api/areas/${ids.ownArea}`;
    const { version } = await current(path);
    const phone = '13712345678';
    expect((await patch(path, { version, changes: { leadPhone: phone, leadName: '李四' } })).status).toBe(200);

    const rows = await auditRows(ids.ownArea);
    const writes = await api.ctx.db.knex('object_versions').where({ object_id: ids.ownArea }).orderBy('version');
    // One audit row per write (update or restore), each naming the versions it went between.
    expect(rows.map((r) => [r.action, r.version_before, r.version_after])).toEqual(
      writes.map((w) => [w.replaced_by, w.version, w.version + 1]),
    );
    expect(rows.every((r) => r.actor === 'demo-admin' && r.object_type === 'area')).toBe(true);
    expect(rows.at(-1).detail).toEqual({ changed: ['leadName', 'leadPhone'], values: {} });
    const everything = JSON.stringify(await api.ctx.db.knex('audit_log').select());
    expect(everything).not.toContain(phone);
    expect(everything).not.toContain('13900001111');
    expect(everything).not.toContain('李四');
  });
});
