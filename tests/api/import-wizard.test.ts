// The admin's import over HTTP, as the wizard drives it, with the fixture files GDAL made: a
// shapefile without .prj asks for its system (suggesting the one that fits), a zone-prefixed
// one is detected, GBK names read right, Excel rosters' headers found under titles and merged
// cells, GCJ-02 only when chosen; then the check, the commit, undo, and every refusal a person
// meets on the way — in Chinese first, with nothing written.
import fs from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import type { ImportLayer } from '../../server/domain/layers';
import type { ImportState } from '../../server/features/import/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let admin: string;
let planner: string;
const fixtures = path.join(projectRoot, 'tests/fixtures/city');

beforeAll(async () => {
  api = await startTestApi();
  admin = await loginDemo(api, 'admin');
  planner = await loginDemo(api, 'planner');
});
afterAll(() => api.close());

async function upload(state: ImportState, layer: ImportLayer, file: string, bytes = fs.readFileSync(path.join(fixtures, file))): Promise<{ status: number; body: ImportState & { code?: string; error?: string } }> {
  const res = await api.request(`/api/imports/${state.id}/layers/${layer}?version=${state.version}&name=${encodeURIComponent(file)}`, {
    method: 'PUT', cookie: admin, headers: { 'content-type': 'application/octet-stream' }, body: bytes,
  });
  return { status: res.status, body: (await res.json()) as ImportState & { code?: string; error?: string } };
}

const step = <T = ImportState>(state: ImportState, what: string, body: Record<string, unknown> = {}) =>
  send<T & { code?: string; error?: string; errorEn?: string }>(api, 'POST', `/api/imports/${state.id}/${what}`, { version: state.version, ...body }, admin);

async function fresh(): Promise<ImportState> {
  const made = await send<ImportState>(api, 'POST', '/api/imports', undefined, admin);
  expect(made.status).toBe(201);
  return made.body;
}

describe('reading a county’s files', () => {
  let draft: ImportState;
  beforeAll(async () => {
    draft = await fresh();
  });

  it('asks for the system of a shapefile without .prj, suggesting the zone that fits the city', async () => {
    const read = await upload(draft, 'communities', 'communities.zip');
    expect(read.status).toBe(200);
    const layer = read.body.layers.communities!;
    expect(layer.crs).toMatchObject({ status: 'ambiguous', suggested: 'EPSG:4549' });
    expect(layer.crs.reason!.message).toMatch(/\p{Script=Han}/u);
    expect(layer.rows).toBeNull();
    const mapped = await step(read.body, 'layers/communities/mapping', { crs: 'EPSG:4549', mode: 'merge' });
    expect(mapped.status).toBe(200);
    expect(mapped.body.layers.communities).toMatchObject({ rows: 25, rowProblems: 0, crs: { status: 'chosen', used: 'EPSG:4549' }, mode: 'merge' });
    draft = mapped.body;
  });

  it('detects Gauss-Krüger with the zone number in front, and reads GBK names without a .cpg', async () => {
    // The same shapefile with its .prj taken out: the zone number in front of X says the system.
    const parts = unzipSync(fs.readFileSync(path.join(fixtures, 'villages.zip')));
    const withoutPrj = zipSync(Object.fromEntries(Object.entries(parts).filter(([name]) => !/\.(prj|cpg)$/i.test(name))));
    const read = await upload(draft, 'villages', 'villages.zip', Buffer.from(withoutPrj));
    const layer = read.body.layers.villages!;
    expect(layer.crs).toMatchObject({ status: 'detected', used: 'EPSG:4528' });
    expect(layer.rows).toBe(40);
    expect(String(layer.preview[0]!.values.name)).toMatch(/^\p{Script=Han}+村$/u);
    // Two towns' villages into a city of seventeen: merged, not replacing the others.
    draft = (await step(read.body, 'layers/villages/mapping', { mode: 'merge' })).body;
  });

  it('finds the roster’s header under its title and merged cells, and says which lines were skipped', async () => {
    const read = await upload(draft, 'organisations', 'organisations.xlsx');
    const layer = read.body.layers.organisations!;
    expect(layer.unsure).toEqual([]);
    expect(layer.fields.members!.confidence).toBe('sure');
    expect(layer.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(['title', 'total', 'note']));
    expect(layer.rows).toBeGreaterThan(400);
    draft = (await step(read.body, 'layers/organisations/mapping', { mode: 'merge' })).body;
  });

  it('reads degrees as CGCS2000 unless GCJ-02 is chosen, as a web map’s export needs', async () => {
    const read = await upload(draft, 'buildings', 'buildings.geojson');
    expect(read.body.layers.buildings!.crs).toMatchObject({ used: 'EPSG:4490' });
    const chosen = await step(read.body, 'layers/buildings/mapping', { crs: 'gcj02', mode: 'merge' });
    expect(chosen.body.layers.buildings!.crs).toMatchObject({ status: 'chosen', used: 'GCJ-02' });
    draft = chosen.body;
  });

  it('refuses what a person can get wrong, saying it in Chinese first, and keeps the draft as it was', async () => {
    const garbage = await upload(draft, 'towns', 'towns.zip', Buffer.from('PK\u0003\u0004 but not a zip'));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatch(/\p{Script=Han}/u);
    const unknownLayer = await api.request(`/api/imports/${draft.id}/layers/rivers?version=${draft.version}&name=x.geojson`, { method: 'PUT', cookie: admin, body: '{}' });
    expect(unknownLayer.status).toBe(400);
    const badCrs = await step(draft, 'layers/buildings/mapping', { crs: 'EPSG:9999' });
    expect([badCrs.status, badCrs.body.code]).toEqual([400, 'import_unknown_crs']);
    const notUploaded = await step(draft, 'layers/areas/mapping', { crs: 'EPSG:4549' });
    expect(notUploaded.status).toBe(409);
    const stale = await step({ ...draft, version: draft.version - 1 }, 'check');
    expect(stale.status).toBe(409);
    const unknownField = await step(draft, 'layers/buildings/mapping', { mapping: { rooms: '户数' } });
    expect(unknownField.status).toBeGreaterThanOrEqual(400);
    expect(unknownField.body.error).toMatch(/\p{Script=Han}/u);
    const nul = await step(draft, 'layers/buildings/mapping', { crs: 'gcj\u000002' });
    expect(nul.status).toBe(400);
    const now = (await send<ImportState>(api, 'GET', `/api/imports/${draft.id}`, undefined, admin)).body;
    expect(now.version).toBe(draft.version);
    expect(Object.keys(now.layers).sort()).toEqual(['buildings', 'communities', 'organisations', 'villages']);
  });

  it('checks, commits what the files change and nothing else, and undoes it', async () => {
    const before = await api.json('/api/stats');
    const checked = await step(draft, 'check');
    expect(checked.status).toBe(200);
    const report = checked.body.report!;
    expect(report.errors, JSON.stringify(report.problems.filter((p) => p.severity === 'error').slice(0, 3))).toBe(0);
    expect(report.layers.communities).toMatchObject({ rows: 25, added: 0, removed: 0 });
    expect(report.layers.villages).toMatchObject({ rows: 40, added: 0, removed: 0 });
    expect(report.towns.length).toBeGreaterThan(2);
    const committed = await step(checked.body, 'commit', { acceptWarnings: true });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ status: 'committed', undoable: true });
    expect(await api.json('/api/stats')).toEqual(before);
    const listed = await send<{ imports: Array<{ id: string; status: string }> }>(api, 'GET', '/api/imports', undefined, admin);
    expect(listed.body.imports.find((i) => i.id === draft.id)?.status).toBe('committed');
    const undone = await step(committed.body, 'undo');
    expect([undone.status, undone.body.status]).toEqual([200, 'undone']);
    const again = await step(undone.body, 'undo');
    expect([again.status, again.body.code]).toEqual([409, 'import_wrong_status']);
  });
});

describe('a commit the check refuses', () => {
  it('is 422 with each problem, and the city stays as it was', async () => {
    let draft = await fresh();
    // The fixture's two towns' communities replacing the whole city's: the other towns' areas lose theirs.
    draft = (await upload(draft, 'communities', 'communities.zip')).body;
    draft = (await step(draft, 'layers/communities/mapping', { crs: 'EPSG:4549' })).body;
    const areas = await api.ctx.db.knex('contracted_areas').where({ region: api.ctx.region }).count({ n: '*' });
    const refused = await step(draft, 'commit', { acceptWarnings: true });
    expect(refused.status).toBe(422);
    const problems = (refused.body as unknown as { problems: Array<{ code: string; message: string }> }).problems;
    expect(problems.some((p) => p.code === 'parent_missing')).toBe(true);
    expect(await api.ctx.db.knex('contracted_areas').where({ region: api.ctx.region }).count({ n: '*' })).toEqual(areas);
    const discarded = await step(draft, 'discard');
    expect(discarded.body.status).toBe('discarded');
  });

  it('refuses a planner (403), whose jurisdiction is a town, not the whole city', async () => {
    const res = await send(api, 'POST', '/api/imports', undefined, planner);
    expect(res.status).toBe(403);
  });
});

describe('export of every layer', () => {
  it('gives the county its data back in each format, and says when a table has no places', async () => {
    const zip = await api.request('/api/export/buildings?format=shapefile', { cookie: admin });
    expect(zip.status).toBe(200);
    expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const xlsx = await api.request('/api/export/organisations?format=xlsx', { cookie: admin });
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const geojson = (await (await api.request('/api/export/towns?format=geojson', { cookie: admin })).json()) as { features: Array<{ properties: Record<string, unknown> }> };
    expect(Object.keys(geojson.features[0]!.properties)).toEqual(expect.arrayContaining(['行政区代码', '名称', '类型']));
    const none = await send(api, 'GET', '/api/export/organisations?format=kml', undefined, admin);
    expect([none.status, (none.body as { code?: string }).code]).toEqual([400, 'export_no_places']);
  });
});
