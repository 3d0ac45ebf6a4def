// Importing and exporting a community's areas over HTTP, with files made by GDAL (see
// tests/fixtures/areas/README.md): every format and coordinate system back to the source
// geometry, the questions a file leaves open (no .prj), bad files refused with their reason and
// nothing saved, and exports that read back as the same areas with the database's own figures.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read as readShapefile } from 'shapefile';
import { gcj02ToBd09, wgs84ToGcj02 } from '../../server/analysis/crs';
import type { Preview } from '../../server/analysis/areas-io/features';
import { loginDemo } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/areas');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const source = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'source.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
/** 1e-6° is about 0.1 m: far below any drawing error, far above two PROJ implementations' disagreement. */
const TOLERANCE_DEG = 1e-6;

let api: TestApi;
let admin: string;
let planner: string;
/** The community the fixtures' areas come from, and one of another town for the planner. */
let community = '';
let otherTown = '';

beforeAll(async () => {
  api = await startTestApi();
  [admin, planner] = [await loginDemo(api, 'admin'), await loginDemo(api, 'planner')];
  const k = api.ctx.db.knex;
  community = (await k('contracted_areas').where({ id: source.features[0]!.properties!.id }).first('community_id')).community_id;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  otherTown = (await k('communities').whereNot('town_id', town!).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

async function importFile(bytes: Uint8Array | string, query: string, cookie = admin, communityId = community) {
  const res = await api.request(`/api/communities/${communityId}/areas/import?${query}`, { method: 'POST', cookie, body: typeof bytes === 'string' ? bytes : Buffer.from(bytes) });
  return { status: res.status, body: (await res.json()) as Preview & { code?: string; error?: string; errorEn?: string; params?: Record<string, unknown>; needsCrs?: boolean; feature?: number } };
}

/** Largest distance between the two outlines, in degrees, by PostGIS. */
async function hausdorff(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): Promise<number> {
  const { rows } = await api.ctx.db.knex.raw('SELECT ST_HausdorffDistance(ST_GeomFromGeoJSON(?::text), ST_GeomFromGeoJSON(?::text)) AS d', [JSON.stringify(a), JSON.stringify(b)]);
  return Number((rows as { d: number }[])[0]!.d);
}

async function expectSourceAreas(preview: Preview) {
  expect(preview.features.map((f) => f.name)).toEqual(source.features.map((f) => f.properties!.name));
  for (const [i, f] of preview.features.entries()) expect(await hausdorff(f.geometry, source.features[i]!.geometry)).toBeLessThan(TOLERANCE_DEG);
}

const savedState = () => api.ctx.db.knex('contracted_areas').orderBy('id').select('id', 'version', api.ctx.db.knex.raw('md5(ST_AsEWKB(geom)::text) AS g'));

describe('POST /api/communities/{id}/areas/import: formats and coordinate systems', () => {
  const cases: [string, string, string][] = [
    ['areas.geojson', 'geojson', 'EPSG:4326'],
    ['areas.kml', 'kml', 'EPSG:4326'],
    ['areas-wgs84.zip', 'shapefile', 'EPSG:4326'],
    ['areas-cm120.zip', 'shapefile', 'EPSG:4549'],
    ['areas-gk40.zip', 'shapefile', 'EPSG:4528'],
    ['areas-mercator.zip', 'shapefile', 'EPSG:3857'],
    ['areas-gbk.zip', 'shapefile', 'EPSG:4326'],
    ['areas-gbk-nocpg.zip', 'shapefile', 'EPSG:4326'],
  ];
  for (const [file, format, crs] of cases) {
    it(`reads ${file} as the source areas, names and outlines (${crs})`, async () => {
      const { status, body } = await importFile(fixture(file), `format=${format}`);
      expect(status, body.error).toBe(200);
      expect(body.crs.used).toBe(crs);
      await expectSourceAreas(body);
      expect(body.features.map((f) => f.nameEn)).toEqual(source.features.map((f) => f.properties!.name_en));
    });
  }

  it('asks for the coordinate system of a shapefile without .prj (422 needsCrs), then reads it as chosen', async () => {
    const asked = await importFile(fixture('areas-noprj.zip'), 'format=shapefile');
    expect(asked.status).toBe(422);
    expect(asked.body).toMatchObject({ code: 'import_no_prj', needsCrs: true, errorEn: 'the shapefile has no .prj: choose its coordinate system' });
    expect(asked.body.error).toMatch(/缺少 \.prj/);
    const chosen = await importFile(fixture('areas-noprj.zip'), 'format=shapefile&crs=wgs84');
    expect(chosen.status).toBe(200);
    expect(chosen.body.crs).toEqual({ detected: null, used: 'EPSG:4326' });
    await expectSourceAreas(chosen.body);
  });

  it('converts GCJ-02 and BD-09 input when the user says so, and warns when GeoJSON is read as WGS84 by default', async () => {
    const shifted = (offset: (p: [number, number]) => [number, number]) => {
      const copy = structuredClone(source);
      for (const f of copy.features) {
        const g = f.geometry as Polygon;
        g.coordinates = g.coordinates.map((ring) => ring.map((p) => offset(p as [number, number]) as Position));
      }
      return JSON.stringify(copy);
    };
    const gcj = shifted(wgs84ToGcj02);
    const fromGcj = await importFile(gcj, 'format=geojson&crs=gcj02');
    expect(fromGcj.body.crs.used).toBe('GCJ-02');
    await expectSourceAreas(fromGcj.body);
    const fromBd = await importFile(shifted((p) => gcj02ToBd09(wgs84ToGcj02(p))), 'format=geojson&crs=bd09');
    expect(fromBd.body.crs.used).toBe('BD-09');
    await expectSourceAreas(fromBd.body);
    const assumed = await importFile(gcj, 'format=geojson');
    expect(assumed.body.warnings.map((w) => w.code)).toContain('import_crs_default');
    // Read as WGS84, the offset stays in: hundreds of metres off.
    expect(await hausdorff(assumed.body.features[0]!.geometry, source.features[0]!.geometry)).toBeGreaterThan(0.002);
  });

  it('reads a GeoJSON in metres whose legacy "crs" member names a Gauss-Krüger zone', async () => {
    const zip = unzipSync(fixture('areas-cm120.zip'));
    const metres = await readShapefile(zip['areas.shp']!, zip['areas.dbf']!, { encoding: 'utf-8' });
    const geojson = { ...metres, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } } };
    const { status, body } = await importFile(JSON.stringify(geojson), 'format=geojson');
    expect(status, body.error).toBe(200);
    expect(body.crs).toEqual({ detected: 'EPSG:4549', used: 'EPSG:4549' });
    await expectSourceAreas(body);
  });
});

describe('POST /api/communities/{id}/areas/import: bad files say what is wrong and save nothing', () => {
  const zipOf = (files: Record<string, Uint8Array>) => zipSync(files);
  const withPrj = (prj: string) => zipOf({ ...unzipSync(fixture('areas-wgs84.zip')), 'areas.prj': strToU8(prj) });
  const bowtie = { type: 'Polygon', coordinates: [[[120.1, 32], [120.11, 32.01], [120.11, 32], [120.1, 32.01], [120.1, 32]]] };
  const cases: [string, () => Uint8Array | string, string, number, string, RegExp][] = [
    ['not a zip', () => 'PK? no', 'format=shapefile', 400, 'import_not_zip', /not a zip/],
    ['a zip without .shp', () => zipOf({ 'readme.txt': strToU8('hello') }), 'format=shapefile', 422, 'import_zip_no_shp', /no \.shp inside the zip \(it holds readme\.txt\)/],
    ['a .prj in Beijing 1954', () => withPrj('GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'), 'format=shapefile', 422, 'import_prj_unknown', /"GCS_Beijing_1954".*ellipsoid/],
    ['points, not polygons', () => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '甲' }, geometry: { type: 'Point', coordinates: [120, 32] } }] }), 'format=geojson', 422, 'import_feature_not_polygon', /feature 1 \("甲"\) is a Point, not a polygon/],
    ['broken XML', () => '<kml><Document><Placemark><name>x</name></Document></kml>', 'format=kml', 400, 'import_broken_xml', /broken XML/],
    ['not JSON', () => '{"type": "FeatureCollection",', 'format=geojson', 400, 'import_not_json', /not JSON/],
    ['too many features', () => JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 501 }, () => source.features[0]) }), 'format=geojson', 422, 'import_too_many_features', /501 features, more than the 500/],
    ['an unclosed ring', () => JSON.stringify({ type: 'Feature', properties: { name: '乙' }, geometry: { type: 'Polygon', coordinates: [[[120.1, 32], [120.11, 32], [120.11, 32.01], [120.1, 32.01]]] } }), 'format=geojson', 422, 'import_feature_problem', /feature 1 \("乙"\): ring 0: the ring is not closed/],
    ['a self-intersecting ring', () => JSON.stringify({ type: 'Feature', properties: { name: '丙' }, geometry: bowtie }), 'format=geojson', 422, 'import_feature_problem', /feature 1 \("丙"\): geometry is not valid: Self-intersection at \[120\.10(5|49\d*), 32\.00(5|49\d*)\]/],
    ['metres read as degrees', () => fixture('areas-cm120.zip'), 'format=shapefile&crs=wgs84', 422, 'import_feature_metres', /metres, not degrees/],
    ['an unknown coordinate system', () => fixture('areas-noprj.zip'), 'format=shapefile&crs=epsg:2385', 400, 'import_unknown_crs', /query\.crs: "epsg:2385"/],
    ['an unknown format', () => fixture('areas.kml'), 'format=dwg', 400, 'invalid_input', /query\.format/],
  ];
  for (const [what, bytes, query, status, code, reason] of cases) {
    it(`refuses ${what} (${status}) by code, in Chinese and in English`, async () => {
      const before = await savedState();
      const res = await importFile(bytes(), query);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.error).toMatch(/\p{Script=Han}/u);
      expect(res.body.errorEn).toMatch(reason);
      expect(await savedState()).toEqual(before);
    });
  }

  it('names the feature at fault by its index and number, with the geometry gate\'s own code', async () => {
    const res = await importFile(JSON.stringify({ type: 'FeatureCollection', features: [source.features[0], { type: 'Feature', properties: { name: '丙' }, geometry: bowtie }] }), 'format=geojson');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import_feature_problem', feature: 1, params: { number: 2, name: '丙', problemCode: 'geometry_invalid' } });
    expect(res.body.error).toMatch(/^第 2 个要素“丙”：图形无效/);
  });

  it('refuses an empty body and a file over the size limit', async () => {
    expect((await importFile('', 'format=geojson')).status).toBe(400);
    const huge = new Uint8Array(21 * 1024 * 1024);
    const res = await importFile(huge, 'format=geojson');
    expect(res.status).toBe(413);
    expect((res.body as { errorEn?: string }).errorEn).toMatch(/larger than the limit of 20 MB/);
    expect(res.body.error).toMatch(/20 MB 的上限/);
  });
});

describe('import and export: who may, and the audit', () => {
  it("answers another town's planner 404 and audits the probe; audits imports and exports without names", async () => {
    expect((await importFile(fixture('areas.geojson'), 'format=geojson', planner, otherTown)).status).toBe(404);
    const res = await api.request(`/api/communities/${otherTown}/areas/export?format=geojson`, { cookie: planner });
    expect(res.status).toBe(404);
    const k = api.ctx.db.knex;
    expect(await k('audit_log').where({ action: 'authz_denied', actor: 'demo-planner', object_id: otherTown }).count('* as n').first()).toMatchObject({ n: expect.anything() });
    await importFile(fixture('areas.geojson'), 'format=geojson');
    await api.request(`/api/communities/${community}/areas/export?format=kml`, { cookie: admin });
    const rows = await k('audit_log').whereIn('action', ['areas_import', 'areas_export']).where({ object_id: community }).select('action', 'detail');
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['areas_import', 'areas_export']));
    const leads = await k('contracted_areas').where({ community_id: community }).pluck('lead_name');
    for (const row of rows) for (const text of [...leads, source.features[0]!.properties!.name]) expect(JSON.stringify(row.detail)).not.toContain(text);
  });
});

describe('GET /api/communities/{id}/areas/export', () => {
  const exportAs = (format: string) => api.request(`/api/communities/${community}/areas/export?format=${format}`, { cookie: admin });

  it('names the file after the community (UTF-8 filename*)', async () => {
    const res = await exportAs('geojson');
    const name = (await api.ctx.db.knex('communities').where({ id: community }).first('name')).name as string;
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${name}片区.geojson`)}`);
  });

  it('gives every metric as the database computes it', async () => {
    const body = (await (await exportAs('geojson')).json()) as FeatureCollection;
    const k = api.ctx.db.knex;
    const { rows } = await k.raw(
      `SELECT a.id, a.name, a.lead_name, a.version, ST_Area(a.geom::geography) AS land, ST_Perimeter(a.geom::geography) AS perimeter
         FROM contracted_areas a WHERE a.community_id = ? ORDER BY a.id`,
      [community],
    );
    const areas = rows as { id: string; name: string; lead_name: string; version: number; land: number; perimeter: number }[];
    expect(body.features.map((f) => f.properties!.id)).toEqual(areas.map((a) => a.id));
    const totals = await Promise.all(
      areas.map(async (a) => {
        const list = await k('buildings').where({ area_id: a.id }).select('households', 'population', 'party_members');
        return {
          buildings: list.length,
          households: list.reduce((s, b) => s + b.households, 0),
          population: list.reduce((s, b) => s + b.population, 0),
          partyMembers: list.reduce((s, b) => s + b.party_members, 0),
        };
      }),
    );
    const mean = totals.reduce((s, t) => s + t.population, 0) / totals.length;
    expect(totals.some((t) => t.population !== totals[0]!.population)).toBe(true);
    // Contiguity as 检查 judges it: the dry run of the plan as it stands names every split area.
    const kept = areas.map((a) => ({ id: a.id, version: Number(a.version), name: a.name }));
    const check = await api.request(`/api/communities/${community}/plan`, {
      method: 'PUT',
      cookie: admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ areas: kept, dryRun: true }),
    });
    const checked = (await check.json()) as { problems?: Array<{ code: string; ids?: string[] }>; warnings?: Array<{ code: string; ids?: string[] }> };
    const split = new Set([...(checked.problems ?? []), ...(checked.warnings ?? [])].filter((p) => p.code === 'not_contiguous').flatMap((p) => p.ids ?? []));
    for (const [i, f] of body.features.entries()) {
      const a = areas[i]!;
      const p = f.properties!;
      expect(p).toMatchObject({ name: a.name, lead: a.lead_name, version: Number(a.version), contiguous: !split.has(a.id), ...totals[i] });
      expect(p.landM2).toBeCloseTo(Number(a.land), 0);
      expect(p.deviationPct).toBeCloseTo((100 * (totals[i]!.population - mean)) / mean, 1);
      expect(p.polsbyPopper).toBeCloseTo((4 * Math.PI * Number(a.land)) / Number(a.perimeter) ** 2, 3);
    }
  });

  it('exports a shapefile with .prj, .cpg and ten-character field names', async () => {
    const zip = unzipSync(new Uint8Array(await (await exportAs('shapefile')).arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual(['areas.cpg', 'areas.dbf', 'areas.prj', 'areas.shp', 'areas.shx']);
    expect(strFromU8(zip['areas.cpg']!)).toBe('UTF-8');
    expect(strFromU8(zip['areas.prj']!)).toMatch(/^GEOGCS\["GCS_WGS_1984"/);
  });

  for (const format of ['geojson', 'kml', 'shapefile']) {
    it(`re-imports its own ${format} as the same areas and names`, async () => {
      const bytes = new Uint8Array(await (await exportAs(format)).arrayBuffer());
      const { status, body } = await importFile(bytes, `format=${format}`);
      expect(status, body.error).toBe(200);
      const saved = await api.ctx.db.knex('contracted_areas').where({ community_id: community }).orderBy('id').select('name', 'name_en', api.ctx.db.knex.raw('ST_AsGeoJSON(geom) AS g'));
      expect(body.features.map((f) => f.name)).toEqual(saved.map((a) => a.name));
      expect(body.features.map((f) => f.nameEn)).toEqual(saved.map((a) => a.name_en));
      for (const [i, f] of body.features.entries()) expect(await hausdorff(f.geometry, JSON.parse(saved[i]!.g))).toBeLessThan(1e-7);
    });
  }
});

describe('import → PUT plan', () => {
  it("replaces the community's areas with the imported ones, saved through the plan", async () => {
    const { body: preview } = await importFile(fixture('areas-cm120.zip'), 'format=shapefile');
    const plan = (await (await api.request(`/api/communities/${community}/plan`, { cookie: admin })).json()) as { areas: { id: string; version: number }[] };
    const replace = (acceptWarnings: string[]) =>
      api.request(`/api/communities/${community}/plan`, {
        method: 'PUT',
        cookie: admin,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          areas: preview.features.map((f) => ({ name: `${f.name}（导入）`, nameEn: f.nameEn, geometry: f.geometry })),
          removed: plan.areas.map((a) => ({ id: a.id, version: a.version })),
          crs: 'WGS84',
          acceptWarnings,
        }),
      });
    // The plan's rule warnings (balance, contiguity) are accepted by name, as the import page lets the planner do.
    const refused = (await (await replace([])).json()) as { problems?: Array<{ code: string; ids?: string[]; severity: string }> };
    const res = await replace((refused.problems ?? []).filter((p) => p.severity === 'warning').map((p) => `${p.code}:${(p.ids ?? []).join(',')}`));
    const saved = (await res.json()) as { saved: boolean; error?: string };
    expect(res.status, saved.error).toBe(200);
    expect(saved.saved).toBe(true);
    const k = api.ctx.db.knex;
    const now = await k('contracted_areas').where({ community_id: community }).orderBy('name').select('name', k.raw('ST_AsGeoJSON(geom) AS g'));
    expect(now.map((a) => a.name)).toEqual(source.features.map((f) => `${f.properties!.name}（导入）`).sort());
    for (const a of now) {
      const f = source.features.find((s) => `${s.properties!.name}（导入）` === a.name)!;
      expect(await hausdorff(JSON.parse(a.g), f.geometry)).toBeLessThan(TOLERANCE_DEG);
    }
    // Every building now belongs to one of the new areas.
    expect(Number((await k('buildings').whereIn('area_id', plan.areas.map((a) => a.id)).count('* as n').first())!.n)).toBe(0);
  });
});
