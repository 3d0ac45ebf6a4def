// Every file of the small onboarding city (tests/fixtures/city/README.md: shapefiles and GeoJSON
// from GDAL, rosters with an office's quirks, a GBK CSV) read with readSource, mapped with
// suggestMapping alone and turned into records: the counts and the values are the generator's.
import fs from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { City } from '../../data/city';
import { crsFromChoice } from '../../server/analysis/areas-io/projections';
import { detectCrs } from '../../server/analysis/onboarding/crs-detect';
import { suggestMapping } from '../../server/analysis/onboarding/mapping';
import { positionsOf, toRecords } from '../../server/analysis/onboarding/records';
import { readSource } from '../../server/analysis/onboarding/source';
import type { LayerRecord, RecordProblem, Source } from '../../server/analysis/onboarding/types';
import { boxOf, type Box } from '../../server/domain/box';
import { LAYER_SPECS, type ImportLayer } from '../../server/domain/layers';
import { fixtureCity } from '../fixtures/city/selection';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/city');
const FILES: Record<ImportLayer, string> = {
  towns: 'towns.zip', villages: 'villages.zip', communities: 'communities.zip', 'village-communities': 'village-communities.xlsx',
  buildings: 'buildings.geojson', organisations: 'organisations.xlsx', centres: 'centres.xlsx', areas: 'areas.xlsx',
  groups: 'groups.xlsx', pairings: 'pairings.xlsx', aliases: 'aliases.csv',
};
const declaredCrs = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'mapping.json'), 'utf8')) as Partial<Record<ImportLayer, { crs: string }>>;

interface Read {
  source: Source;
  unsure: string[];
  records: LayerRecord[];
  problems: RecordProblem[];
  byCode: Map<string, LayerRecord>;
}

async function read(layer: ImportLayer): Promise<Read> {
  const spec = LAYER_SPECS[layer];
  const source = await readSource({ name: FILES[layer], bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, FILES[layer]))) }, { spec });
  const { mapping, unsure } = suggestMapping(spec, source.columns);
  const chosen = declaredCrs[layer]?.crs;
  const { records, problems } = toRecords(spec, source, mapping, chosen ? crsFromChoice(chosen) : undefined);
  return { source, unsure, records, problems, byCode: new Map(records.map((r) => [String(r.values.code), r])) };
}

const first = (g: Point | Polygon | MultiPolygon | null): Position => {
  if (!g) throw new Error('no geometry');
  return g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0]![0]! : g.coordinates[0]![0]![0]!;
};
/** 1e-6° is about 0.1 m: through Gauss-Krüger and back, or GCJ-02 and back, a place stays put. */
const expectNear = (a: Position, b: Position) => {
  expect(Math.abs(a[0]! - b[0]!)).toBeLessThan(1e-6);
  expect(Math.abs(a[1]! - b[1]!)).toBeLessThan(1e-6);
};

let city: City;
const layers = {} as Record<ImportLayer, Read>;
let region: Box;

beforeAll(async () => {
  city = fixtureCity();
  region = boxOf(city.towns.flatMap((t) => (t.geom.type === 'Polygon' ? t.geom.coordinates.flat() : t.geom.coordinates.flat(2))));
  for (const layer of Object.keys(FILES) as ImportLayer[]) layers[layer] = await read(layer);
});

describe('the small city from files', () => {
  it('maps every file by its headers alone, with no required field left unsure', () => {
    expect(Object.fromEntries(Object.entries(layers).map(([layer, r]) => [layer, r.unsure]))).toEqual(Object.fromEntries(Object.keys(FILES).map((l) => [l, []])));
  });

  it('reads as many units as the generator made, without an error', () => {
    const counts = Object.fromEntries(Object.entries(layers).map(([layer, r]) => [layer, r.records.length]));
    expect(counts).toEqual({
      towns: city.towns.length, villages: city.villages.length, communities: city.communities.length, 'village-communities': city.villages.length,
      buildings: city.buildings.length, organisations: city.partyOrgs.length, centres: city.centres.length, areas: city.areas.length,
      groups: city.groups.length, pairings: city.pairings.length, aliases: city.aliases.length,
    });
    const errors = Object.values(layers).flatMap((r) => r.problems.filter((p) => p.severity === 'error'));
    expect(errors).toEqual([]);
  });

  it("takes each shapefile's system from its .prj, and suggests EPSG:4549 for the one without", () => {
    expect(layers.towns.source.kind === 'features' && layers.towns.source.declared?.label).toBe('EPSG:4549');
    expect(layers.villages.source.kind === 'features' && layers.villages.source.declared?.label).toBe('EPSG:4528');
    const { source } = layers.communities;
    if (source.kind !== 'features') throw new Error('not features');
    expect(source.undeclared).toBe(true);
    const spec = LAYER_SPECS.communities;
    const found = detectCrs(positionsOf(spec, source, suggestMapping(spec, source.columns).mapping), undefined, region);
    expect(found.status === 'ambiguous' && found.suggested?.label).toBe(declaredCrs.communities!.crs);
  });

  it('reads the GBK .dbf with and without .cpg, and the boundaries where the generator drew them', () => {
    expect([layers.towns, layers.villages].map((r) => r.source.kind === 'features' && r.source.encoding)).toEqual(['gb18030', 'gb18030']);
    for (const t of city.towns) {
      const r = layers.towns.byCode.get(t.id)!;
      expect([r.values.name, r.values.kind, r.values.nameEn]).toEqual([t.name, t.kind, t.nameEn]);
      expectNear(first(r.geometry), first(t.geom));
    }
    for (const v of city.villages) {
      const r = layers.villages.byCode.get(v.id)!;
      expect([r.values.name, r.values.town, r.values.community]).toEqual([v.name, v.townId, v.communityId]);
      expectNear(first(r.geometry), first(v.geom));
    }
    for (const c of city.communities) {
      const r = layers.communities.byCode.get(c.id)!;
      expect([r.values.name, r.values.town, r.values.kind]).toEqual([c.name, c.townId, c.kind]);
      expectNear(first(r.geometry), first(c.geom));
    }
  });

  it('reads the village → community table under its merged two-row header', () => {
    const table = layers['village-communities'];
    expect(table.source.kind === 'table' && table.source.headerLines).toEqual([3, 4]);
    expect(table.records.map((r) => [r.values.village, r.values.community])).toEqual(city.villages.map((v) => [v.id, v.communityId]));
  });

  it('undoes the GCJ-02 offset of the buildings the mapping names, and reads their registers', () => {
    for (const b of city.buildings) {
      const r = layers.buildings.byCode.get(b.id)!;
      expect([r.values.address, r.values.households, r.values.population, r.values.partyMembers]).toEqual([b.address, b.households, b.population, b.partyMembers]);
      expectNear(first(r.geometry), b.point.coordinates);
    }
  });

  it('reads the organisations roster: numbers as text and in full-width digits, trailing spaces, total and notes skipped', () => {
    const { source, byCode } = layers.organisations;
    for (const o of city.partyOrgs) {
      const r = byCode.get(o.id)!;
      expect([r.values.name, r.values.form, r.values.members, r.values.volunteers, r.values.secretary, r.values.unit]).toEqual([o.name, o.form, o.members, o.volunteers, o.secretary, o.unitId]);
    }
    expect(source.kind === 'table' && source.skipped.map((s) => s.reason)).toEqual(['title', 'title', 'blank', 'total', 'note', 'note']);
  });

  it('places centres by their coordinates, and says which are to be placed by their address', () => {
    const { byCode, problems } = layers.centres;
    const byAddress = city.centres.filter((_, i) => i % 4 === 3);
    expect(problems.map((p) => p.code)).toEqual(byAddress.map(() => 'record_located_by_address'));
    for (const c of city.centres) {
      const r = byCode.get(c.id)!;
      expect([r.values.kind, r.values.floorArea, r.values.radius, r.values.community]).toEqual([c.kind, c.floorArea, c.radiusM, c.communityId]);
      if (byAddress.includes(c)) expect(r.geometry).toBeNull();
      else expectNear(first(r.geometry), c.point.coordinates);
    }
  });

  it("reads areas' leads and phones as written and their buildings' lists, a community merged down its areas' rows", () => {
    for (const a of city.areas) {
      const r = layers.areas.byCode.get(a.id)!;
      expect([r.values.community, r.values.lead, r.values.phone]).toEqual([a.communityId, a.leadName, a.leadPhone]);
      expect(r.values.buildings).toEqual(city.buildings.filter((b) => b.areaId === a.id).map((b) => b.id));
    }
    for (const g of city.groups) {
      const r = layers.groups.byCode.get(g.id)!;
      expect([r.values.name, r.values.area]).toEqual([g.name, g.areaId]);
      expect(r.values.buildings).toEqual(city.buildings.filter((b) => b.groupId === g.id).map((b) => b.id));
    }
  });

  it('reads the pairings with their places and the old village names from a GBK CSV', () => {
    expect(layers.pairings.records.map((r) => [r.values.orgName, r.values.orgKind, r.values.community, first(r.geometry)])).toEqual(
      city.pairings.map((p) => [p.orgName, p.orgKind, p.communityId, p.source.coordinates]),
    );
    expect(layers.aliases.source.kind === 'table' && layers.aliases.source.encoding).toBe('gb18030');
    expect(layers.aliases.records.map((r) => [r.values.community, r.values.alias])).toEqual(city.aliases.map((a) => [a.communityId, a.alias]));
  });
});
