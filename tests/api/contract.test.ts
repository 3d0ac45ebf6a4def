// Walks /work/shared/docs/api-contract.md (the public contract other programs rely on) item by
// item: each endpoint, the fields it names with their types, and the status codes it names for
// the error cases. Items the contract lists for later issues are marked todo with the issue
// that builds them, so this file never pretends they work. Below it, two rules of the input
// gate for every route Express has registered: no control character in a path or query
// parameter or a body string reaches anything, and no JSON body carries a field the route
// does not know.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app';
import { ConfigError, projectRoot, readConfig } from '../../server/config';
import { say } from '../../server/domain/messages';
import { loginDemo } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';
import { registeredRoutes, routeParams } from '../support/routes';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await loginDemo(api, 'admin');
});
afterAll(() => api.close());

const getAs = (path: string, cookie?: string) => api.request(path, { cookie });

/** The value at a dotted path of a JSON answer. */
const at = (body: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], body);

type JsonType = 'string' | 'number' | 'object' | 'position' | 'named' | 'ratio';

/** Checks one field against the type the contract shows for it. */
function expectType(value: unknown, type: JsonType, field: string) {
  if (type === 'position') {
    expect(value, field).toEqual([expect.any(Number), expect.any(Number)]);
    const [lng, lat] = value as [number, number];
    expect(Math.abs(lng) <= 180 && Math.abs(lat) <= 90, `${field} is WGS84 lng/lat`).toBe(true);
  } else if (type === 'named') {
    expect(value, field).toEqual({ id: expect.any(String), name: expect.any(String) });
  } else if (type === 'ratio') {
    expect(typeof value, field).toBe('number');
    expect((value as number) >= 0 && (value as number) <= 1, `${field} within 0..1`).toBe(true);
  } else {
    expect(typeof value, field).toBe(type);
  }
}

const tileOf = ([lng, lat]: Position, z: number) => {
  const n = 2 ** z;
  const rad = (lat! * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lng! + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
};

/** The first vertex of any geometry. */
const firstPosition = (f: Feature): Position => {
  let c: unknown = (f.geometry as { coordinates: unknown }).coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as Position;
};

describe('Health: GET /api/health', () => {
  it('answers 200 { status: "ok", database, postgis }', async () => {
    const res = await api.get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: inject('database').kind, postgis: expect.stringMatching(/^3\.\d+\.\d+/) });
  });

  it('answers 503 { status: "unavailable", reason } while the database cannot be reached', async () => {
    const down = { kind: inject('database').kind, knex: { raw: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) } };
    const server = createApp({ db: down as never, region: 'none' }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', reason: expect.any(String) });
    } finally {
      server.close();
    }
  });
});

describe("The seed's indicators: GET /api/stats", () => {
  const FIELDS: [string, JsonType][] = [
    ['villagesBefore', 'number'],
    ...['rural', 'villageResidence', 'township', 'urban'].map((k): [string, JsonType] => [`communities.${k}`, 'number']),
    ...['village', 'community'].flatMap((side) => ['党委', '党总支', '党支部'].map((form): [string, JsonType] => [`partyOrgs.${side}.${form}`, 'number'])),
    ...['village', 'community'].flatMap((side) => ['count', 'large'].map((k): [string, JsonType] => [`serviceCenters.${side}.${k}`, 'number'])),
    ['concentratedResidenceRate', 'ratio'],
  ];
  let stats: unknown;
  beforeAll(async () => {
    const res = await api.get('/api/stats');
    expect(res.status).toBe(200);
    stats = await res.json();
  });

  it.each(FIELDS)('has %s (%s)', (field, type) => expectType(at(stats, field), type, field));

  it('counts village-residence communities among the rural and township ones among the urban', () => {
    expect(at(stats, 'communities.villageResidence') as number).toBeLessThanOrEqual(at(stats, 'communities.rural') as number);
    expect(at(stats, 'communities.township') as number).toBeLessThanOrEqual(at(stats, 'communities.urban') as number);
    expect(at(stats, 'serviceCenters.village.large') as number).toBeLessThanOrEqual(at(stats, 'serviceCenters.village.count') as number);
  });
});

const LAYERS = ['towns', 'villages', 'communities', 'areas', 'groups', 'buildings', 'centers'] as const;

describe('Layers as GeoJSON: GET /api/layers/{layer}?bbox=…&limit=N', () => {
  it.each(LAYERS)('serves %s as an application/geo+json FeatureCollection with stable, unique feature ids', async (layer) => {
    const fetchIds = async () => {
      const res = await api.get(`/api/layers/${layer}?limit=50`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const fc = (await res.json()) as FeatureCollection;
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length).toBeGreaterThan(0);
      for (const f of fc.features) {
        expect(f.type).toBe('Feature');
        expect(['string', 'number']).toContain(typeof f.id);
        expect(f.geometry).toBeTruthy();
      }
      return fc.features.map((f) => f.id);
    };
    const ids = await fetchIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(await fetchIds()).toEqual(ids);
  });

  it.each(LAYERS)('%s: limit=N gives at most N features, and a bbox around a feature finds it', async (layer) => {
    const two = await api.json<FeatureCollection>(`/api/layers/${layer}?limit=2`);
    expect(two.features.length).toBeLessThanOrEqual(2);
    const feature = two.features[0]!;
    const [lng, lat] = firstPosition(feature) as [number, number];
    const near = await api.json<FeatureCollection>(`/api/layers/${layer}?bbox=${[lng - 1e-4, lat - 1e-4, lng + 1e-4, lat + 1e-4].join(',')}`);
    expect(near.features.map((f) => f.id)).toContain(feature.id);
  });

  it('answers an unknown layer with 404', async () => {
    expect((await api.get('/api/layers/rivers-of-gold')).status).toBe(404);
  });

  it.each(['120,31,121', '120,31,121,north', '121,31,120,32', '120,31,121,95', '120,31,Infinity,32', '120,31,NaN,32'])(
    'answers a malformed bbox (%s) with 400',
    async (bbox) => {
      expect((await api.get(`/api/layers/buildings?bbox=${encodeURIComponent(bbox)}`)).status).toBe(400);
    },
  );
});

describe('Vector tiles: GET /tiles/{layer}/{z}/{x}/{y}.pbf', () => {
  it.each(LAYERS)('serves %s as an MVT with one tile layer named after it', async (layer) => {
    const [feature] = (await api.json<FeatureCollection>(`/api/layers/${layer}?limit=1`)).features;
    const { z, x, y } = tileOf(firstPosition(feature!), 14);
    const res = await api.get(`/tiles/${layer}/${z}/${x}/${y}.pbf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    expect(Object.keys(tile.layers)).toEqual([layer]);
    expect(tile.layers[layer]!.length).toBeGreaterThan(0);
  });

  it.each(LAYERS)('answers an empty %s tile with 204 or an empty 200', async (layer) => {
    const { z, x, y } = tileOf([-40, -40], 12);
    const res = await api.get(`/tiles/${layer}/${z}/${x}/${y}.pbf`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.status === 204 || (res.status === 200 && bytes.length === 0), `status ${res.status}, ${bytes.length} bytes`).toBe(true);
  });

  it('answers an unknown tile layer with 404', async () => {
    expect((await api.get('/tiles/rivers-of-gold/14/0/0.pbf')).status).toBe(404);
  });
});

describe('Who is responsible here: GET /api/lookup and /api/lookup/point', () => {
  const RESULT_FIELDS: [string, JsonType][] = [
    ['location', 'position'],
    ['town', 'named'],
    ['community', 'named'],
    ['area', 'named'],
    ['lead.name', 'string'],
    ['lead.phone', 'string'],
    ['group', 'named'],
  ];
  const ADDRESS_FIELDS: [string, JsonType][] = [
    ['address', 'string'],
    ['score', 'number'],
  ];
  let building: Feature;
  let byAddress: unknown;
  let byPoint: unknown;
  beforeAll(async () => {
    // A building inside a group, so every field of the shape is there.
    const buildings = await api.json<FeatureCollection>('/api/layers/buildings?limit=200');
    building = buildings.features.find((f) => f.properties?.groupId && f.properties?.address)!;
    const search = await getAs(`/api/lookup?q=${encodeURIComponent(building.properties!.address as string)}`, admin);
    expect(search.status).toBe(200);
    const { results } = (await search.json()) as { results: unknown[] };
    expect(results.length).toBeGreaterThan(0);
    byAddress = results[0];
    const [lng, lat] = firstPosition(building);
    const point = await getAs(`/api/lookup/point?lng=${lng}&lat=${lat}`, admin);
    expect(point.status).toBe(200);
    byPoint = await point.json();
  });

  it.each([...ADDRESS_FIELDS, ...RESULT_FIELDS])('a free-text address answers { results: [ … %s (%s) … ] }', (field, type) => {
    expectType(at(byAddress, field), type, field);
  });

  it.each(RESULT_FIELDS)('a point on a building answers one result with %s (%s)', (field, type) => {
    expectType(at(byPoint, field), type, field);
  });

  it('answers a point outside every area with 404', async () => {
    expect((await getAs('/api/lookup/point?lng=0&lat=0', admin)).status).toBe(404);
  });

  it("shows a leader the lead's phone masked and a staff member in full (what a caller sees follows its role)", async () => {
    const q = `/api/lookup?q=${encodeURIComponent(building.properties!.address as string)}`;
    const phone = async (cookie: string) => ((await (await getAs(q, cookie)).json()) as { results: { lead: { phone: string } }[] }).results[0]!.lead.phone;
    expect(await phone(await loginDemo(api, 'leader'))).toMatch(/^\d{3}\*{4}\d{4}$|^\*{4}$/);
    expect(await phone(await loginDemo(api, 'staff'))).toMatch(/^[\d-]+$/);
  });
});

describe('Configuration: the environment variables deployments rely on', () => {
  it('defaults PORT to 3000, HOST to 127.0.0.1, DATABASE_URL to unset (embedded PGlite) and GRIDMAP_DATA_DIR to a git-ignored folder of the checkout', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined });
    expect(config.dataDir.startsWith(projectRoot + path.sep)).toBe(true);
    const ignored = execFileSync('git', ['check-ignore', '--no-index', path.relative(projectRoot, config.dataDir)], { cwd: projectRoot }).toString().trim();
    expect(ignored).toBe(path.relative(projectRoot, config.dataDir));
  });

  it('takes PORT, HOST, DATABASE_URL and GRIDMAP_DATA_DIR from the environment', () => {
    const config = readConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/gridmap', GRIDMAP_DATA_DIR: '/var/lib/gridmap' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://db/gridmap', dataDir: '/var/lib/gridmap' });
  });

  it('takes several cities in GRIDMAP_REGION, each optionally named, and refuses a malformed list in Chinese first', () => {
    expect(readConfig({}).cities).toEqual([{ code: '321289', name: null, demo: true }]);
    const config = readConfig({ GRIDMAP_REGION: '321282:靖江市， 320582：张家港市,test-city', GRIDMAP_DEMO: '0' });
    expect(config.region).toBe('321282');
    expect(config.cities).toEqual([
      { code: '321282', name: '靖江市', demo: false },
      { code: '320582', name: '张家港市', demo: false },
      { code: 'test-city', name: null, demo: false },
    ]);
    const refusal = (value: string) => {
      try {
        readConfig({ GRIDMAP_REGION: value });
      } catch (err) {
        return err;
      }
      return null;
    };
    for (const bad of ['321282,321282', '321282,', 'a b', '3212/82']) {
      const err = refusal(bad);
      expect(err, bad).toBeInstanceOf(ConfigError);
      expect(say((err as ConfigError).fault, 'zh')).toMatch(/^环境变量 GRIDMAP_REGION 的值/);
    }
  });
});

describe("A resident's request (社情民意), public", () => {
  const STATUSES = ['received', 'assigned', 'in_progress', 'closed', 'reopened'];
  let ticket = '';

  it('POST /api/public/requests { category, text, address?, location?, phone?, consent? } → 201 { ticket }', async () => {
    const building = (await api.json<FeatureCollection>('/api/layers/buildings?limit=1')).features[0]!;
    const res = await api.post('/api/public/requests', {
      category: 'repair', text: '楼道灯坏了', address: building.properties!.address, location: firstPosition(building), phone: '13800004444', consent: true,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { ticket: string };
    expect(Object.keys(body)).toEqual(['ticket']);
    expectType(body.ticket, 'string', 'ticket');
    ticket = body.ticket;
  });

  it('GET /api/public/requests/{ticket} → { ticket, status, category, createdAt, updates: [{ at, status, text }] }, no personal data', async () => {
    const res = await api.get(`/api/public/requests/${ticket}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ticket: string; status: string; category: string; createdAt: string; updates: Array<{ at: string; status: string; text: string }> };
    expect(body.ticket).toBe(ticket);
    expect(STATUSES).toContain(body.status);
    expect(body.category).toBe('repair');
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
    expect(body.updates.length).toBeGreaterThan(0);
    for (const u of body.updates) {
      expect(Object.keys(u).sort()).toEqual(['at', 'status', 'text']);
      expect(STATUSES).toContain(u.status);
      expectType(u.text, 'string', 'updates.text');
    }
    expect(JSON.stringify(body)).not.toMatch(/13800004444|4444|phone|address|location|name/);
  });

  it('answers 404 for an unknown ticket', async () => {
    expect((await api.get('/api/public/requests/ZZZZ-ZZZZ')).status).toBe(404);
  });
});

// ---- The input gate, on every registered route ----

const ROUTES = registeredRoutes();
/** Routes whose body is a file, not JSON: the body they are sent so they get as far as reading their parameters. */
const FILE_BODIES: Record<string, { type: string; body: string }> = {
  'POST /api/lookup/batch': { type: 'text/csv', body: '地址\n新村1幢\n' },
  'POST /api/communities/:id/areas/import': { type: 'application/geo+json', body: '{"type":"FeatureCollection","features":[]}' },
  'PUT /api/imports/:id/layers/:layer': { type: 'application/geo+json', body: '{"type":"FeatureCollection","features":[]}' },
};
const WRITES = ROUTES.filter((r) => !r.startsWith('GET ') && !(r in FILE_BODIES));
/** Logout ends the session it is sent with: each of its requests brings one of its own. The visit diary is the area leads' alone. */
const cookieFor = async (route: string) =>
  route === 'POST /api/auth/logout' ? loginDemo(api, 'admin') : route.includes(' /api/visits') ? loginDemo(api, 'lead') : admin;

/** A route's path with `values` for the named parameters and a plain word for the others. */
const fill = (route: string, values: Record<string, string> = {}) =>
  route
    .split(' ')[1]!
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));

async function sendTo(route: string, pathAndQuery: string, body?: unknown) {
  const method = route.split(' ')[0]!;
  const file = FILE_BODIES[route];
  const json = method === 'GET' ? undefined : JSON.stringify(body ?? {});
  const res = await api.request(pathAndQuery, {
    method,
    cookie: await cookieFor(route),
    ...(file ? { headers: { 'content-type': file.type }, body: file.body } : json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: json }),
  });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown> };
}

/** The one refusal of a control character: 400, its code, the field, both sentences. */
function expectControlRefusal(answer: { status: number; body: Record<string, unknown> }, field: string) {
  expect({ status: answer.status, code: answer.body.code, params: answer.body.params }).toEqual({ status: 400, code: 'control_character', params: { field } });
  expect(answer.body.error).toContain(field);
  expect(answer.body.error).toMatch(/控制字符/);
  expect(answer.body.errorEn).toContain(field);
}

const scenarioCount = async () => Number((await api.ctx.db.knex('scenarios').count('* as n').first())!.n);

describe('control characters are refused with 400 naming the field, on every route', () => {
  it('finds the routes to walk (the table is read from Express, not written here)', () => {
    expect(ROUTES.length).toBeGreaterThan(50);
    expect(WRITES.length).toBeGreaterThan(20);
  });

  it.each(ROUTES.flatMap((route) => routeParams(route).map((param) => [route, param] as const)))('%s: a NUL in params.%s', async (route, param) => {
    expectControlRefusal(await sendTo(route, fill(route, { [param]: 'T0\u00001' })), `params.${param}`);
  });

  it.each(ROUTES)('%s: a NUL in a query parameter', async (route) => {
    expectControlRefusal(await sendTo(route, `${fill(route)}?town=T0%001`), 'query.town');
  });

  it.each(WRITES)('%s: a NUL in a body string, at any depth', async (route) => {
    expectControlRefusal(await sendTo(route, fill(route), { changes: { areas: [{ name: 'a\u0000b' }] } }), 'body.changes.areas.0.name');
  });

  it.each([
    ['NUL', '/api/layers/communities?town=T0%001', 'query.town'],
    ['a tab', '/api/layers/communities?town=T0%091', 'query.town'],
    ['a line feed', '/api/layers/communities?town=T0%0A1', 'query.town'],
    ['a carriage return', '/api/lookup?q=%E6%96%B0%E6%9D%91%0D', 'query.q'],
    ['DEL', '/api/layers/buildings?bbox=120%7F,31,121,32', 'query.bbox'],
    ['a C1 control (U+0085)', '/api/layers/areas?community=C%C2%851', 'query.community'],
    ['the escape character', '/api/units/town/T%1B01', 'params.id'],
    ['a NUL in a tile path', '/tiles/towns/8/213/105%00.pbf', 'params.file'],
    ['a NUL in a public route', '/api/public/lookup?q=%00', 'query.q'],
    ['a NUL in a query key', '/api/layers/towns?to%00wn=T01', 'query.to\\u0000wn'],
  ])('refuses %s in a path or query parameter (one line of text by nature): %s', async (_what, url, field) => {
    const res = await getAs(url, admin);
    expectControlRefusal({ status: res.status, body: await res.json() }, field);
  });

  it('refuses NUL anonymously too, before anything reaches the database (the old answer was 500)', async () => {
    const res = await api.get('/api/layers/communities?town=T0%001');
    expectControlRefusal({ status: res.status, body: await res.json() }, 'query.town');
  });

  it.each([
    ['a lone surrogate', '{"name":"方案\\ud800"}', 'body.name'],
    ['a NUL in a key', '{"na\\u0000me":"方案"}', 'body.na\\u0000me'],
    ['a vertical tab', '{"name":"方案\\u000b"}', 'body.name'],
    ['a NUL in a list', '{"name":"方案","townIds":["T01","T\\u000002"]}', 'body.townIds.1'],
  ])('refuses %s in a JSON body', async (_what, json, field) => {
    const before = await scenarioCount();
    const res = await api.request('/api/scenarios', { method: 'POST', cookie: admin, headers: { 'content-type': 'application/json' }, body: json });
    expectControlRefusal({ status: res.status, body: await res.json() }, field);
    expect(await scenarioCount()).toBe(before);
  });

  it('lets tabs and line breaks through in a JSON body, where pasted text brings them, and the schema trims a one-line field', async () => {
    const res = await api.request('/api/scenarios', {
      method: 'POST', cookie: admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '\t粘贴的方案\r\n' }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { name: string }).name).toBe('粘贴的方案');
  });
});

describe('unknown fields in a JSON body are refused with 400 naming them, on every write route', () => {
  it.each(WRITES)('%s', async (route) => {
    const answer = await sendTo(route, fill(route), { unexpectedField: 1 });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('unexpectedField');
  });
});
