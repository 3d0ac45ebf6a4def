// Every class of bad input gets a clear 4xx that says what is wrong, and changes nothing: the
// login endpoint (the write path there is today) is hit with each malformed body, and the
// sessions, audit rows and failure counters are counted before and after.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { readGuardConfig } from '../../server/http/guard-config';
import { loginAs } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** What a login can change: sessions, audit rows, the users' failure counters. */
async function writeState() {
  const k = api.ctx.db.knex;
  const count = async (table: string) => Number((await k(table).count('* as n').first())!.n);
  const failures = Number((await k('users').sum('failed_count as n').first())!.n ?? 0);
  return { sessions: await count('sessions'), audit: await count('audit_log'), failures };
}

const postLogin = (body: string, contentType = 'application/json') =>
  api.request('/api/auth/login', { method: 'POST', headers: { 'content-type': contentType }, body });

/** The refusal's code, its English sentence, and a Chinese one (which names the same field). */
async function expectRefused(res: Response, status: number, message: RegExp, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = await res.json();
  expect(body.errorEn).toMatch(message);
  if (code) expect([body.code, body.error]).toEqual([code, expect.stringMatching(/\p{Script=Han}/u)]);
  return body;
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('bad bodies on a write (login): 4xx, and nothing written', () => {
  const valid = (extra: object = {}) => JSON.stringify({ username: 'demo-admin', password: 'gridmap-admin', ...extra });

  it.each([
    ['malformed JSON', () => postLogin('{"username": "demo-admin", "password": '), 400, /^malformed JSON: /, 'json_malformed'],
    ['JSON that is not an object or array', () => postLogin('"demo-admin"'), 400, /^malformed JSON: /, 'json_malformed'],
    ['a body over 1 MB', () => postLogin(valid({ padding: 'x'.repeat(1024 * 1024) })), 413, /limit of 1 MB/, 'body_too_large'],
    ['JSON nested 33 levels deep', () => postLogin(`{"username":"demo-admin","password":"gridmap-admin","x":${nested(32)}}`), 400, /deeper than the limit of 32 levels/, 'json_too_deep'],
    ['an object with 1001 keys', () => postLogin(valid(Object.fromEntries(Array.from({ length: 999 }, (_, i) => [`k${i}`, i])))), 400, /more than the limit of 1000 keys/, 'json_too_many_keys'],
    ['an array of 100,001 elements', () => postLogin(valid({ list: Array(100_001).fill(0) })), 400, /more than the limit of 100000 elements/, 'json_array_too_long'],
    ['a text/plain body', () => postLogin(valid(), 'text/plain'), 415, /must be JSON \(Content-Type: application\/json\), not text\/plain/, 'body_not_json'],
    ['a form body', () => postLogin('username=demo-admin&password=gridmap-admin', 'application/x-www-form-urlencoded'), 415, /must be JSON/, 'body_not_json'],
    ['no body at all', () => api.request('/api/auth/login', { method: 'POST' }), 400, /a JSON body is required/, undefined],
    ['fields of the wrong type', () => postLogin(JSON.stringify({ username: 42, password: ['gridmap-admin'] })), 400, /body\.username: .*; body\.password: /, 'invalid_input'],
    ['a query parameter login does not take', () => api.post('/api/auth/login?as=admin', { username: 'demo-admin', password: 'gridmap-admin' }), 400, /query: Unrecognized key: "as"/, 'invalid_input'],
  ])('refuses %s', async (_what, send, status, message, code) => {
    const before = await writeState();
    await expectRefused(await send(), status, message, code);
    expect(await writeState()).toEqual(before);
  });

  it('names each wrong field in Chinese, and lists the issues with their paths', async () => {
    const body = await expectRefused(await postLogin(JSON.stringify({ username: 42, password: ['gridmap-admin'] })), 400, /body\.username/, 'invalid_input');
    expect(body.error).toBe('输入有误：body.username：应为文本；body.password：应为文本');
    expect(body.issues).toEqual([
      { path: 'body.username', code: 'invalid_type', message: 'body.username：应为文本', messageEn: expect.stringMatching(/^body\.username: /) },
      { path: 'body.password', code: 'invalid_type', message: 'body.password：应为文本', messageEn: expect.stringMatching(/^body\.password: /) },
    ]);
    const unknown = await expectRefused(await api.get('/api/layers/towns?twon=T01'), 400, /twon/, 'invalid_input');
    expect(unknown.error).toBe('输入有误：query：不认识的字段：“twon”（请删去或检查拼写）');
  });

  it('still takes a good login afterwards (the refusals above were not a broken endpoint)', async () => {
    const before = await writeState();
    expect((await postLogin(valid())).status).toBe(200);
    const after = await writeState();
    expect(after.sessions).toBe(before.sessions + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('accepts a JSON body under another +json type', async () => {
    const res = await postLogin(valid(), 'application/merge-patch+json; charset=utf-8');
    expect(res.status).toBe(200);
  });

  it('lets a body exactly 32 levels deep past the shape limits, to the schema (which refuses the field login does not take)', async () => {
    await expectRefused(await postLogin(`{"username":"demo-admin","password":"gridmap-admin","x":${nested(31)}}`), 400, /body: Unrecognized key: "x"/);
  });

  it.each([
    ['an unknown field', valid({ remember: true }), /body: Unrecognized key: "remember"/],
    ['a NUL in the username', valid({ username: 'demo-admin\u0000' }), /body\.username/],
  ])('refuses %s in the login body', async (_what, body, message) => {
    const before = await writeState();
    await expectRefused(await postLogin(body), 400, message);
    expect(await writeState()).toEqual(before);
  });
});

describe('bad path parameters', () => {
  it.each([
    ['/api/units/planet/X', 400, /params\.level: /],
    [`/api/units/town/${'T'.repeat(65)}`, 400, /params\.id: /],
    ['/api/layers/rivers-of-gold', 404, /layer "rivers-of-gold" not found/],
    ['/api/units/town/NOPE', 404, /not found/],
  ])('%s → %i', async (path, status, message) => {
    await expectRefused(await api.get(path), status, message);
  });
});

describe('bad and unknown query parameters', () => {
  it.each([
    ['/api/layers/towns?twon=T01', /query: Unrecognized key: "twon"/],
    ['/api/layers/towns?limit=0', /query\.limit: /],
    ['/api/layers/towns?limit=lots', /query\.limit: /],
    ['/api/layers/towns?limit=100001', /query\.limit: /],
    ['/api/layers/areas?community=1&community=2', /query\.community: /],
    ['/api/stats?verbose=1', /query: Unrecognized key: "verbose"/],
    ['/api/units/city?lang=en', /query: Unrecognized key: "lang"/],
    ['/api/health?x=1', /query: Unrecognized key: "x"/],
    ['/tiles/towns/8/213/105.pbf?v=2', /query: Unrecognized key: "v"/],
  ])('%s → 400', async (path, message) => {
    await expectRefused(await api.get(path), 400, message);
  });
});

describe('whole numbers in a path or query are decimal digits, not whatever Number() takes', () => {
  let admin: string | undefined;
  it.each([
    ['/api/layers/towns?limit=0x10', /query\.limit: /],
    ['/api/layers/towns?limit=1e3', /query\.limit: /],
    ['/api/layers/towns?limit=', /query\.limit: /],
    ['/api/layers/towns?limit=%201', /query\.limit: /],
    ['/api/layers/towns?limit=Infinity', /query\.limit: /],
    ['/tiles/towns/0x8/213/105.pbf', /params\.z: /],
    ['/tiles/towns/8/2.13e2/105.pbf', /params\.x: /],
    ['/api/lookup?q=%E6%96%B0%E6%9D%91&limit=1e1', /query\.limit: /],
    ['/api/audit?limit=0x32', /query\.limit: /],
    ['/api/history/area/A1/1e0', /params\.version: /],
  ])('%s → 400', async (path, message) => {
    admin ??= await loginAs(api, 'demo-admin', 'gridmap-admin');
    await expectRefused(await api.request(path, { cookie: admin }), 400, message);
  });

  it('still takes plain digits', async () => {
    expect((await api.get('/api/layers/towns?limit=3')).status).toBe(200);
    expect([200, 204]).toContain((await api.get('/tiles/towns/8/213/105.pbf')).status);
  });
});

describe('bad bbox', () => {
  it.each([
    ['three numbers', '120,31,121', /four numbers/],
    ['a word', '120,31,121,north', /four numbers/],
    ['an empty part', '120,,121,32', /four numbers/],
    ['west east of east', '121,31,120,32', /min ≤ max/],
    ['latitude beyond the pole', '120,31,121,95', /-90\.\.90/],
    ['longitude beyond 180', '120,31,181,32', /-180\.\.180/],
    ['Infinity', '120,31,Infinity,32', /four numbers/],
  ])('refuses %s', async (_what, bbox, message) => {
    const res = await api.get(`/api/layers/buildings?bbox=${encodeURIComponent(bbox)}`);
    await expectRefused(res, 400, new RegExp(`^query\\.bbox: .*${message.source}`));
  });
});

describe('bad tile coordinates', () => {
  it.each([
    ['a zoom beyond 22', '/tiles/towns/23/0/0.pbf', /params\.z: /],
    ['a word for a zoom', '/tiles/towns/high/0/0.pbf', /params\.z: /],
    ['x outside the zoom', '/tiles/towns/2/4/0.pbf', /x and y must be below 2\^z/],
    ['y outside the zoom', '/tiles/towns/2/0/4.pbf', /x and y must be below 2\^z/],
    ['a negative y', '/tiles/towns/2/1/-1.pbf', /must end in \{y\}\.pbf/],
    ['a fractional x', '/tiles/towns/2/1.5/1.pbf', /params\.x: /],
    ['another extension', '/tiles/towns/2/1/1.png', /must end in \{y\}\.pbf/],
  ])('refuses %s', async (_what, path, message) => {
    await expectRefused(await api.get(path), 400, message);
  });
});

describe('rate limits (set low through the environment)', () => {
  /** A second server over the same database, with the limits that env gives. */
  async function limitedServer(env: Record<string, string>) {
    // A deployment of its own: on PostgreSQL the counts live in the database and would carry over
    // from the case before (that they do, across processes, is balancer.test.ts's point).
    if (api.ctx.db.kind === 'postgres') await api.ctx.db.knex('rate_buckets').delete();
    const server = createApp(api.ctx, { guard: readGuardConfig(env) }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      login: (username: string, password: string) =>
        fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }),
      get: (path: string, cookie?: string) => fetch(url + path, { headers: cookie ? { cookie } : {} }),
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      },
    };
  }

  async function expect429(res: Response, message: RegExp) {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await res.json();
    expect(body.errorEn).toMatch(message);
    expect(body.code).toMatch(/^rate_/);
    expect(body.error).toMatch(/每分钟上限/);
  }

  it('limits login attempts per address, before any password is checked or written', async () => {
    const limited = await limitedServer({ GRIDMAP_RATE_LOGIN_PER_IP: '3', GRIDMAP_RATE_LOGIN_PER_USER: '0' });
    try {
      for (const name of ['a', 'b', 'c']) expect((await limited.login(`nobody-${name}`, 'wrong-password')).status).toBe(401);
      const before = await writeState();
      const refused = await limited.login('demo-admin', 'gridmap-admin');
      await expect429(refused, /too many login attempts from your address \(limit 3 a minute\); try again in \d+ s/);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect(await writeState()).toEqual(before);
    } finally {
      await limited.close();
    }
  });

  it('limits login attempts per username from any address, leaving other users alone', async () => {
    const limited = await limitedServer({ GRIDMAP_RATE_LOGIN_PER_IP: '0', GRIDMAP_RATE_LOGIN_PER_USER: '2' });
    try {
      expect((await limited.login('demo-leader', 'gridmap-leader')).status).toBe(200);
      expect((await limited.login('demo-leader', 'gridmap-leader')).status).toBe(200);
      const before = await writeState();
      await expect429(await limited.login('demo-leader', 'gridmap-leader'), /too many login attempts for this username \(limit 2 a minute\)/);
      expect(await writeState()).toEqual(before);
      expect((await limited.login('demo-staff', 'gridmap-staff')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits the anonymous public per address on /api and /tiles, but not a signed-in user', async () => {
    const limited = await limitedServer({ GRIDMAP_RATE_PUBLIC_PER_IP: '4' });
    try {
      const login = await limited.login('demo-leader', 'gridmap-leader');
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      for (let i = 0; i < 3; i++) expect((await limited.get('/api/stats')).status).toBe(200);
      await expect429(await limited.get('/tiles/towns/8/213/105.pbf'), /too many requests from your address without login \(limit 4 a minute\)/);
      await expect429(await limited.get('/api/units/city'), /without login/);
      for (let i = 0; i < 5; i++) expect((await limited.get('/api/units/city', cookie)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
