// Many cities in one database: city B copied beside city A row for row (the same ids, names and
// places), so any query not scoped by region would double, merge or change what A's users
// see. Every GET route answers A's users exactly as before B was there, and A's writes leave
// every row of B as it was. This is what lets every table be distributed by region later
// (docs/scaling.md) without a query changing.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { registeredRoutes } from '../support/routes';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

const CITY_B = 'test-city-b';
/** Deadlines are judged at one fixed hour in both rounds, so "late" cannot change between them. */
const clock = () => new Date('2026-12-01T03:00:00Z');

type Ids = Record<'area' | 'community' | 'building' | 'centre' | 'organisation' | 'pairing' | 'alias' | 'scenario' | 'request' | 'town', string>;

/** One request per GET route, as A's users make it; a route missing here fails the test. */
function readsOf(ids: Ids): Record<string, [who: 'admin' | 'lead', path: string]> {
  return {
    'GET /api/aliases/:id': ['admin', `/api/aliases/${ids.alias}`],
    'GET /api/areas/:id': ['admin', `/api/areas/${ids.area}`],
    'GET /api/areas/:id/groups': ['admin', `/api/areas/${ids.area}/groups`],
    // The reads themselves are audited (exports): the scenario's creation, before the first round, is what is compared.
    'GET /api/audit': ['admin', '/api/audit?action=create&objectType=scenario'],
    'GET /api/auth/me': ['admin', '/api/auth/me'],
    'GET /api/buildings/:id': ['admin', `/api/buildings/${ids.building}`],
    'GET /api/cards/community/:id': ['admin', `/api/cards/community/${ids.community}`],
    'GET /api/centres/:id': ['admin', `/api/centres/${ids.centre}`],
    'GET /api/cities': ['admin', '/api/cities'],
    'GET /api/communities/:id': ['admin', `/api/communities/${ids.community}`],
    'GET /api/communities/:id/areas/export': ['admin', `/api/communities/${ids.community}/areas/export?format=geojson`],
    'GET /api/communities/:id/plan': ['admin', `/api/communities/${ids.community}/plan`],
    'GET /api/communities/:id/registers': ['admin', `/api/communities/${ids.community}/registers`],
    'GET /api/coverage': ['admin', '/api/coverage?kinds=labour'],
    'GET /api/coverage/population': ['admin', `/api/coverage/population?town=${ids.town}`],
    'GET /api/dashboard': ['admin', '/api/dashboard'],
    'GET /api/dashboard/export.xlsx': ['admin', '/api/dashboard/export.xlsx'],
    'GET /api/export/:layer': ['admin', '/api/export/areas?format=geojson'],
    'GET /api/health': ['admin', '/api/health'],
    'GET /api/history/:type/:id': ['admin', `/api/history/area/${ids.area}`],
    'GET /api/history/:type/:id/:version': ['admin', `/api/history/area/${ids.area}/1`],
    'GET /api/imports': ['admin', '/api/imports'],
    'GET /api/imports/:id': ['admin', '/api/imports/IM-none'],
    'GET /api/imports/:id/preview/:layer': ['admin', '/api/imports/IM-none/preview/towns'],
    'GET /api/layers/:layer': ['admin', '/api/layers/buildings'],
    'GET /api/lookup': ['admin', `/api/lookup?q=${encodeURIComponent('新村1幢')}`],
    'GET /api/lookup/batch/:id': ['admin', '/api/lookup/batch/not-a-job'],
    'GET /api/lookup/batch/:id/download/:class': ['admin', '/api/lookup/batch/not-a-job/download/matched'],
    'GET /api/lookup/batch/:id/result': ['admin', '/api/lookup/batch/not-a-job/result'],
    'GET /api/lookup/batch/:id/unmatched': ['admin', '/api/lookup/batch/not-a-job/unmatched'],
    'GET /api/lookup/point': ['admin', '/api/lookup/point?lng=0&lat=0'],
    'GET /api/organisations/:id': ['admin', `/api/organisations/${ids.organisation}`],
    'GET /api/pairings': ['admin', '/api/pairings'],
    'GET /api/pairings/:id': ['admin', `/api/pairings/${ids.pairing}`],
    'GET /api/public/areas/:id': ['admin', `/api/public/areas/${ids.area}`],
    'GET /api/public/lookup': ['admin', `/api/public/lookup?q=${encodeURIComponent('新村1幢')}`],
    'GET /api/public/requests/:ticket': ['admin', `/api/public/requests/${ids.request}`],
    'GET /api/requests': ['admin', '/api/requests'],
    'GET /api/requests/:id': ['admin', `/api/requests/${ids.request}`],
    'GET /api/requests/figures': ['admin', '/api/requests/figures'],
    'GET /api/requests/figures.xlsx': ['admin', '/api/requests/figures.xlsx'],
    'GET /api/requests/points': ['admin', '/api/requests/points'],
    'GET /api/scenarios': ['admin', '/api/scenarios'],
    'GET /api/scenarios/:id': ['admin', `/api/scenarios/${ids.scenario}`],
    'GET /api/scenarios/:id/changes.xlsx': ['admin', `/api/scenarios/${ids.scenario}/changes.xlsx`],
    'GET /api/scenarios/:id/compare': ['admin', `/api/scenarios/${ids.scenario}/compare`],
    'GET /api/scenarios/:id/export.geojson': ['admin', `/api/scenarios/${ids.scenario}/export.geojson`],
    'GET /api/stats': ['admin', '/api/stats'],
    'GET /api/units/:level/:id': ['admin', `/api/units/community/${ids.community}`],
    'GET /api/units/city': ['admin', '/api/units/city'],
    'GET /api/users': ['admin', '/api/users'],
    'GET /api/visits': ['lead', '/api/visits'],
    'GET /api/visits/buildings': ['lead', '/api/visits/buildings'],
    'GET /tiles/:layer/:z/:x/:file': ['admin', '/tiles/buildings/11/1708/838.pbf'],
  };
}

/** What a response says, minus what changes between two identical requests (zip timestamps in workbooks, time taken). */
async function said(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  const body = Buffer.from(await res.arrayBuffer());
  const text = /json|text|geo/.test(type) ? body.toString('utf8').replace(/"(computedMs|elapsedMs)":[\d.]+/g, '"$1":0') : `${body.length > 0 ? 'bytes' : 'empty'}`;
  return `${res.status} ${type}\n${text}`;
}

const cityTables = async (db: Database) =>
  ((await db.knex.raw(`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'region' ORDER BY table_name`)).rows as Array<{ table_name: string }>).map(
    (r) => r.table_name,
  );

/**
 * City B as an exact copy of city A: every row of every city table again under B's region (serial
 * ids renumbered; sessions stay A's). In one transaction, foreign keys checked by the copy being
 * whole rather than table by table (replica role: triggers off for the copy only).
 */
async function copyRegion(db: Database, from: string, to: string): Promise<void> {
  const tables = (await cityTables(db)).filter((t) => t !== 'sessions');
  await db.knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL session_replication_role = replica`);
    for (const table of tables) {
      const { rows } = await trx.raw(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ? AND coalesce(column_default, '') NOT LIKE 'nextval%' AND is_generated = 'NEVER'
         ORDER BY ordinal_position`,
        [table],
      );
      const columns = (rows as Array<{ column_name: string }>).map((r) => r.column_name);
      const list = columns.map((c) => `"${c}"`).join(', ');
      const values = columns.map((c) => (c === 'region' ? '?' : `"${c}"`)).join(', ');
      await trx.raw(`INSERT INTO ${table} (${list}) SELECT ${values} FROM ${table} WHERE region = ?`, [to, from]);
    }
  });
}

/** Every row of city B, table by table, as one digest each. */
async function digestOf(db: Database, region: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await cityTables(db)) {
    const { rows: d } = await db.knex.raw(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM ${table} t WHERE region = ?`, [region]);
    out[table] = `${d[0].n} ${d[0].md5}`;
  }
  return out;
}

describe('two cities in one database', () => {
  let config: { databaseUrl: string | undefined; dataDir: string };
  let drop: () => Promise<void>;
  let db: Database;
  let stopApp = async () => {};
  let base = '';
  const cookies = { admin: '', lead: '' };
  const ids = {} as Ids;
  const before = new Map<string, string>();

  async function serve(): Promise<void> {
    db = await openDatabase(config);
    const ctx: AppContext = { db, region: TEST_REGION, clock };
    const server = createApp(ctx).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stopApp = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    };
  }
  const send = (who: keyof typeof cookies, method: string, path: string, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: { cookie: cookies[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    const clone = await cloneDatabase(inject('database'));
    config = clone.config;
    drop = clone.drop;
    await serve();
    for (const who of ['admin', 'lead'] as const) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `demo-${who}`, password: `gridmap-${who}` }),
      });
      expect(res.status).toBe(200);
      cookies[who] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
    const k = db.knex;
    const first = async (table: string, column = 'id') => String((await k(table).where({ region: TEST_REGION }).orderBy(column).first(column))[column]);
    ids.area = await first('contracted_areas');
    ids.community = String((await k('contracted_areas').where({ region: TEST_REGION, id: ids.area }).first('community_id')).community_id);
    ids.town = String((await k('communities').where({ region: TEST_REGION, id: ids.community }).first('town_id')).town_id);
    ids.building = String((await k('buildings').where({ region: TEST_REGION, area_id: ids.area }).orderBy('id').first('id')).id);
    ids.centre = await first('service_centres');
    ids.organisation = await first('party_orgs');
    ids.pairing = await first('pairings');
    ids.alias = await first('address_aliases');
    ids.request = await first('requests');
    const scenario = await send('admin', 'POST', '/api/scenarios', { name: '两城测试方案' });
    expect(scenario.status).toBe(201);
    ids.scenario = ((await scenario.json()) as { id: string }).id;

    const reads = readsOf(ids);
    for (const [route, [who, path]] of Object.entries(reads)) before.set(route, await said(await send(who, 'GET', path)));
    await copyRegion(db, TEST_REGION, CITY_B);
    await stopApp();
    await serve();
  }, 900_000);
  afterAll(async () => {
    await stopApp();
    await drop?.();
  });

  it('names every GET route the app has', () => {
    const gets = registeredRoutes().filter((r) => r.startsWith('GET '));
    expect(Object.keys(readsOf(ids)).sort()).toEqual(gets);
  });

  it('answers every read of city A as it did before city B was loaded beside it', async () => {
    const b = await db.knex('buildings').where({ region: CITY_B }).count('* as n').first();
    expect(Number(b!.n)).toBeGreaterThan(1000);
    const changed: string[] = [];
    for (const [route, [who, path]] of Object.entries(readsOf(ids))) {
      const now = await said(await send(who, 'GET', path));
      const was = before.get(route)!;
      if (now !== was) {
        let at = 0;
        while (now[at] === was[at]) at++;
        changed.push(`${route} from character ${at}\n  before: …${was.slice(Math.max(0, at - 80), at + 120)}\n  now:    …${now.slice(Math.max(0, at - 80), at + 120)}`);
      }
    }
    expect(changed).toEqual([]);
    expect(before.get('GET /api/audit')).toContain('"objectType":"scenario"');
  });

  it('leaves every row of city B as it was when city A writes the same ids', async () => {
    const b = await digestOf(db, CITY_B);
    const area = (await (await send('admin', 'GET', `/api/areas/${ids.area}`)).json()) as { version: number };
    expect((await send('admin', 'PATCH', `/api/areas/${ids.area}`, { version: area.version, changes: { name: '甲城改名片区', leadPhone: '13900002222' } })).status).toBe(200);
    const building = (await (await send('admin', 'GET', `/api/buildings/${ids.building}`)).json()) as { version: number };
    expect((await send('admin', 'PATCH', `/api/buildings/${ids.building}`, { version: building.version, changes: { address: '甲城改名1幢' } })).status).toBe(200);
    const centre = (await (await send('admin', 'GET', `/api/centres/${ids.centre}`)).json()) as { version: number };
    expect((await send('admin', 'PATCH', `/api/centres/${ids.centre}`, { version: centre.version, changes: { hours: '8:00-18:00' } })).status).toBe(200);
    expect((await send('admin', 'DELETE', `/api/scenarios/${ids.scenario}`, { version: 1 })).status).toBeLessThan(300);
    expect(await digestOf(db, CITY_B)).toEqual(b);
    // A's writes did land in A.
    expect((await db.knex('contracted_areas').where({ region: TEST_REGION, id: ids.area }).first('name')).name).toBe('甲城改名片区');
  });
});
