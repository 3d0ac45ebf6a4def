// Residents' requests: filing one from the resident page (placed by its address, or by a pin) at
// 1 and 32 clients, p50/p99 over HTTP; then the leaders' figures per area and per town over a
// year of 100,000 requests, next to the one SQL aggregation behind them (the ratio is what the
// rest costs: the units, visit coverage, the late list and the JSON). Run with the whole bench,
// or alone: `npx tsx tests/bench/requests.ts` (PGlite, and PostgreSQL when GRIDMAP_BENCH_PG_URL or
// the local server answers).
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { DEMO_CITY_OPTIONS, generateCity, generateYear } from '../../data/generator';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { loadYear } from '../../server/db/seed-year';
import { readGuardConfig } from '../../server/http/guard-config';
import { aggregateSql, periodOf, readFigures } from '../../server/features/requests/figures';
import { onEachDatabase } from './alone';
import { runLoad, type LoadCase } from './load';

const LOAD_SECONDS = Number(process.env.GRIDMAP_BENCH_REQUESTS_SECONDS ?? 5);
const YEAR_OF = Number(process.env.GRIDMAP_BENCH_REQUESTS_YEAR ?? 100_000);
const ROUNDS = 7;
const f = (ms: number) => ms.toFixed(1).padStart(8);

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

/** Buildings to file from: their address (the look-up places it) and their point (a pin). */
async function places(ctx: AppContext): Promise<Array<{ address: string; location: [number, number] }>> {
  const { rows } = await ctx.db.knex.raw('SELECT address, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM buildings WHERE region = ? ORDER BY id LIMIT 2000', [ctx.region]);
  return (rows as Array<{ address: string; lng: number; lat: number }>).map((r) => ({ address: r.address, location: [Number(r.lng), Number(r.lat)] }));
}

async function benchFiling(label: string, ctx: AppContext): Promise<void> {
  // Limits off: the run measures the server, and 32 clients on one address are what the limits stop.
  const guard = { ...readGuardConfig(), rateLimits: { loginPerIp: 0, loginPerUser: 0, publicPerIp: 0, residentPerIp: 0, requestsPerIpHour: 0 } };
  const server = createApp(ctx, { guard }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sample = await places(ctx);
  let next = 0;
  const filing = (by: 'address' | 'pin'): LoadCase => ({
    name: `file by ${by}`,
    async step(client) {
      const p = sample[next++ % sample.length]!;
      const reply = await client.send('POST', '/api/public/requests', {
        body: { category: 'repair', text: '楼道灯坏了', ...(by === 'address' ? { address: p.address } : { location: p.location }) },
      });
      if (reply.status !== 201) throw new Error(`filing answered ${reply.status}`);
    },
  });
  console.log(`\n## ${label}: filing and routing a request (HTTP, ${LOAD_SECONDS} s a case, limits off)`);
  console.log('case                    clients  requests    req/s      p50      p99  errors');
  for (const by of ['address', 'pin'] as const) {
    for (const concurrency of [1, 32]) {
      const r = await runLoad(base, filing(by), { concurrency, seconds: LOAD_SECONDS });
      console.log(`${`file by ${by}`.padEnd(24)}${String(concurrency).padStart(7)} ${String(r.requests).padStart(9)} ${f(r.requests / r.seconds)} ${f(r.p50)} ${f(r.p99)} ${String(r.errors).padStart(7)}`);
    }
  }
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

async function benchFigures(label: string, ctx: AppContext): Promise<void> {
  const k = ctx.db.knex;
  // A year of YEAR_OF requests in place of the demo's: the histories are left out (the figures never read them).
  const loadStarted = performance.now();
  const year = generateYear(generateCity(DEMO_CITY_OPTIONS), { seed: DEMO_CITY_OPTIONS.seed, endsAt: Date.now(), requests: YEAR_OF });
  await k('request_updates').where({ region: ctx.region }).delete();
  await k('requests').where({ region: ctx.region }).delete();
  await k('visits').where({ region: ctx.region }).delete();
  await loadYear(k, ctx.region, { ...year, updates: [] });
  await ctx.db.checkpoint();
  const loadMs = performance.now() - loadStarted;

  const now = new Date();
  const period = periodOf({}, now);
  const params = { region: ctx.region, now: now.toISOString(), from: period.from, to: period.toExclusive, town: null, community: null };
  console.log(`\n## ${label}: leaders' figures over a year of ${year.requests.length} requests (generated and loaded in ${(loadMs / 1000).toFixed(1)} s), median of ${ROUNDS}`);
  console.log('level    units   figures (ms)   one SQL aggregation (ms)   ratio');
  for (const level of ['area', 'town'] as const) {
    const figures = await median(() => readFigures(ctx, { level }));
    const sql = await median(() => k.raw(aggregateSql(level), params));
    const units = (await readFigures(ctx, { level })).rows.length;
    console.log(`${level.padEnd(8)}${String(units).padStart(6)} ${f(figures)}       ${f(sql)}                 ${(figures / sql).toFixed(2).padStart(6)}`);
  }
}

export async function benchRequests(label: string, ctx: AppContext): Promise<void> {
  await benchFiling(label, ctx);
  await benchFigures(label, ctx);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await onEachDatabase('requests', 'bench-requests', benchRequests);
