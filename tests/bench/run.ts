// `npm run bench`: figures, not pass/fail. For each database: cold and warm start, GeoJSON
// layer sizes and times, z14 building tiles rendered and cached next to the raw SQL (tests/bench/tiles.ts), and a load
// run of 50 concurrent clients (reads and writes, with lost writes counted); the look-up's
// figures (tests/bench/lookup.ts), also on a large copied city; 10,000-row batch look-ups
// (tests/bench/batch.ts); for PGlite also the journal's write latency and recovery times; the
// automatic proposal of contracted areas (tests/bench/proposals.ts, pure, no database); saving a
// community's painted plan, dry run next to real save (tests/bench/plans.ts); the automatic
// building party groups of the largest area (tests/bench/groups.ts, pure); service coverage and
// new sites (tests/bench/coverage.ts), pure and next to PostGIS on each database; a whole-city
// merger scenario compared, exported, adopted and undone (tests/bench/scenarios.ts); the leaders'
// dashboard next to /api/stats (tests/bench/dashboard.ts); a city imported into an empty region
// from its rows next to one INSERT … SELECT (tests/bench/imports.ts); residents' requests, filed
// at 1 and 32 clients and the leaders' figures over a year of 100,000 of them next to their one
// SQL aggregation (tests/bench/requests.ts, last: it replaces the city's requests); light
// requests next to heavy analyses on the worker pool, and bombs refused (tests/bench/runtime.ts);
// on PostgreSQL, processes behind nginx, a read replica and one city among thirteen
// (tests/bench/scale.ts).
// GRIDMAP_BENCH_ONLY=imports,… runs only the sections named (see `wanted`).
// PostgreSQL figures need a server (GRIDMAP_BENCH_PG_URL, default the local one); without
// one they are skipped with a note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { prepareDatabase } from '../../server/startup';
import { readGuardConfig } from '../../server/http/guard-config';
import { LAYER_NAMES } from '../../server/features/layers/catalogue';
import { benchBatch, staffCookie } from './batch';
import { benchCoverage, benchCoverageHttp } from './coverage';
import { benchDashboard } from './dashboard';
import { benchRequests } from './requests';
import { benchJournal } from './journal';
import { benchPlans } from './plans';
import { benchGroups } from './groups';
import { benchScenarios } from './scenarios';
import { benchTiles } from './tiles';
import { benchPages } from './pages';
import { benchProposals } from './proposals';
import { benchRuntime } from './runtime';
import { closeWorkerPool } from '../../server/runtime/pool';
import { benchImports } from './imports';
import { benchCities, benchScale } from './scale';
import { benchLookup, benchLookupMillion, benchLookupMillionOnPglite, served } from './lookup';
import { benchPgliteOpen } from './pglite-open';
import { adminQuery, withDatabase } from '../support/test-database';
import { runLoad, type LoadFigures } from './load';
import { areaEditCase, loginLogoutCase, readCases, signInRushCase, workingDayCase, type MixedCase, type ReadSample, type WriteCase } from './load-cases';

const REGION = 'bench-city';

/**
 * Sections GRIDMAP_BENCH_ONLY names (all when unset): `core` (start, layers, tiles, load, look-up …), `imports`,
 * `scale` (PostgreSQL: nginx, replica, 13 cities), `pages` (with `core`), and, named only,
 * `lookup` (the million-address look-up alone, which `core` also runs), `load` (the load run
 * alone, likewise) and `cities` (the 13 cities alone, which `scale` also runs).
 */
const ONLY = process.env.GRIDMAP_BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (section: string) => !ONLY || ONLY.includes(section);
const importCopies = (engine: 'PG' | 'PGLITE') => Number(process.env[`GRIDMAP_BENCH_IMPORT_COPIES_${engine}`] ?? 60);
const TILE_SAMPLES = 200;
const LOAD = { concurrency: 50, seconds: 4 };

/**
 * Copies of the demo city for the large look-up city (60 ≈ 1 million addresses). Measured on
 * 2 cores: made in 62 s + keys 101 s on PostgreSQL, 97 s + 119 s on PGlite (2 GB resident);
 * GRIDMAP_BENCH_LOOKUP_COPIES_PG / _PGLITE make it smaller (0 skips it).
 */
const lookupCopies = (engine: 'PG' | 'PGLITE', fallback: number) => Number(process.env[`GRIDMAP_BENCH_LOOKUP_COPIES_${engine}`] ?? fallback);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (x: number) => x.toFixed(1).padStart(8);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return [value, ms(t0)];
}

function tileOf(lng: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

/**
 * The app on the demo city, rate limits off: the load run measures the server, and 50 clients on
 * one address are the very thing the limits would stop.
 */
function benchApp(ctx: AppContext) {
  const guard = { ...readGuardConfig(), rateLimits: { loginPerIp: 0, loginPerUser: 0, publicPerIp: 0 } };
  return served(createApp(ctx, { guard }).listen(0, '127.0.0.1'));
}

async function measure(label: string, db: Database): Promise<void> {
  const ctx: AppContext = { db, region: REGION };
  const server = await benchApp(ctx);
  const { base } = server;

  console.log(`\n## ${label}: GeoJSON layers (whole city)`);
  console.log('layer        features      bytes       ms');
  for (const layer of LAYER_NAMES) {
    const [body, t] = await timed(async () => (await fetch(`${base}/api/layers/${layer}`)).text());
    const fc = JSON.parse(body) as FeatureCollection;
    console.log(`${layer.padEnd(12)} ${String(fc.features.length).padStart(8)} ${String(body.length).padStart(10)} ${fmt(t)}`);
  }

  const sample = await readSample(base, ctx);
  await benchTiles(label, base, ctx, sample.tiles);
  await loadRun(label, base, ctx, sample);
  await benchLookup(label, ctx, base);
  await benchBatch(label, base, ctx);
  await benchPlans(label, ctx);
  await benchCoverageHttp(label, base, ctx, await staffCookie(ctx));
  await benchDashboard(label, ctx);
  await benchScenarios(label, ctx);
  await benchRequests(label, ctx);
  await server.close();
}

/** What the load run reads: units, bboxes around buildings and z14 tiles spread over the city. */
async function readSample(base: string, ctx: AppContext): Promise<ReadSample> {
  const buildings = JSON.parse(await (await fetch(`${base}/api/layers/buildings`)).text()) as FeatureCollection<Point>;
  const tiles = new Map<string, { z: number; x: number; y: number }>();
  for (const f of buildings.features) {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const t = tileOf(lng, lat, 14);
    tiles.set(`${t.x}/${t.y}`, t);
  }
  return {
    units: await unitSample(ctx),
    bboxes: buildings.features.filter((_, i) => i % 97 === 0).map((f) => {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      return [lng - 0.005, lat - 0.005, lng + 0.005, lat + 0.005];
    }),
    tiles: [...tiles.values()].filter((_, i) => i % Math.max(1, Math.floor(tiles.size / TILE_SAMPLES)) === 0).slice(0, TILE_SAMPLES),
  };
}

/** The load run alone (`GRIDMAP_BENCH_ONLY=load`), without the rest of `core`. */
async function benchLoadAlone(label: string, db: Database): Promise<void> {
  const ctx: AppContext = { db, region: REGION };
  const server = await benchApp(ctx);
  try {
    await loadRun(label, server.base, ctx, await readSample(server.base, ctx));
  } finally {
    await server.close();
  }
}

/** Units of every level for the info-panel reads. */
async function unitSample({ db, region }: AppContext): Promise<ReadSample['units']> {
  const k = db.knex;
  const ids = (table: string) => k(table).where({ region }).orderBy('id').limit(100).pluck('id') as Promise<string[]>;
  const levels = { town: 'towns', community: 'communities', area: 'contracted_areas', group: 'party_groups', building: 'buildings' };
  const units: ReadSample['units'] = [];
  for (const [level, table] of Object.entries(levels)) units.push(...(await ids(table)).map((id) => ({ level, id })));
  return units;
}

async function loadRun(label: string, base: string, ctx: AppContext, sample: ReadSample): Promise<void> {
  console.log(`\n## ${label}: load, ${LOAD.concurrency} concurrent clients on loopback, ${LOAD.seconds} s a case, rate limits off`);
  console.log('case                              requests  req/s      p50      p99  errors');
  const row = (name: string, f: LoadFigures) =>
    console.log(`${name.padEnd(32)} ${String(f.requests).padStart(9)} ${fmt(f.requests / f.seconds)} ${fmt(f.p50)} ${fmt(f.p99)} ${String(f.errors).padStart(7)}`);
  for (const read of readCases(sample)) row(read.name, await runLoad(base, read, LOAD));
  const bySteps = (mixed: MixedCase) => {
    for (const step of mixed.byStep()) console.log(`  of which ${step.name.padEnd(34)} ${String(step.n).padStart(6)} steps, p50 ${fmt(step.p50)} p99 ${fmt(step.p99)}`);
  };
  const renames = await areaEditCase(ctx, LOAD.concurrency);
  const day = workingDayCase(sample, await staffCookie(ctx), renames);
  row('working day (issue 17)', await runLoad(base, day, LOAD));
  bySteps(day);
  const { acknowledged, found } = await renames.verify();
  console.log(`  lost writes: ${acknowledged - found} of ${acknowledged} acknowledged renames`);
  const rush = signInRushCase(sample, await staffCookie(ctx), await loginLogoutCase(ctx));
  row('sign-in rush (every 4th a login)', await runLoad(base, rush, LOAD));
  bySteps(rush);
  const writes: WriteCase[] = [await loginLogoutCase(ctx), await areaEditCase(ctx, LOAD.concurrency)];
  for (const write of writes) {
    row(write.name, await runLoad(base, write, LOAD));
    const { acknowledged, found, note } = await write.verify();
    console.log(`  lost writes: ${acknowledged - found} of ${acknowledged} acknowledged (${note})`);
  }
  console.log('  (latencies in ms, per HTTP request; login + logout makes two requests a step)');
}

async function benchPglite(): Promise<void> {
  if (wanted('core')) await benchPgliteCore();
  else {
    if (ONLY?.includes('lookup')) await benchLookupMillionOnPglite(REGION, lookupCopies('PGLITE', 60));
    if (wanted('pages')) await benchPagesAlone();
  }
  if (wanted('runtime') || ONLY?.includes('load')) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-bench-runtime-'));
    try {
      const db = await openDatabase({ databaseUrl: undefined, dataDir });
      await prepareDatabase(db, REGION, () => {});
      if (ONLY?.includes('load')) await benchLoadAlone('PGlite', db);
      if (wanted('runtime')) await benchRuntime('PGlite', { db, region: REGION });
      await db.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (wanted('imports')) {
    // In a data directory of its own, migrated and empty: the import's regions start with nothing.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-bench-import-'));
    try {
      const db = await openDatabase({ databaseUrl: undefined, dataDir });
      await prepareDatabase(db, REGION, () => {}, false);
      await benchImports('PGlite', db, importCopies('PGLITE'));
      await db.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** The page figures without the core's: on a demo city of their own. */
async function benchPagesAlone(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-bench-pages-'));
  try {
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    await prepareDatabase(db, REGION);
    await benchPages('PGlite', { db, region: REGION });
    await db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPgliteCore(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-bench-'));
  try {
    const [cold, coldMs] = await timed(async () => {
      const db = await openDatabase({ databaseUrl: undefined, dataDir });
      await prepareDatabase(db, REGION);
      return db;
    });
    await cold.close();
    await benchPgliteOpen(dataDir);
    const [db, warmMs] = await timed(async () => {
      const opened = await openDatabase({ databaseUrl: undefined, dataDir });
      await prepareDatabase(opened, REGION);
      return opened;
    });
    console.log('\n## PGlite: start');
    console.log(`cold start (initdb + migrate + load demo city) ${fmt(coldMs)} ms`);
    console.log(`warm start (open existing data directory)      ${fmt(warmMs)} ms   ratio cold/warm ${(coldMs / warmMs).toFixed(1)}`);
    await measure('PGlite', db);
    if (wanted('pages')) await benchPages('PGlite', { db, region: REGION });
    await benchCoverage('PGlite', db, Number(process.env.GRIDMAP_BENCH_COVERAGE_MAX_PGLITE ?? 1_000_000));
    await db.close();
    await benchJournal({ databaseUrl: undefined, dataDir }, REGION);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // In a data directory of its own, so the journal figures above stay the demo city's.
  await benchLookupMillionOnPglite(REGION, lookupCopies('PGLITE', 60));
}

async function benchPostgres(): Promise<void> {
  const adminUrl = process.env.GRIDMAP_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gridmap_bench_${process.pid}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  } catch (err) {
    console.log(`\n## PostgreSQL: skipped (${(err as Error).message}); set GRIDMAP_BENCH_PG_URL`);
    return;
  }
  try {
    const url = withDatabase(adminUrl, name);
    const [coldDb, coldMs] = await timed(async () => {
      const db = await openDatabase({ databaseUrl: url, dataDir: '' });
      await prepareDatabase(db, REGION);
      return db;
    });
    await coldDb.close();
    console.log('\n## PostgreSQL + PostGIS: start');
    console.log(`first start (migrate + load demo city) ${fmt(coldMs)} ms`);
    const db = await openDatabase({ databaseUrl: url, dataDir: '' });
    if (wanted('core')) {
      await measure('PostgreSQL', db);
      await benchCoverage('PostgreSQL', db);
      await benchLookupMillion('PostgreSQL', db, REGION, lookupCopies('PG', 60));
    }
    else if (ONLY?.includes('lookup')) await benchLookupMillion('PostgreSQL', db, REGION, lookupCopies('PG', 60));
    if (wanted('imports')) await benchImports('PostgreSQL', db, importCopies('PG'));
    if (ONLY?.includes('load')) await benchLoadAlone('PostgreSQL', db);
    if (wanted('runtime')) await benchRuntime('PostgreSQL', { db, region: REGION });
    if (wanted('scale')) await benchScale(adminUrl, db, url, REGION);
    else if (ONLY?.includes('cities')) await benchCities(adminUrl, { db, region: REGION }, url);
    await db.close();
  } finally {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

console.log(`GridMap bench — ${new Date().toISOString()} — ${os.cpus().length} cores, node ${process.version}`);
if (wanted('core')) {
  benchProposals();
  benchGroups();
  await benchCoverage('pure', null);
}
await benchPglite();
await benchPostgres();
// The analyses' worker threads would keep the process alive.
await closeWorkerPool();
