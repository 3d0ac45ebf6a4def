// The worker pool's figures (`GRIDMAP_BENCH_ONLY=runtime`): the p99 of light requests (health,
// a town's unit, a point look-up) alone and while three heavy analyses (new sites, p = 200)
// keep running next to them, side by side in one run; and each bomb's refusal time with the
// highest resident memory seen while refusing it.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { readSessionPolicy } from '../../server/config';
import { SESSION_COOKIE } from '../../server/features/auth/cookies';
import { login } from '../../server/features/auth/service';
import { createUser } from '../../server/features/users/service';
import { deflatedZeros, manyRowsWorkbook, rawZip } from '../support/bombs';

/** An admin of its own: every route here is open to one, the areas import included. */
async function adminCookie(ctx: AppContext): Promise<string> {
  const username = `bench-runtime-${process.pid}-${Date.now()}`;
  await createUser(ctx, { username, role: 'admin', password: 'bench-password' });
  const session = await login(ctx, username, 'bench-password', readSessionPolicy());
  if (!session.ok) throw new Error('bench admin could not log in');
  return `${SESSION_COOKIE}=${session.token}`;
}

const LIGHT_SECONDS = 6;
const HEAVY = { p: 200, radiusM: 3000, candidates: 'buildings' };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Light requests one after another from 4 clients for a few seconds: their latencies in ms, all and by path. */
async function lightLatencies(base: string, cookie: string, paths: string[]): Promise<number[] & { byPath: Map<string, number[]> }> {
  const samples = Object.assign([] as number[], { byPath: new Map(paths.map((p) => [p, [] as number[]])) });
  const until = performance.now() + LIGHT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: 4 }, async (_, client) => {
      for (let i = client; performance.now() < until; i++) {
        const t0 = performance.now();
        const res = await fetch(base + paths[i % paths.length]!, { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${paths[i % paths.length]} → ${res.status}`);
        samples.push(performance.now() - t0);
        samples.byPath.get(paths[i % paths.length]!)!.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}

async function refusal(base: string, cookie: string, path: string, body: Uint8Array, type: string) {
  let highest = process.memoryUsage().rss;
  const sampler = setInterval(() => (highest = Math.max(highest, process.memoryUsage().rss)), 10);
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const res = await fetch(base + path, { method: 'POST', headers: { cookie, 'content-type': type }, body: Buffer.from(body) });
  const { code } = (await res.json()) as { code: string };
  const ms = performance.now() - t0;
  clearInterval(sampler);
  return `${res.status} ${code} in ${ms.toFixed(0)} ms, +${((highest - before) / 1024 ** 2).toFixed(0)} MB resident at most`;
}

export async function benchRuntime(label: string, ctx: AppContext): Promise<void> {
  const server = createApp(ctx).listen(0, '127.0.0.1');
  // fetch keeps sockets for reuse; one the server closed at its default 5 s would be reset.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cookie = await adminCookie(ctx);
    const k = ctx.db.knex;
    const town = await k('towns').where({ region: ctx.region }).first('id');
    const building = await k('buildings').where({ region: ctx.region }).first(k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat'));
    const community = await k('communities').where({ region: ctx.region }).first('id');
    const paths = ['/api/health', `/api/units/town/${town.id}`, `/api/lookup/point?lng=${building.lng}&lat=${building.lat}`];
    await lightLatencies(base, cookie, paths);
    const alone = await lightLatencies(base, cookie, paths);
    let running = true;
    let heavyDone = 0;
    const heavy = Array.from({ length: 3 }, async () => {
      while (running) {
        const res = await fetch(base + '/api/coverage/sites', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(HEAVY) });
        await res.arrayBuffer();
        heavyDone++;
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
    const beside = await lightLatencies(base, cookie, paths);
    running = false;
    await Promise.all(heavy);
    const [p99a, p99b] = [pct(alone, 99), pct(beside, 99)];
    console.log(`\n## ${label}: light requests (health, a town, a point look-up; 4 clients) alone and next to 3 heavy new-site runs (p = 200)`);
    console.log(`p50 ${pct(alone, 50).toFixed(1)} → ${pct(beside, 50).toFixed(1)} ms, p99 ${p99a.toFixed(1)} → ${p99b.toFixed(1)} ms (ratio ${(p99b / p99a).toFixed(2)}×; ${alone.length} and ${beside.length} requests, ${heavyDone} heavy done)`);
    for (const path of paths) {
      const [a, b] = [alone.byPath.get(path)!, beside.byPath.get(path)!];
      console.log(`  ${path.replace(/\?.*$/, '').padEnd(40)} p99 ${pct(a, 99).toFixed(1)} → ${pct(b, 99).toFixed(1)} ms (${(pct(b, 99) / pct(a, 99)).toFixed(2)}×)`);
    }
    const gb = await deflatedZeros(1024 ** 3);
    const areas = `/api/communities/${community.id}/areas/import?format=shapefile`;
    console.log(`bombs: 1 MB → 1 GB zip ${await refusal(base, cookie, areas, rawZip([{ name: 'a.shp', data: gb, declared: 1024 ** 3 }]), 'application/zip')}`);
    console.log(`       the same lying about its size ${await refusal(base, cookie, areas, rawZip([{ name: 'a.shp', data: gb, declared: 1000 }]), 'application/zip')}`);
    const hundred = await deflatedZeros(100 * 1024 ** 2);
    console.log(`       30 overlapping entries (3 GB) ${await refusal(base, cookie, areas, rawZip([{ name: 'a.shp', data: hundred, declared: 100 * 1024 ** 2 }], 29), 'application/zip')}`);
    const rows = manyRowsWorkbook(1_000_000);
    console.log(`       ${(rows.length / 1024 ** 2).toFixed(1)} MB .xlsx of a million rows ${await refusal(base, cookie, '/api/lookup/batch', rows, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
