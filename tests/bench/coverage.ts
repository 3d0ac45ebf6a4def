// Coverage figures (issue 6): the pure computation for 100k and 1M residents × 50 and 500
// centres next to the same count as one PostGIS ST_DWithin query on each database (ratio);
// siting p = 50 among 5,000 candidates for 1M residents; the siting's gap to the exact
// optimum on small instances; and the HTTP figures and what-if on the demo city.
import type { Knex } from 'knex';
import { indexPoints } from '../../server/analysis/coverage/points';
import { reachCounts, type Centre } from '../../server/analysis/coverage/reach';
import { chooseSites } from '../../server/analysis/coverage/siting';
import { summarise } from '../../server/analysis/coverage/summary';
import type { AppContext } from '../../server/context';
import type { Database } from '../../server/db/database';
import { BOX, clusteredDemand } from '../support/coverage-city';
import { seededRandom } from '../support/districting-community';
import { exactCovering } from '../support/exact-covering';

const SIZES = [100_000, 1_000_000];
const CENTRE_COUNTS = [50, 500];
const now = () => performance.now();
const f0 = (x: number) => x.toFixed(0).padStart(9);
const f1 = (x: number) => x.toFixed(1).padStart(9);

function centresFor(count: number, seed: number): Centre[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `S${i}`,
    lng: BOX.west + rnd() * (BOX.east - BOX.west),
    lat: BOX.south + rnd() * (BOX.north - BOX.south),
    radiusM: 800 + Math.floor(rnd() * 5) * 200,
  }));
}

/** Index build + reach + per-group sums: what one coverage answer costs without the database. */
function computeInJs(demand: { lng: Float64Array; lat: Float64Array }, centres: Centre[]) {
  const t0 = now();
  const points = indexPoints(demand.lng, demand.lat);
  const t1 = now();
  const reached = reachCounts(points, centres);
  const group = Int32Array.from({ length: points.n }, (_, i) => i % 20);
  const sums = summarise(group, 20, reached, { residents: new Float64Array(points.n).fill(1) });
  const t2 = now();
  return { covered: sums.reduce((s, g) => s + g.residents.covered, 0), indexMs: t1 - t0, reachMs: t2 - t1, points };
}

async function loadDemandTable(knex: Knex, demand: { lng: Float64Array; lat: Float64Array }): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS bench_coverage_demand');
  await knex.raw('CREATE TABLE bench_coverage_demand (id integer PRIMARY KEY, geom geometry(Point, 4326) NOT NULL)');
  for (let at = 0; at < demand.lng.length; at += 50_000) {
    const end = Math.min(demand.lng.length, at + 50_000);
    await knex.raw(
      `INSERT INTO bench_coverage_demand SELECT ? + n, ST_SetSRID(ST_MakePoint(x, y), 4326)
         FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS u(x, y, n)`,
      [at - 1, Array.from(demand.lng.subarray(at, end)), Array.from(demand.lat.subarray(at, end))],
    );
  }
  await knex.raw('CREATE INDEX bench_coverage_demand_geog ON bench_coverage_demand USING gist ((geom::geography))');
  await knex.raw('ANALYZE bench_coverage_demand');
}

async function countInPostgis(knex: Knex, centres: Centre[]): Promise<{ covered: number; ms: number }> {
  await knex.raw('DROP TABLE IF EXISTS bench_coverage_centres');
  await knex.raw('CREATE TABLE bench_coverage_centres (id integer, geom geometry(Point, 4326), radius_m float8)');
  await knex.raw(
    `INSERT INTO bench_coverage_centres SELECT n, ST_SetSRID(ST_MakePoint(x, y), 4326), r
       FROM unnest(?::float8[], ?::float8[], ?::float8[]) WITH ORDINALITY AS u(x, y, r, n)`,
    [centres.map((c) => c.lng), centres.map((c) => c.lat), centres.map((c) => c.radiusM)],
  );
  const t0 = now();
  const { rows } = await knex.raw(
    `SELECT count(DISTINCT d.id) AS covered FROM bench_coverage_centres c
       JOIN bench_coverage_demand d ON ST_DWithin(c.geom::geography, d.geom::geography, c.radius_m)`,
  );
  return { covered: Number(rows[0].covered), ms: now() - t0 };
}

/** Pure figures; and, with a database, the same counts as one ST_DWithin query. */
export async function benchCoverage(label: string, db: Database | null, maxResidents = Infinity): Promise<void> {
  console.log(`\n## Coverage ${db ? `(${label}: JS next to one PostGIS ST_DWithin query on geography)` : '(pure)'}`);
  console.log('residents  centres   index ms   reach ms    JS total  PostGIS ms   ratio  covered JS  covered PostGIS');
  for (const n of SIZES.filter((s) => s <= maxResidents)) {
    const demand = clusteredDemand(n, Math.round(n / 2000), 17);
    if (db) await loadDemandTable(db.knex, demand);
    for (const count of CENTRE_COUNTS) {
      const centres = centresFor(count, count);
      const js = computeInJs(demand, centres);
      const total = js.indexMs + js.reachMs;
      const pg = db ? await countInPostgis(db.knex, centres) : null;
      console.log(
        `${String(n).padStart(9)} ${String(count).padStart(8)} ${f1(js.indexMs)}  ${f1(js.reachMs)}   ${f1(total)}  ${pg ? f0(pg.ms) : '        –'}  ${pg ? (pg.ms / total).toFixed(1).padStart(6) : '     –'}  ${String(js.covered).padStart(10)}  ${pg ? String(pg.covered).padStart(15) : '–'}`,
      );
    }
  }
  if (db) for (const table of ['bench_coverage_demand', 'bench_coverage_centres']) await db.knex.raw(`DROP TABLE IF EXISTS ${table}`);
  if (!db) benchSiting();
}

function benchSiting(): void {
  console.log('\n## New sites (maximal covering, pure): lazy greedy over grid cells, then swaps near each site (target < 500 ms)');
  const demand = clusteredDemand(1_000_000, 500, 23);
  const points = indexPoints(demand.lng, demand.lat);
  const rnd = seededRandom(29);
  const weights = new Float64Array(points.n).fill(1);
  const candidates = Array.from({ length: 5000 }, () => {
    const i = Math.floor(rnd() * points.n);
    return { lng: demand.lng[i]!, lat: demand.lat[i]! };
  });
  for (const swapBudget of [0, undefined]) {
    const t0 = now();
    const result = chooseSites({ points, demand: weights, candidates, radiusM: 1000, p: 50, swapBudget });
    const ms = now() - t0;
    const how = swapBudget === 0 ? 'greedy alone        ' : 'greedy + swaps (20M)';
    console.log(`1,000,000 residents × 5,000 candidates, p = 50, radius 1 km, ${how}: ${ms.toFixed(0).padStart(6)} ms, reached ${result.covered} (${result.swaps} swaps)`);
  }

  const gaps: number[] = [];
  const greedyGaps: number[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const small = clusteredDemand(3000, 12, seed);
    const r = seededRandom(seed + 1000);
    const input = {
      points: indexPoints(small.lng, small.lat),
      demand: Float64Array.from({ length: 3000 }, () => 1 + Math.floor(r() * 5)),
      candidates: Array.from({ length: 24 }, () => {
        const i = Math.floor(r() * 3000);
        return { lng: small.lng[i]!, lat: small.lat[i]! };
      }),
      radiusM: 2500,
      p: 4,
    };
    const exact = exactCovering(input).covered;
    const found = chooseSites(input);
    gaps.push(1 - found.covered / exact);
    greedyGaps.push(1 - found.greedyCovered / exact);
  }
  const stat = (xs: number[]) => `mean ${((100 * xs.reduce((s, x) => s + x, 0)) / xs.length).toFixed(2)} %, max ${(100 * Math.max(...xs)).toFixed(2)} %`;
  console.log(`gap to the exact optimum, 20 instances (3,000 residents, 24 candidates, p = 4): with swaps ${stat(gaps)}; greedy alone ${stat(greedyGaps)}`);
}

/**
 * The demo city over HTTP: the figures, a what-if that closes one centre and adds one, one that
 * gives every kind one radius; and what the map fetches besides (everyone's heat points, pairings).
 */
export async function benchCoverageHttp(label: string, base: string, ctx: AppContext, cookie: string): Promise<void> {
  const centre = await ctx.db.knex('service_centres').where({ region: ctx.region }).orderBy('id').first('id', ctx.db.knex.raw('ST_X(geom) AS lng'), ctx.db.knex.raw('ST_Y(geom) AS lat'));
  const samples = { figures: [] as number[], whatIf: [] as number[], kindRadius: [] as number[], sites: [] as number[], population: [] as number[], pairings: [] as number[] };
  const bytes: Record<string, number> = {};
  const time = async (list: number[], path: string, body?: unknown) => {
    const t0 = now();
    const res = await fetch(base + path, body ? { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) } : { headers: { cookie } });
    if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    bytes[path] = (await res.arrayBuffer()).byteLength;
    list.push(now() - t0);
  };
  const changes = { closed: [centre.id], added: [{ id: 'bench-new', kind: 'party_service', lng: Number(centre.lng) + 0.02, lat: Number(centre.lat), radiusM: 1200 }] };
  for (let i = 0; i < 20; i++) {
    await time(samples.figures, '/api/coverage');
    await time(samples.whatIf, '/api/coverage/what-if', { changes });
    await time(samples.kindRadius, '/api/coverage/what-if', { changes: { kindRadiusM: { party_service: 2000, convenience: 2000, labour: 2000 } } });
  }
  for (let i = 0; i < 5; i++) {
    await time(samples.population, '/api/coverage/population');
    await time(samples.pairings, '/api/pairings');
  }
  for (let i = 0; i < 5; i++) await time(samples.sites, '/api/coverage/sites', { p: 10, radiusM: 1000, candidates: 'hexes', hexSpacingM: 300 });
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\n## ${label}: coverage over HTTP on the demo city (p50 ms): figures ${p50(samples.figures).toFixed(0)}, what-if ${p50(samples.whatIf).toFixed(0)}, 10 new sites on hexes ${p50(samples.sites).toFixed(0)}`);
  const kB = (path: string) => `${(bytes[path]! / 1024).toFixed(0)} kB before gzip`;
  console.log(
    `every kind at 2 km ${p50(samples.kindRadius).toFixed(0)}; everyone's heat points ${p50(samples.population).toFixed(0)} (${kB('/api/coverage/population')}), ` +
      `pairings ${p50(samples.pairings).toFixed(0)} (${kB('/api/pairings')}); figures ${kB('/api/coverage')}`,
  );
}
