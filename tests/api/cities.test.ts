// One server process serving two cities of one database, as `npm start` runs it with
// GRIDMAP_REGION=a:甲市,b:乙市: the second city is loaded by the server itself (GRIDMAP_DEMO=1,
// the same demo city beside the test city), each request answered by the city its address or
// cookie names, each city with its own sign-in, look-up memory and writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { TEST_REGION } from '../support/test-database';

const CITY_B = 'test-city-b';
const cookieOf = (res: Response, name: string) =>
  res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));

describe('one process serving two cities', () => {
  let server: RunningServer;
  const get = (path: string, cookie = '') => fetch(server.url + path, { headers: { cookie } });
  const send = (method: string, path: string, cookie: string, body: unknown) =>
    fetch(server.url + path, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const cityOf = async (path: string, cookie = '') => ((await (await get(path, cookie)).json()) as { id: string }).id;
  const login = (cityCookie: string) => send('POST', '/api/auth/login', cityCookie, { username: 'demo-admin', password: 'gridmap-admin' });

  beforeAll(async () => {
    server = await startServer({ GRIDMAP_REGION: `${TEST_REGION}:甲市,${CITY_B}:乙市`, GRIDMAP_DEMO: '1' });
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('lists its cities for the page, the first being where a request without a choice goes', async () => {
    expect(await (await get('/api/cities')).json()).toEqual({
      current: TEST_REGION,
      cities: [{ code: TEST_REGION, name: '甲市' }, { code: CITY_B, name: '乙市' }],
    });
    expect(await cityOf('/api/units/city')).toBe(TEST_REGION);
  });

  it('answers from the city ?city= names, remembers it in a cookie, and hides the parameter from the route', async () => {
    // /api/units/city takes no query at all: a parameter left in would be a 400.
    const res = await get(`/api/units/city?city=${CITY_B}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(CITY_B);
    const remembered = cookieOf(res, 'gridmap_city')!;
    expect(remembered).toBe(`gridmap_city=${CITY_B}`);
    expect(await cityOf('/api/units/city', remembered)).toBe(CITY_B);
    expect(((await (await get('/api/cities', remembered)).json()) as { current: string }).current).toBe(CITY_B);
    // The page's own address keeps working with the parameter (the QR card's resident page).
    expect((await get(`/api/cities?city=${TEST_REGION}`, remembered)).status).toBe(200);
  });

  it('refuses a city it does not serve by name, in Chinese first, and remembers nothing', async () => {
    const res = await get('/api/stats?city=320582');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: string; error: string; errorEn: string };
    expect(body.code).toBe('city_unknown');
    expect(body.error).toContain('本服务器不提供城市“320582”');
    expect(body.errorEn).toContain('320582');
    expect(cookieOf(res, 'gridmap_city')).toBeUndefined();
    const hostile = await get(`/api/stats?city=${encodeURIComponent(`<script>${'x'.repeat(5000)}`)}`);
    expect(hostile.status).toBe(404);
    expect(hostile.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await hostile.json()) as { params: { code: string } }).params.code).toBe(`<script>${'x'.repeat(32)}…`);
    // A cookie naming a city no longer served falls back to the first city.
    expect(await cityOf('/api/units/city', 'gridmap_city=320582')).toBe(TEST_REGION);
  });

  it("keeps each city's sign-in apart: a session of one city is nobody in the other, and both can be held at once", async () => {
    const inB = `gridmap_city=${CITY_B}`;
    const a = await login('');
    expect(a.status).toBe(200);
    const sessionA = cookieOf(a, 'gridmap_session')!;
    expect(sessionA).toBeDefined();
    expect((await get('/api/auth/me', `${sessionA}; ${inB}`)).status).toBe(401);
    expect((await send('PATCH', '/api/areas/any', `${sessionA}; ${inB}`, { version: 1, changes: { name: '越权' } })).status).toBe(401);

    const b = await login(inB);
    expect(b.status).toBe(200);
    const sessionB = cookieOf(b, `gridmap_session_${CITY_B}`)!;
    expect(sessionB).toBeDefined();
    expect(cookieOf(b, 'gridmap_session')).toBeUndefined();
    const both = `${sessionA}; ${sessionB}`;
    expect((await get('/api/auth/me', both)).status).toBe(200);
    expect((await get('/api/auth/me', `${both}; ${inB}`)).status).toBe(200);

    expect((await send('POST', '/api/auth/logout', `${both}; ${inB}`, {})).status).toBe(204);
    expect((await get('/api/auth/me', `${both}; ${inB}`)).status).toBe(401);
    expect((await get('/api/auth/me', both)).status).toBe(200);
  });

  it("writes to the city it names only, and that city's look-up answers with the write at once", async () => {
    const inB = `gridmap_city=${CITY_B}`;
    const session = `${cookieOf(await login(''), 'gridmap_session')!}; ${cookieOf(await login(inB), `gridmap_session_${CITY_B}`)!}`;
    const building = ((await (await get('/api/layers/buildings?limit=1', inB)).json()) as { features: Array<{ geometry: { coordinates: [number, number] } }> }).features[0]!;
    const [lng, lat] = building.geometry.coordinates;
    const point = `/api/lookup/point?lng=${lng}&lat=${lat}`;
    const leadOf = async (city: string) => ((await (await get(point, `${session}; gridmap_city=${city}`)).json()) as { area: { id: string }; lead: { name: string } });
    const before = await leadOf(CITY_B);
    // The same demo city in both: the same area, the same lead, until B's changes.
    expect(await leadOf(TEST_REGION)).toEqual(before);

    const path = `/api/areas/${encodeURIComponent(before.area.id)}`;
    const { version } = (await (await get(path, `${session}; ${inB}`)).json()) as { version: number };
    const res = await send('PATCH', path, `${session}; ${inB}`, { version, changes: { leadName: '乙城新组长' } });
    expect(res.status).toBe(200);

    expect((await leadOf(CITY_B)).lead.name).toBe('乙城新组长');
    expect((await leadOf(TEST_REGION)).lead.name).toBe(before.lead.name);
  });
});
