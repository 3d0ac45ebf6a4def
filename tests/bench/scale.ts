// Scale-out figures (PostgreSQL only): the mixed read load through nginx with 1, 2 and 4 GridMap
// processes; the same load on one process reading from the primary next to one reading from a
// streaming replica (pg_basebackup on this machine: both share its 2 cores, so this shows the
// routing's cost, not a second machine's gain); and one city's look-up, tile and dashboard
// latency with 1 city in the database next to 13 cities of the demo's size (the ratio).
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { readGuardConfig } from '../../server/http/guard-config';
import { createUser } from '../../server/features/users/service';
import { prepareDatabase } from '../../server/startup';
import { startBalancer } from '../support/balancer';
import { replicaUnavailable, startReplica } from '../support/replica';
import { spawnServer } from '../support/spawn-server';
import { adminQuery, withDatabase } from '../support/test-database';
import { runLoad, type LoadCase, type LoadFigures } from './load';

const LOAD = { concurrency: 50, seconds: 5 };
const OTHER_CITIES = Number(process.env.GRIDMAP_BENCH_SCALE_CITIES ?? 13) - 1;
const SAMPLES = 60;
const NO_LIMITS = { GRIDMAP_RATE_PUBLIC_PER_IP: '0', GRIDMAP_RATE_LOGIN_PER_IP: '0', GRIDMAP_RATE_LOGIN_PER_USER: '0' };

const fmt = (x: number) => x.toFixed(1).padStart(8);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function tileOf(lng: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

interface Sample {
  units: Array<{ level: string; id: string }>;
  points: Array<[number, number]>;
}

async function sampleOf({ db, region }: AppContext): Promise<Sample> {
  const k = db.knex;
  const units: Sample['units'] = [];
  for (const [level, table] of Object.entries({ town: 'towns', community: 'communities', area: 'contracted_areas', building: 'buildings' })) {
    for (const id of (await k(table).where({ region }).orderBy('id').limit(50).pluck('id')) as string[]) units.push({ level, id });
  }
  const { rows } = await k.raw(`SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM buildings WHERE region = ? ORDER BY id LIMIT 4000`, [region]);
  const points = (rows as Array<{ lng: number; lat: number }>).filter((_, i) => i % 40 === 0).map((r) => [Number(r.lng), Number(r.lat)] as [number, number]);
  return { units, points };
}

/** A map page's reads in turn: a unit's panel, buildings in a small box, a building tile. */
function mixedReads({ units, points }: Sample): LoadCase {
  let i = 0;
  return {
    name: 'mixed reads (unit, bbox layer, tile)',
    async step(c) {
      const n = i++;
      const [lng, lat] = points[n % points.length]!;
      if (n % 3 === 0) {
        const u = units[n % units.length]!;
        await c.send('GET', `/api/units/${u.level}/${encodeURIComponent(u.id)}`);
      } else if (n % 3 === 1) {
        await c.send('GET', `/api/layers/buildings?bbox=${[lng - 0.004, lat - 0.004, lng + 0.004, lat + 0.004].join(',')}`);
      } else {
        const t = tileOf(lng, lat, 14);
        await c.send('GET', `/tiles/buildings/14/${t.x}/${t.y}.pbf`);
      }
    },
  };
}

const row = (name: string, f: LoadFigures) =>
  console.log(`${name.padEnd(34)} ${String(f.requests).padStart(8)} ${fmt(f.requests / f.seconds)} ${fmt(f.p50)} ${fmt(f.p99)} ${String(f.errors).padStart(7)}`);
const HEADER = 'setup                              requests    req/s      p50      p99  errors';

export async function benchScale(adminUrl: string, db: Database, databaseUrl: string, region: string): Promise<void> {
  const ctx: AppContext = { db, region };
  const sample = await sampleOf(ctx);
  const env = { ...NO_LIMITS, GRIDMAP_REGION: region, GRIDMAP_DEMO: '0' };

  console.log(`\n## PostgreSQL: processes behind nginx, ${LOAD.concurrency} clients, ${LOAD.seconds} s each, rate limits off`);
  console.log(HEADER);
  let one: LoadFigures | null = null;
  for (const count of [1, 2, 4]) {
    const city = await startBalancer({ databaseUrl, dataDir: '' }, count, env);
    try {
      await runLoad(city.url, mixedReads(sample), { concurrency: 8, seconds: 1 }); // warm every process
      const figures = await runLoad(city.url, mixedReads(sample), LOAD);
      one ??= figures;
      row(`${count} process${count > 1 ? 'es' : ''} behind nginx`, figures);
      if (count > 1) console.log(`  throughput ${(figures.requests / figures.seconds / (one.requests / one.seconds)).toFixed(2)}× one process; p99 ${(figures.p99 / one.p99).toFixed(2)}×`);
    } finally {
      await city.stop();
    }
  }

  const unavailable = await replicaUnavailable(adminUrl);
  console.log(`\n## PostgreSQL: reads on the primary next to a streaming replica (one process, ${LOAD.concurrency} clients)`);
  if (unavailable) console.log(`skipped: ${unavailable}`);
  else {
    const replica = await startReplica(adminUrl);
    try {
      console.log(HEADER);
      const figures: LoadFigures[] = [];
      for (const [name, extra] of [['primary only', {}], ['DATABASE_READ_URL = replica', { DATABASE_READ_URL: replica.urlFor(new URL(databaseUrl).pathname.slice(1)) }]] as const) {
        const server = await spawnServer({ databaseUrl, dataDir: '' }, { ...env, ...extra });
        try {
          await runLoad(server.url, mixedReads(sample), { concurrency: 8, seconds: 1 });
          const f = await runLoad(server.url, mixedReads(sample), LOAD);
          figures.push(f);
          row(name, f);
        } finally {
          await server.stop();
        }
      }
      console.log(`  replica / primary: throughput ${(figures[1]!.requests / figures[1]!.seconds / (figures[0]!.requests / figures[0]!.seconds)).toFixed(2)}×, p99 ${(figures[1]!.p99 / figures[0]!.p99).toFixed(2)}×`);
    } finally {
      replica.remove();
    }
  }

  await benchCities(adminUrl, ctx, databaseUrl);
}

/** An app over `ctx` on a free port, and a signed-in staff cookie for it. */
async function servedWithCookie(ctx: AppContext): Promise<{ base: string; cookie: string; close(): Promise<void> }> {
  const guard = { ...readGuardConfig(), rateLimits: { loginPerIp: 0, loginPerUser: 0, publicPerIp: 0 } };
  const server = createApp(ctx, { guard }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const password = 'bench-scale-password';
  const username = `bench-scale-${Date.now()}`;
  await createUser(ctx, { username, role: 'staff', password });
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return {
    base,
    cookie,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * One city's latencies in a database holding only it next to one holding it among 1 +
 * OTHER_CITIES of the demo's size: two databases on the same server, asked in alternating rounds
 * so the machine's noise falls on both alike.
 */
export async function benchCities(adminUrl: string, ctx: AppContext, databaseUrl: string): Promise<void> {
  const sample = await sampleOf(ctx);
  const name = `${new URL(databaseUrl).pathname.slice(1)}_many`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const many = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), dataDir: '' });
  const servers: Array<Awaited<ReturnType<typeof servedWithCookie>>> = [];
  try {
    const t0 = Date.now();
    await prepareDatabase(many, ctx.region);
    for (let i = 1; i <= OTHER_CITIES; i++) await prepareDatabase(many, `bench-city-${i}`);
    const loadedS = (Date.now() - t0) / 1000;
    await many.knex.raw('ANALYZE');
    await ctx.db.knex.raw('ANALYZE');
    servers.push(await servedWithCookie(ctx), await servedWithCookie({ db: many, region: ctx.region }));
    const probes: Array<[string, (i: number) => string]> = [
      ['GET /api/lookup/point', (i) => { const [lng, lat] = sample.points[i % sample.points.length]!; return `/api/lookup/point?lng=${lng}&lat=${lat}`; }],
      ['GET /tiles/buildings/14/…', (i) => { const [lng, lat] = sample.points[i % sample.points.length]!; const t = tileOf(lng, lat, 14); return `/tiles/buildings/14/${t.x}/${t.y}.pbf`; }],
      ['GET /api/dashboard', () => '/api/dashboard'],
    ];
    const times = servers.map(() => probes.map(() => [] as number[]));
    const ROUNDS = 6;
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [s, server] of servers.entries()) {
        for (const [p, [, path]] of probes.entries()) {
          for (let i = 0; i < SAMPLES / ROUNDS; i++) {
            const t = process.hrtime.bigint();
            const res = await fetch(server.base + path(round * SAMPLES + i), { headers: { cookie: server.cookie } });
            await res.arrayBuffer();
            // Round 0 warms both (look-up memory, tile cache, plans) and is not counted.
            if (round > 0) times[s]![p]!.push(Number(process.hrtime.bigint() - t) / 1e6);
          }
        }
      }
    }
    console.log(`\n## PostgreSQL: one city alone and among ${OTHER_CITIES + 1} (loaded in ${loadedS.toFixed(0)} s), p50 of ${SAMPLES} sequential requests each, in ${ROUNDS} alternating rounds`);
    console.log('request                        1 city   many     ratio');
    probes.forEach(([label], p) => {
      const [alone, among] = [pct(times[0]![p]!, 50), pct(times[1]![p]!, 50)];
      console.log(`${label.padEnd(28)} ${fmt(alone)} ${fmt(among)} ${fmt(among / alone)}`);
    });
    console.log('  (target ≤ 1.2×: every query is scoped by region and every index leads with it)');
  } finally {
    for (const server of servers) await server.close();
    await many.close();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
