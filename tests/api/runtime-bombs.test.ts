// Files built to exhaust the server are refused fast and with bounded memory: a 1 MB zip that
// inflates to 1 GB (honest about it, or lying), a zip of overlapping entries that would inflate
// to 3 GB, and a workbook of a million rows for the batch look-up. The server's peak resident
// memory (VmHWM in /proc, no debug hook) barely moves, and health answers throughout.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { DEMO_ACCOUNTS } from '../../server/features/users/demo';
import { deflatedZeros, manyRowsWorkbook, rawZip } from '../support/bombs';
import { startServer, type RunningServer } from '../support/server';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
/** Growth of the peak allowed while refusing every bomb: the 1 GB one alone used to add 0.9 GB. */
const PEAK_GROWTH_MB = 150;

let server: RunningServer;
let admin = '';
let community = '';
let bombs: { honest: Uint8Array; lying: Uint8Array; overlapping: Uint8Array; rows: Uint8Array };

/** The server's resident memory now (`VmRSS`) or at its peak so far (`VmHWM`), in MB. */
const memoryMb = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

/** The highest resident memory seen while `work` runs, sampled every 10 ms (the peak of the whole life would hide it). */
async function highestDuring<T>(work: () => Promise<T>): Promise<{ value: T; highest: number }> {
  let highest = memoryMb('VmRSS');
  const sampler = setInterval(() => (highest = Math.max(highest, memoryMb('VmRSS'))), 10);
  try {
    return { value: await work(), highest };
  } finally {
    clearInterval(sampler);
  }
}

beforeAll(async () => {
  const gb = await deflatedZeros(GB);
  const hundred = await deflatedZeros(100 * MB);
  bombs = {
    honest: rawZip([{ name: 'areas.shp', data: gb, declared: GB }]),
    lying: rawZip([{ name: 'areas.shp', data: gb, declared: 1000 }]),
    // 30 directory entries over the one set of bytes: 3 GB declared from 100 KB.
    overlapping: rawZip([{ name: 'areas.shp', data: hundred, declared: 100 * MB }], 29),
    rows: manyRowsWorkbook(1_000_000),
  };
  server = await startServer({}, async (database) => {
    const db = await openDatabase(database);
    community = (await db.knex('communities').first('id')).id;
    await db.close();
  });
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
  const res = await fetch(server.url + '/api/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }),
  });
  admin = res.headers.get('set-cookie')!.split(';')[0]!;
}, 600_000);
afterAll(() => server?.stop());

async function upload(path: string, body: Uint8Array, type: string) {
  const started = performance.now();
  const res = await fetch(server.url + path, { method: 'POST', headers: { cookie: admin, 'content-type': type }, body: Buffer.from(body) });
  const answer = (await res.json()) as { code: string; error: string };
  return { status: res.status, ...answer, ms: Math.round(performance.now() - started) };
}

/** Every bomb sent in turn, each answer checked; health asked for alongside. */
async function refuseAll(): Promise<string> {
  const areas = `/api/communities/${community}/areas/import?format=shapefile`;
  const health = fetch(server.url + '/api/health').then((r) => r.status);
  const honest = await upload(areas, bombs.honest, 'application/zip');
  expect([honest.status, honest.code]).toEqual([422, 'import_zip_too_large']);
  expect(honest.error).toMatch(/超过 256 MB 的上限/);
  const lying = await upload(areas, bombs.lying, 'application/zip');
  expect([lying.status, lying.code]).toEqual([422, 'zip_size_lies']);
  expect(lying.error).toMatch(/与其声明的 1000 字节不符/);
  const overlapping = await upload(areas, bombs.overlapping, 'application/zip');
  expect([overlapping.status, overlapping.code]).toEqual([422, 'zip_overlapping']);
  expect(overlapping.error).toMatch(/压缩炸弹/);
  const rows = await upload('/api/lookup/batch', bombs.rows, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect([rows.status, rows.code]).toEqual([413, 'batch_too_many_rows']);
  expect(rows.error).toMatch(/一次最多查询 100000 行/);
  expect(await health).toBe(200);
  return [honest, lying, overlapping, rows].map((r) => `${r.code} ${r.ms} ms`).join(', ');
}

describe('bombs', () => {
  it('are each refused in Chinese first, health answers meanwhile, and the resident memory stays put', async () => {
    // Warm: the first upload loads the workers' modules.
    await upload(`/api/communities/${community}/areas/import?format=geojson`, Buffer.from('{}'), 'application/json');
    const before = memoryMb('VmRSS');
    const { value: times, highest } = await highestDuring(refuseAll);
    console.log(`bombs refused in ${times}; resident memory ${Math.round(before)} MB before, ${Math.round(highest)} MB at most while refusing`);
    expect(highest - before).toBeLessThan(PEAK_GROWTH_MB);
    expect(server.alive()).toBe(true);
  }, 300_000);
});
