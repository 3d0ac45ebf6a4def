// A city from files, the way a county loads it, on both databases: the demo city's own layers
// exported in the formats a county keeps (shapefiles, GeoJSON, KML, Excel) and imported into an
// empty region with `npm run import` give the same indicators, units and land areas; the
// fixtures GDAL made (GBK .dbf, Gauss-Krüger with and without the zone, no .prj, GCJ-02, Excel
// rosters with the offices' quirks) load through the CLI; the CLI says what to do when a file
// leaves a question open.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { openDatabase, type Database } from '../../server/db/database';
import type { ImportLayer } from '../../server/domain/layers';
import { exportLayer } from '../../server/features/export/service';
import type { ExportFormat } from '../../server/analysis/layer-export';
import { computeStats } from '../../server/features/stats/service';
import { IMPORTER } from '../support/import-draft';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

let clone: Awaited<ReturnType<typeof cloneDatabase>>;
const folders: string[] = [];

beforeAll(async () => {
  clone = await cloneDatabase(inject('database'));
});
afterAll(async () => {
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
  await clone?.drop();
});

/** Runs `npm run import` as a county's operator would, against the test database's copy. */
function importCli(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, GRIDMAP_DATA_DIR: clone.config.dataDir, DATABASE_URL: clone.config.databaseUrl ?? '', GRIDMAP_REGION: TEST_REGION },
    timeout: 600_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(clone.config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const TABLES = ['towns', 'communities', 'villages', 'contracted_areas', 'party_groups', 'estates', 'buildings', 'party_orgs', 'service_centres', 'pairings', 'address_aliases'];

/** Rows per table, and the land of each polygon table in km² (to 0.01). */
async function figures(db: Database, region: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.knex(t).where({ region }).count({ n: '*' }))[0]!.n);
  for (const t of ['towns', 'communities', 'villages', 'contracted_areas']) {
    const { rows } = await db.knex.raw(`SELECT sum(ST_Area(geom::geography)) / 1e6 AS km2 FROM ${t} WHERE region = ?`, [region]);
    out[`${t} km²`] = Math.round(Number(rows[0].km2) * 100) / 100;
  }
  const { rows } = await db.knex.raw('SELECT sum(households)::int AS h, sum(population)::int AS p, sum(party_members)::int AS m FROM buildings WHERE region = ?', [region]);
  Object.assign(out, { households: rows[0].h, population: rows[0].p, partyMembers: rows[0].m });
  return out;
}

describe('the demo city exported and imported into an empty region', () => {
  const formats: Record<ImportLayer, ExportFormat> = {
    towns: 'shapefile', villages: 'shapefile', communities: 'geojson', 'village-communities': 'xlsx', buildings: 'geojson',
    organisations: 'xlsx', centres: 'xlsx', areas: 'shapefile', groups: 'xlsx', pairings: 'kml', aliases: 'xlsx',
  };

  // A whole city written in eleven files and loaded by the command: minutes on a busy machine.
  it('gives the same indicators, units, land and people', { timeout: 900_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-export-'));
    folders.push(dir);
    const before = await withDatabase(async (db) => {
      const ctx = { db, region: TEST_REGION };
      for (const [layer, format] of Object.entries(formats) as Array<[ImportLayer, ExportFormat]>) {
        const file = await exportLayer(ctx, IMPORTER, layer, format);
        fs.writeFileSync(path.join(dir, file.fileName), file.bytes);
      }
      return { stats: await computeStats(ctx), figures: await figures(db, TEST_REGION) };
    });
    const run = importCli(['--dir', dir, '--region', 'roundtrip', '--json']);
    expect(run.code, run.stderr + run.stdout.slice(0, 2000)).toBe(0);
    const outcome = JSON.parse(run.stdout) as { ok: boolean; committed: boolean; region: string; layers: Record<string, { rows: number; added: number }>; problems: Array<{ severity: string }> };
    expect(outcome).toMatchObject({ ok: true, committed: true, region: 'roundtrip' });
    expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(outcome.layers.buildings!.added).toBe(before.figures.buildings);
    const after = await withDatabase(async (db) => ({ stats: await computeStats({ db, region: 'roundtrip' }), figures: await figures(db, 'roundtrip') }));
    expect(after.stats).toEqual(before.stats);
    expect(after.figures).toEqual(before.figures);
  });
});

describe('npm run import with the files a county hands over', () => {
  const fixtures = path.join(projectRoot, 'tests/fixtures/city');

  it('asks for the coordinate system a shapefile without .prj leaves open, naming the one that fits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-noprj-'));
    folders.push(dir);
    for (const name of ['towns.zip', 'communities.zip']) fs.copyFileSync(path.join(fixtures, name), path.join(dir, name));
    const run = importCli(['--dir', dir, '--region', 'asked', '--dry-run']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/communities 的坐标系不能从文件判断/);
    expect(run.stdout).toMatch(/"crs": "EPSG:4549"/);
  });

  it('loads the fixture city: GBK shapefiles in Gauss-Krüger, GCJ-02 buildings, Excel rosters', { timeout: 600_000 }, async () => {
    const run = importCli(['--dir', fixtures, '--region', 'fixtures', '--json']);
    expect(run.code, run.stderr + run.stdout.slice(0, 2000)).toBe(0);
    const outcome = JSON.parse(run.stdout) as { committed: boolean; layers: Record<string, { rows: number }> };
    expect(outcome.committed).toBe(true);
    await withDatabase(async (db) => {
      const towns = await db.knex('towns').where({ region: 'fixtures' }).orderBy('id').pluck('name');
      expect(towns).toEqual(['江城街道', '白沙镇']);
      const [mine] = await db.knex('buildings').where({ region: 'fixtures' }).orderBy('id').select('id', 'address', 'households', db.knex.raw('ST_X(geom) AS lng'), db.knex.raw('ST_Y(geom) AS lat'));
      const [demo] = await db.knex('buildings').where({ region: TEST_REGION, id: mine!.id }).select('address', 'households', db.knex.raw('ST_X(geom) AS lng'), db.knex.raw('ST_Y(geom) AS lat'));
      // The GCJ-02 offset undone to well under a metre.
      expect(Math.abs(Number(mine!.lng) - Number(demo!.lng))).toBeLessThan(1e-5);
      expect(Math.abs(Number(mine!.lat) - Number(demo!.lat))).toBeLessThan(1e-5);
      expect([mine!.address, mine!.households]).toEqual([demo!.address, demo!.households]);
      const orgs = await db.knex('party_orgs').where({ region: 'fixtures', level: 2 }).count({ n: '*' });
      const communities = await db.knex('communities').where({ region: 'fixtures' }).count({ n: '*' });
      expect(Number(orgs[0]!.n)).toBeGreaterThan(0);
      expect(Number(communities[0]!.n)).toBe(outcome.layers.communities!.rows);
    });
  });

  it('exits 2 with the usage when called wrongly, and 1 with the reason when a file cannot be read', () => {
    const usage = importCli(['--region', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/缺少参数 --dir/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-broken-'));
    folders.push(dir);
    fs.writeFileSync(path.join(dir, 'towns.zip'), 'not a zip at all');
    const broken = importCli(['--dir', dir, '--region', 'broken', '--json']);
    expect(broken.code).toBe(1);
    const outcome = JSON.parse(broken.stdout) as { ok: boolean; committed: boolean; problems: Array<{ layer: string; message: string; messageEn: string }> };
    expect(outcome).toMatchObject({ ok: false, committed: false });
    expect(outcome.problems[0]!.layer).toBe('towns');
    expect(outcome.problems[0]!.message).toMatch(/\p{Script=Han}/u);
  });
});
