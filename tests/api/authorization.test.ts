// Every route × every role, including a planner probing another town. The table below must
// name every route the app registers, so a new route cannot ship without saying who may use it.
// "allowed" means the request got past authorisation: any answer but 401, 403 or 404 (the
// requests are built so an allowed one changes nothing: stale versions, empty bodies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-client';
import { registeredRoutes } from '../support/routes';

type Caller = 'public' | 'leader' | 'staff' | 'admin' | 'plannerOwn' | 'plannerOther' | 'lead';
type Outcome = 'allowed' | 401 | 403 | 404;
type Ids = {
  area: string; community: string; centre: string; user: string; scenario: string;
  building: string; organisation: string; pairing: string; alias: string;
  /** A community with an old village name (`aliasName`), which a new one may not repeat. */
  aliasCommunity: string; aliasName: string;
  /** A draft import, for the admins' import steps. */
  import: string;
  request: string;
};

interface Case {
  route: string;
  request(ids: Ids): { method: string; path: string; body?: unknown };
  expect: Record<Caller, Outcome>;
}

const CALLERS: Caller[] = ['public', 'leader', 'staff', 'admin', 'plannerOwn', 'plannerOther', 'lead'];
const everyone: Record<Caller, Outcome> = { public: 'allowed', leader: 'allowed', staff: 'allowed', admin: 'allowed', plannerOwn: 'allowed', plannerOther: 'allowed', lead: 'allowed' };
const signedIn: Record<Caller, Outcome> = { ...everyone, public: 401 };
const batchUsers: Record<Caller, Outcome> = { ...signedIn, lead: 403 };
const editors: Record<Caller, Outcome> = { public: 401, leader: 403, staff: 403, admin: 'allowed', plannerOwn: 'allowed', plannerOther: 404, lead: 403 };
const adminOnly: Record<Caller, Outcome> = { public: 401, leader: 403, staff: 403, admin: 'allowed', plannerOwn: 403, plannerOther: 403, lead: 403 };
const callers: Record<Caller, Outcome> = { public: 401, leader: 403, staff: 'allowed', admin: 'allowed', plannerOwn: 'allowed', plannerOther: 404, lead: 403 };
// Scenarios: leaders read them (they decide on mergers), editors change them.
const scenarioReaders: Record<Caller, Outcome> = { public: 401, leader: 'allowed', staff: 403, admin: 'allowed', plannerOwn: 'allowed', plannerOther: 404, lead: 403 };
// Residents' requests: read by its area's lead, its town's planners and the city's readers; handled by the lead and the planners.
const requestReaders: Record<Caller, Outcome> = { public: 401, leader: 'allowed', staff: 'allowed', admin: 'allowed', plannerOwn: 'allowed', plannerOther: 404, lead: 'allowed' };
const requestHandlers: Record<Caller, Outcome> = { ...requestReaders, leader: 403, staff: 403 };
const residentFilers: Record<Caller, Outcome> = { public: 401, leader: 403, staff: 'allowed', admin: 'allowed', plannerOwn: 403, plannerOther: 403, lead: 403 };
// The visit diary: area leads only.
const leads: Record<Caller, Outcome> = { public: 401, leader: 403, staff: 403, admin: 403, plannerOwn: 403, plannerOther: 403, lead: 'allowed' };
const requestId = (ids: Ids) => `/api/requests/${ids.request}`;
const scenarioId = (ids: Ids) => `/api/scenarios/${ids.scenario}`;

/** Each editable object with a change it takes: a stale version then answers 409, nothing written. */
const TYPES = [
  ['areas', 'area', { name: 'x' }],
  ['communities', 'community', { name: 'x' }],
  ['centres', 'centre', { name: 'x' }],
  ['buildings', 'building', { address: 'x' }],
  ['organisations', 'organisation', { name: 'x' }],
  ['pairings', 'pairing', { orgName: 'x' }],
  ['aliases', 'alias', { alias: 'x' }],
] as const;

// New registers' objects placed where none may stand (422) or named twice (422): nothing is made.
const nowhere = { geometry: { type: 'Point', coordinates: [100, 20] }, crs: 'WGS84' };
const CREATES: Array<[string, (ids: Ids) => Record<string, unknown>]> = [
  ['buildings', () => ({ attributes: { address: 'x', households: 0, population: 0, partyMembers: 0, estateId: 'x' }, ...nowhere })],
  ['centres', () => ({ attributes: { name: 'x', kind: 'labour', hours: 'x', radiusM: 1, floorArea: 1, serviceItems: 0 }, ...nowhere })],
  ['pairings', () => ({ attributes: { orgName: 'x', orgKind: 'unit' }, ...nowhere })],
  ['aliases', (ids) => ({ attributes: { alias: ids.aliasName } })],
];

const CASES: Case[] = [
  { route: 'POST /api/auth/login', request: () => ({ method: 'POST', path: '/api/auth/login', body: {} }), expect: everyone },
  { route: 'GET /api/auth/me', request: () => ({ method: 'GET', path: '/api/auth/me' }), expect: signedIn },
  { route: 'GET /api/health', request: () => ({ method: 'GET', path: '/api/health' }), expect: everyone },
  // The page's city switch: which cities this server serves, shown before anyone signs in.
  { route: 'GET /api/cities', request: () => ({ method: 'GET', path: '/api/cities' }), expect: everyone },
  { route: 'GET /api/stats', request: () => ({ method: 'GET', path: '/api/stats' }), expect: everyone },
  { route: 'GET /api/layers/:layer', request: () => ({ method: 'GET', path: '/api/layers/towns' }), expect: everyone },
  { route: 'GET /api/units/city', request: () => ({ method: 'GET', path: '/api/units/city' }), expect: everyone },
  { route: 'GET /api/units/:level/:id', request: (ids) => ({ method: 'GET', path: `/api/units/area/${ids.area}` }), expect: everyone },
  { route: 'GET /tiles/:layer/:z/:x/:file', request: () => ({ method: 'GET', path: '/tiles/towns/8/214/104.pbf' }), expect: everyone },
  { route: 'POST /api/units/area/:id/reveal', request: (ids) => ({ method: 'POST', path: `/api/units/area/${ids.area}/reveal`, body: {} }), expect: callers },
  ...TYPES.flatMap(([plural, type, changes]): Case[] => [
    { route: `GET /api/${plural}/:id`, request: (ids) => ({ method: 'GET', path: `/api/${plural}/${ids[type]}` }), expect: editors },
    {
      route: `PATCH /api/${plural}/:id`,
      request: (ids) => ({ method: 'PATCH', path: `/api/${plural}/${ids[type]}`, body: { version: 1_000_000, changes } }),
      expect: editors,
    },
  ]),
  // The registers: a community's whole, new objects under it, removals at a stale version (409), a split (409).
  { route: 'GET /api/communities/:id/registers', request: (ids) => ({ method: 'GET', path: `/api/communities/${ids.aliasCommunity}/registers` }), expect: editors },
  ...CREATES.map(([plural, body]): Case => ({
    route: `POST /api/${plural}`,
    request: (ids) => ({ method: 'POST', path: `/api/${plural}`, body: { community: ids.aliasCommunity, ...body(ids) } }),
    expect: editors,
  })),
  ...TYPES.filter(([plural]) => CREATES.some(([p]) => p === plural)).map(([plural, type]): Case => ({
    route: `DELETE /api/${plural}/:id`,
    request: (ids) => ({ method: 'DELETE', path: `/api/${plural}/${ids[type]}`, body: { version: 1_000_000 } }),
    expect: editors,
  })),
  {
    route: 'POST /api/buildings/:id/split',
    request: (ids) => ({
      method: 'POST',
      path: `/api/buildings/${ids.building}/split`,
      body: { version: 1_000_000, keep: { address: 'x', households: 0, population: 0, partyMembers: 0 }, parts: [{ address: 'y', households: 0, population: 0, partyMembers: 0, geometry: nowhere.geometry }], crs: 'WGS84' },
    }),
    expect: editors,
  },
  { route: 'GET /api/history/:type/:id', request: (ids) => ({ method: 'GET', path: `/api/history/area/${ids.area}` }), expect: editors },
  { route: 'GET /api/history/:type/:id/:version', request: (ids) => ({ method: 'GET', path: `/api/history/area/${ids.area}/1` }), expect: editors },
  {
    route: 'POST /api/history/:type/:id/:version/restore',
    request: (ids) => ({ method: 'POST', path: `/api/history/area/${ids.area}/1/restore`, body: { version: 1_000_000 } }),
    expect: editors,
  },
  { route: 'GET /api/lookup', request: () => ({ method: 'GET', path: '/api/lookup?q=%E6%96%B0%E6%9D%911%E5%B9%A2' }), expect: signedIn },
  // Out of range (400) rather than a point that may lie outside every area (404 would read as refused).
  { route: 'GET /api/lookup/point', request: () => ({ method: 'GET', path: '/api/lookup/point?lng=181&lat=0' }), expect: signedIn },
  { route: 'GET /api/users', request: () => ({ method: 'GET', path: '/api/users' }), expect: adminOnly },
  { route: 'POST /api/users', request: () => ({ method: 'POST', path: '/api/users', body: {} }), expect: adminOnly },
  { route: 'PATCH /api/users/:id', request: (ids) => ({ method: 'PATCH', path: `/api/users/${ids.user}`, body: { version: 1_000_000 } }), expect: adminOnly },
  {
    route: 'POST /api/users/:id/password',
    request: (ids) => ({ method: 'POST', path: `/api/users/${ids.user}/password`, body: { version: 1_000_000, password: 'a-long-enough-password' } }),
    expect: adminOnly,
  },
  // A JSON body is refused with 415 and a non-UUID id with 400, after the role check: nothing is started.
  // Area leads have no lists of addresses to look up.
  { route: 'POST /api/lookup/batch', request: () => ({ method: 'POST', path: '/api/lookup/batch', body: {} }), expect: batchUsers },
  { route: 'GET /api/lookup/batch/:id', request: () => ({ method: 'GET', path: '/api/lookup/batch/not-a-job' }), expect: batchUsers },
  { route: 'GET /api/lookup/batch/:id/result', request: () => ({ method: 'GET', path: '/api/lookup/batch/not-a-job/result' }), expect: batchUsers },
  { route: 'GET /api/lookup/batch/:id/unmatched', request: () => ({ method: 'GET', path: '/api/lookup/batch/not-a-job/unmatched' }), expect: batchUsers },
  { route: 'GET /api/lookup/batch/:id/download/:class', request: () => ({ method: 'GET', path: '/api/lookup/batch/not-a-job/download/matched' }), expect: batchUsers },
  // An empty body is a 400: nothing is matched again.
  { route: 'POST /api/lookup/batch/:id/rows', request: () => ({ method: 'POST', path: '/api/lookup/batch/not-a-job/rows', body: {} }), expect: batchUsers },
  { route: 'GET /api/audit', request: () => ({ method: 'GET', path: '/api/audit' }), expect: adminOnly },
  { route: 'GET /api/cards/community/:id', request: (ids) => ({ method: 'GET', path: `/api/cards/community/${ids.community}` }), expect: callers },
  { route: 'GET /api/public/lookup', request: () => ({ method: 'GET', path: '/api/public/lookup?q=1' }), expect: everyone },
  // k = 1 is the cheapest proposal; it saves nothing.
  { route: 'POST /api/communities/:id/proposal', request: (ids) => ({ method: 'POST', path: `/api/communities/${ids.community}/proposal`, body: { k: 1, by: 'population' } }), expect: editors },
  // `{}` is not GeoJSON (400) once past the role check: the import previews only, nothing is saved.
  {
    route: 'POST /api/communities/:id/areas/import',
    request: (ids) => ({ method: 'POST', path: `/api/communities/${ids.community}/areas/import?format=geojson`, body: {} }),
    expect: editors,
  },
  { route: 'GET /api/communities/:id/areas/export', request: (ids) => ({ method: 'GET', path: `/api/communities/${ids.community}/areas/export?format=geojson` }), expect: editors },
  { route: 'GET /api/communities/:id/plan', request: (ids) => ({ method: 'GET', path: `/api/communities/${ids.community}/plan` }), expect: editors },
  // A dry run that keeps none of the community's areas: 409, nothing checked further, nothing saved.
  { route: 'PUT /api/communities/:id/plan', request: (ids) => ({ method: 'PUT', path: `/api/communities/${ids.community}/plan`, body: { areas: [], dryRun: true } }), expect: editors },
  { route: 'GET /api/areas/:id/groups', request: (ids) => ({ method: 'GET', path: `/api/areas/${ids.area}/groups` }), expect: editors },
  // One group for the whole area is the cheapest proposal; it saves nothing.
  { route: 'POST /api/areas/:id/groups/proposal', request: (ids) => ({ method: 'POST', path: `/api/areas/${ids.area}/groups/proposal`, body: { targetSize: 100_000, by: 'buildings' } }), expect: editors },
  // A group that is not the area's: 409, nothing saved.
  {
    route: 'PUT /api/areas/:id/groups',
    request: (ids) => ({ method: 'PUT', path: `/api/areas/${ids.area}/groups`, body: { groups: [{ id: 'not-a-group', version: 1_000_000, name: 'x', buildings: [] }] } }),
    expect: editors,
  },
  { route: 'GET /api/coverage', request: () => ({ method: 'GET', path: '/api/coverage?kinds=labour' }), expect: signedIn },
  { route: 'POST /api/coverage/what-if', request: () => ({ method: 'POST', path: '/api/coverage/what-if', body: { kinds: ['labour'] } }), expect: signedIn },
  // p = 0 is refused after the role check: nothing is computed.
  { route: 'POST /api/coverage/sites', request: () => ({ method: 'POST', path: '/api/coverage/sites', body: { p: 0, radiusM: 500 } }), expect: signedIn },
  // An empty town is a 400 after the role check: nothing is read.
  { route: 'GET /api/coverage/population', request: () => ({ method: 'GET', path: '/api/coverage/population?town=' }), expect: signedIn },
  { route: 'GET /api/pairings', request: () => ({ method: 'GET', path: '/api/pairings?kinds=agency' }), expect: signedIn },
  { route: 'GET /api/scenarios', request: () => ({ method: 'GET', path: '/api/scenarios' }), expect: { ...scenarioReaders, plannerOther: 'allowed' } },
  // An empty body is a 400: nothing is made.
  { route: 'POST /api/scenarios', request: () => ({ method: 'POST', path: '/api/scenarios', body: {} }), expect: { ...editors, plannerOther: 'allowed' } },
  { route: 'GET /api/scenarios/:id', request: (ids) => ({ method: 'GET', path: scenarioId(ids) }), expect: scenarioReaders },
  { route: 'PUT /api/scenarios/:id', request: (ids) => ({ method: 'PUT', path: scenarioId(ids), body: { version: 1_000_000, groups: [] } }), expect: editors },
  { route: 'DELETE /api/scenarios/:id', request: (ids) => ({ method: 'DELETE', path: scenarioId(ids), body: { version: 1_000_000 } }), expect: editors },
  { route: 'GET /api/scenarios/:id/compare', request: (ids) => ({ method: 'GET', path: `${scenarioId(ids)}/compare` }), expect: scenarioReaders },
  { route: 'GET /api/scenarios/:id/export.geojson', request: (ids) => ({ method: 'GET', path: `${scenarioId(ids)}/export.geojson` }), expect: scenarioReaders },
  { route: 'GET /api/scenarios/:id/changes.xlsx', request: (ids) => ({ method: 'GET', path: `${scenarioId(ids)}/changes.xlsx` }), expect: scenarioReaders },
  { route: 'POST /api/scenarios/:id/adopt', request: (ids) => ({ method: 'POST', path: `${scenarioId(ids)}/adopt`, body: { version: 1_000_000 } }), expect: editors },
  { route: 'POST /api/scenarios/:id/undo-adopt', request: (ids) => ({ method: 'POST', path: `${scenarioId(ids)}/undo-adopt`, body: { version: 1_000_000 } }), expect: editors },
  // The leaders' dashboard: counts only, for every signed-in role.
  { route: 'GET /api/dashboard', request: () => ({ method: 'GET', path: '/api/dashboard' }), expect: signedIn },
  { route: 'GET /api/dashboard/export.xlsx', request: () => ({ method: 'GET', path: '/api/dashboard/export.xlsx' }), expect: signedIn },
  { route: 'GET /api/public/areas/:id', request: (ids) => ({ method: 'GET', path: `/api/public/areas/${ids.area}` }), expect: everyone },
  // A city's import, admins only: steps at a stale version (409) and a body with an unknown field (400) change nothing.
  { route: 'GET /api/imports', request: () => ({ method: 'GET', path: '/api/imports' }), expect: adminOnly },
  { route: 'POST /api/imports', request: () => ({ method: 'POST', path: '/api/imports', body: { matrix: true } }), expect: adminOnly },
  { route: 'GET /api/imports/:id', request: (ids) => ({ method: 'GET', path: `/api/imports/${ids.import}` }), expect: adminOnly },
  { route: 'GET /api/imports/:id/preview/:layer', request: (ids) => ({ method: 'GET', path: `/api/imports/${ids.import}/preview/towns` }), expect: adminOnly },
  {
    route: 'PUT /api/imports/:id/layers/:layer',
    request: (ids) => ({ method: 'PUT', path: `/api/imports/${ids.import}/layers/towns?version=1000000&name=towns.geojson`, body: {} }),
    expect: adminOnly,
  },
  { route: 'DELETE /api/imports/:id/layers/:layer', request: (ids) => ({ method: 'DELETE', path: `/api/imports/${ids.import}/layers/towns?version=1000000` }), expect: adminOnly },
  ...['layers/towns/mapping', 'check', 'commit', 'undo', 'discard'].map((step): Case => ({
    route: `POST /api/imports/:id/${step.replace('towns', ':layer')}`,
    request: (ids) => ({ method: 'POST', path: `/api/imports/${ids.import}/${step}`, body: { version: 1_000_000 } }),
    expect: adminOnly,
  })),
  { route: 'GET /api/export/:layer', request: () => ({ method: 'GET', path: '/api/export/towns?format=geojson' }), expect: adminOnly },
  // An empty filing and an empty rating are 400s: nothing is stored.
  { route: 'POST /api/public/requests', request: () => ({ method: 'POST', path: '/api/public/requests', body: {} }), expect: everyone },
  { route: 'GET /api/public/requests/:ticket', request: (ids) => ({ method: 'GET', path: `/api/public/requests/${ids.request}` }), expect: everyone },
  { route: 'POST /api/public/requests/:ticket/rating', request: (ids) => ({ method: 'POST', path: `/api/public/requests/${ids.request}/rating`, body: {} }), expect: everyone },
  { route: 'GET /api/requests', request: () => ({ method: 'GET', path: '/api/requests' }), expect: signedIn },
  { route: 'POST /api/requests', request: () => ({ method: 'POST', path: '/api/requests', body: {} }), expect: residentFilers },
  { route: 'GET /api/requests/figures', request: () => ({ method: 'GET', path: '/api/requests/figures' }), expect: signedIn },
  { route: 'GET /api/requests/figures.xlsx', request: () => ({ method: 'GET', path: '/api/requests/figures.xlsx' }), expect: signedIn },
  { route: 'GET /api/requests/points', request: () => ({ method: 'GET', path: '/api/requests/points' }), expect: signedIn },
  { route: 'GET /api/requests/:id', request: (ids) => ({ method: 'GET', path: requestId(ids) }), expect: requestReaders },
  // A stale version: 409, nothing changed.
  { route: 'POST /api/requests/:id/steps', request: (ids) => ({ method: 'POST', path: `${requestId(ids)}/steps`, body: { step: 'accept', version: 1_000_000 } }), expect: requestHandlers },
  // A reveal changes nothing but the audit log, which keeps it.
  { route: 'POST /api/requests/:id/reveal', request: (ids) => ({ method: 'POST', path: `${requestId(ids)}/reveal`, body: {} }), expect: requestHandlers },
  { route: 'GET /api/visits', request: () => ({ method: 'GET', path: '/api/visits' }), expect: leads },
  { route: 'GET /api/visits/buildings', request: () => ({ method: 'GET', path: '/api/visits/buildings' }), expect: leads },
  // Empty bodies are 400s: nothing is recorded or filed.
  { route: 'POST /api/visits', request: () => ({ method: 'POST', path: '/api/visits', body: {} }), expect: leads },
  { route: 'POST /api/visits/:id/request', request: () => ({ method: 'POST', path: '/api/visits/VS-none/request', body: {} }), expect: leads },
  // Last: it ends the session it is sent with.
  { route: 'POST /api/auth/logout', request: () => ({ method: 'POST', path: '/api/auth/logout', body: {} }), expect: everyone },
];

const USERNAMES: Record<Exclude<Caller, 'public'>, string> = {
  lead: 'demo-lead',
  leader: 'demo-leader',
  staff: 'demo-staff',
  admin: 'demo-admin',
  plannerOwn: 'demo-planner',
  plannerOther: 'demo-planner',
};

let api: TestApi;
const cookies: Partial<Record<Caller, string>> = {};
const blank = { area: '', community: '', centre: '', user: '', building: '', organisation: '', pairing: '', alias: '', aliasCommunity: '', aliasName: '', import: '', request: '' };
const own: Ids = { ...blank, scenario: 'S-matrix-own' };
const other: Ids = { ...blank, scenario: 'S-matrix-other' };

async function login(username: string): Promise<string> {
  const res = await api.post('/api/auth/login', { username, password: username.replace('demo-', 'gridmap-') });
  expect(res.status, username).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const [caller, username] of Object.entries(USERNAMES)) cookies[caller as Caller] = await login(username);
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const pick = async (table: string, inTown: boolean) =>
    (
      await k(`${table} as o`)
        .join('communities as c', function () {
          this.on('c.region', 'o.region').andOn('c.id', 'o.community_id');
        })
        .where('c.town_id', inTown ? '=' : '<>', town!)
        .orderBy('o.id')
        .first('o.id')
    ).id as string;
  for (const [ids, inTown] of [
    [own, true],
    [other, false],
  ] as const) {
    ids.area = await pick('contracted_areas', inTown);
    ids.centre = await pick('service_centres', inTown);
    ids.pairing = String(await pick('pairings', inTown));
    ids.alias = String(await pick('address_aliases', inTown));
    const alias = await k('address_aliases').where({ id: Number(ids.alias) }).first('community_id', 'alias');
    [ids.aliasCommunity, ids.aliasName] = [alias.community_id, alias.alias];
    ids.building = (await k('buildings').where({ area_id: ids.area }).orderBy('id').first('id')).id;
    ids.organisation = `P3-${ids.area}`;
    ids.community = (await k('communities').where('town_id', inTown ? '=' : '<>', town!).orderBy('id').first('id')).id;
    ids.user = (await k('users').where({ username: 'demo-staff' }).first('id')).id;
    const towns = [(await k('towns').where('id', inTown ? '=' : '<>', town!).orderBy('id').first('id')).id];
    await k('scenarios').insert({ region: api.ctx.region, id: ids.scenario, name: '权限矩阵', town_ids: towns, created_by: 'demo-admin', updated_by: 'demo-admin' });
    ids.import = inTown ? 'I00000000000a' : 'I00000000000b';
    await k('imports').insert({ region: api.ctx.region, id: ids.import, status: 'draft', created_by: 'demo-admin', updated_by: 'demo-admin' });
  }
  // A request of the demo lead's own area, and one of another town.
  const [leadArea] = (await k('users').where({ username: 'demo-lead' }).first('areas')).areas as string[];
  own.request = (await k('requests').where({ area_id: leadArea }).orderBy('id').first('id')).id;
  other.request = (await k('requests').whereNot({ town_id: town! }).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

const outcome = (status: number): Outcome => (status === 401 || status === 403 || status === 404 ? status : 'allowed');

describe('authorisation matrix', () => {
  it('names every registered route exactly once', () => {
    expect(CASES.map((c) => c.route).sort()).toEqual(registeredRoutes());
  });

  it('answers every route for every role as the table says, and changes nothing', async () => {
    const before = await api.ctx.db.knex('contracted_areas').where({ id: own.area }).first('version', 'name');
    const got: string[] = [];
    const want: string[] = [];
    for (const c of CASES) {
      for (const caller of CALLERS) {
        const { method, path, body } = c.request(caller === 'plannerOther' ? other : own);
        // Logout ends the session it is sent with: give it one of its own.
        const cookie = caller === 'public' ? undefined : c.route.endsWith('logout') ? await login(USERNAMES[caller]) : cookies[caller];
        const res = await api.request(path, {
          method,
          cookie,
          ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
        await res.arrayBuffer();
        got.push(`${c.route} as ${caller}: ${outcome(res.status)}`);
        want.push(`${c.route} as ${caller}: ${c.expect[caller]}`);
      }
    }
    expect(got).toEqual(want);
    expect(await api.ctx.db.knex('contracted_areas').where({ id: own.area }).first('version', 'name')).toEqual(before);
  });

  it('answers every cross-town probe with the coded 404 of an unknown id, and audits it naming the object', async () => {
    const k = api.ctx.db.knex;
    const unaudited: string[] = [];
    for (const c of CASES.filter((x) => x.expect.plannerOther === 404)) {
      const { method, path, body } = c.request(other);
      const last = Number((await k('audit_log').max('id as id').first())?.id ?? 0);
      const res = await api.request(path, {
        method,
        cookie: cookies.plannerOther,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      expect([c.route, res.status, ((await res.json()) as { code?: string }).code]).toEqual([c.route, 404, 'not_found']);
      const rows = await k('audit_log').where('id', '>', last).where({ action: 'authz_denied', actor: 'demo-planner' }).select('object_id', 'detail');
      const detail = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as { reason?: string };
      // The object is named in the path, or (a new object's community) in the body.
      const names = (id: string) => path.includes(`/${id}`) || JSON.stringify(body ?? {}).includes(`"${id}"`);
      if (!rows.some((r) => detail(r.detail).reason === 'outside_towns' && names(r.object_id))) unaudited.push(c.route);
    }
    expect(unaudited).toEqual([]);
  });

  it('records each refused role and each cross-town probe in the audit log', async () => {
    const denied = await api.ctx.db.knex('audit_log').where({ action: 'authz_denied' }).select('actor', 'object_id');
    expect(denied.some((d) => d.actor === 'demo-leader')).toBe(true);
    expect(denied.some((d) => d.actor === 'demo-planner' && d.object_id === other.area)).toBe(true);
  });
});
