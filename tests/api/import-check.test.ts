// The import's check, commit and undo on a real database (both engines), with rows made from
// the demo generator's city (two of its towns): a city loaded into an empty region as its files
// say, the same files again changing nothing, undo as a whole, and each class of problem the
// check must find — reported with its place, and nothing written.
import type { MultiPolygon, Polygon } from 'geojson';
import { pointOnFeature, transformScale, transformTranslate } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import type { City } from '../../data/city';
import type { AppContext } from '../../server/context';
import type { ImportLayer } from '../../server/domain/layers';
import { commitImport } from '../../server/features/import/commit';
import { getImport } from '../../server/features/import/drafts';
import { checkDraft } from '../../server/features/import/dry-run';
import type { LayerRecord } from '../../server/analysis/onboarding/types';
import type { ImportProblem, ImportState } from '../../server/features/import/types';
import { undoImport } from '../../server/features/import/undo';
import { writeObject } from '../../server/features/writes/service';
import { startTestApi, type TestApi } from '../support/api-client';
import { cityRecords, someTowns } from '../support/city-records';
import { draftFromRecords, IMPORTER } from '../support/import-draft';

let api: TestApi;
let city: City;
let records: Record<ImportLayer, LayerRecord[]>;
/** A region that holds the two towns after the first test's commit. */
let ctx: AppContext;

const ALL_BUT_TABLE = (r: Record<ImportLayer, LayerRecord[]>) => {
  const { 'village-communities': _table, ...rest } = r;
  void _table;
  return rest;
};

async function counts(region: string): Promise<Record<string, number>> {
  const tables = ['towns', 'communities', 'villages', 'contracted_areas', 'party_groups', 'estates', 'buildings', 'party_orgs', 'service_centres', 'pairings', 'address_aliases'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await api.ctx.db.knex(t).where({ region }).count({ n: '*' }))[0]!.n);
  return out;
}

async function check(layers: Partial<Record<ImportLayer, LayerRecord[]>>, modes: Partial<Record<ImportLayer, 'replace' | 'merge'>> = {}): Promise<ImportState> {
  const draft = await draftFromRecords(ctx, layers, modes);
  return checkDraft(ctx, IMPORTER, draft.id, draft.version);
}

const found = (state: ImportState, code: string) => state.report!.problems.filter((p) => p.code === code);

/** Commit is refused (422) and nothing in the region changed. */
async function refusedAndUntouched(state: ImportState): Promise<ImportProblem[]> {
  const before = await counts(ctx.region);
  const err = await commitImport(ctx, IMPORTER, state.id, { version: state.version, acceptWarnings: true }).catch((e: unknown) => e);
  expect((err as { status?: number }).status).toBe(422);
  expect(await counts(ctx.region)).toEqual(before);
  return (err as { problems: ImportProblem[] }).problems;
}

const withGeometry = (r: LayerRecord, geometry: Polygon | MultiPolygon): LayerRecord => ({ ...r, geometry });
const feature = (g: Polygon | MultiPolygon) => ({ type: 'Feature' as const, properties: {}, geometry: g });

beforeAll(async () => {
  api = await startTestApi();
  city = someTowns(generateCity(DEMO_CITY_OPTIONS), ['T03', 'T17']);
  records = cityRecords(city);
  ctx = { db: api.ctx.db, region: 'onboard-a' };
});
afterAll(() => api.close());

describe('an import into an empty region', () => {
  it('loads every layer as the files have it: units, ids, figures, organisations', async () => {
    const draft = await check(ALL_BUT_TABLE(records));
    expect(draft.report!.errors, JSON.stringify(draft.report!.problems.slice(0, 3))).toBe(0);
    expect(draft.report!.layers.buildings).toEqual({ rows: city.buildings.length, added: city.buildings.length, changed: 0, removed: 0 });
    const committed = await commitImport(ctx, IMPORTER, draft.id, { version: draft.version });
    expect(committed.status).toBe('committed');
    expect(committed.undoable).toBe(true);
    expect(await counts(ctx.region)).toEqual({
      towns: 2, communities: city.communities.length, villages: city.villages.length, contracted_areas: city.areas.length,
      party_groups: city.groups.length, estates: city.estates.length, buildings: city.buildings.length, party_orgs: city.partyOrgs.length,
      service_centres: city.centres.length, pairings: city.pairings.length, address_aliases: city.aliases.length,
    });
    const k = api.ctx.db.knex;
    const people = await k('buildings').where({ region: ctx.region }).sum({ p: 'population', m: 'party_members' }).first();
    expect(Number(people!.p)).toBe(city.buildings.reduce((s, b) => s + b.population, 0));
    expect(Number(people!.m)).toBe(city.buildings.reduce((s, b) => s + b.partyMembers, 0));
    const b = city.buildings[17]!;
    const row = await k('buildings').where({ region: ctx.region, id: b.id }).first();
    expect([row.area_id, row.group_id, row.address, row.households]).toEqual([b.areaId, b.groupId, b.address, b.households]);
    const orgs = await k('party_orgs').where({ region: ctx.region }).select('id', 'form', 'members');
    for (const o of city.partyOrgs) expect(orgs.find((x) => x.id === o.id), o.id).toMatchObject({ form: o.form, members: o.members });
    const audit = await k('audit_log').where({ region: ctx.region, action: 'import_commit', object_id: draft.id }).first();
    expect(audit.detail.layers.buildings.added ?? JSON.parse(audit.detail).layers.buildings.added).toBe(city.buildings.length);
  });

  it('changes nothing when the same files come again', async () => {
    const again = await check(ALL_BUT_TABLE(records));
    expect(again.report!.errors).toBe(0);
    expect(again.report!.tables.filter((t) => t.added || t.changed || t.removed)).toEqual([]);
  });

  it('updates by code: a changed building gets version 2 with the old one kept, and undo brings it back', async () => {
    const b = records.buildings[5]!;
    const changed = records.buildings.map((r) => (r === b ? { ...r, values: { ...r.values, households: Number(r.values.households) + 7 } } : r));
    const draft = await check({ buildings: changed });
    expect(draft.report!.layers.buildings).toMatchObject({ added: 0, changed: 1, removed: 0 });
    const committed = await commitImport(ctx, IMPORTER, draft.id, { version: draft.version });
    const k = api.ctx.db.knex;
    const row = await k('buildings').where({ region: ctx.region, id: b.values.code }).first();
    expect([row.households, row.version, row.updated_by]).toEqual([Number(b.values.households) + 7, 2, 'importer']);
    const undone = await undoImport(ctx, IMPORTER, committed.id, committed.version);
    expect(undone.status).toBe('undone');
    const back = await k('buildings').where({ region: ctx.region, id: b.values.code }).first();
    expect([back.households, back.version]).toEqual([Number(b.values.households), 3]);
  });

  it('refuses to undo an import when something it wrote was edited since, and says which', async () => {
    const a = records.areas[0]!;
    const draft = await check({ areas: records.areas.map((r) => (r === a ? { ...r, values: { ...r.values, lead: '王新' } } : r)) }, { areas: 'merge' });
    const committed = await commitImport(ctx, IMPORTER, draft.id, { version: draft.version });
    const area = await api.ctx.db.knex('contracted_areas').where({ region: ctx.region, id: a.values.code }).first();
    await writeObject(ctx, IMPORTER, { type: 'area', id: String(a.values.code), version: area.version, attributes: { leadName: '李明' } });
    const err = await undoImport(ctx, IMPORTER, committed.id, committed.version).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(409);
    expect((err as { code: string }).code).toBe('import_undo_blocked');
    expect((await getImport(ctx, committed.id)).status).toBe('committed');
  });

  it('refuses a stale step (409), and a commit when the city changed after the check', async () => {
    const draft = await check({ aliases: [...records.aliases, { line: 999, values: { community: records.communities[0]!.values.code, alias: '新老村' }, geometry: null }] });
    const stale = await commitImport(ctx, IMPORTER, draft.id, { version: draft.version - 1 }).catch((e: unknown) => e);
    expect((stale as { status: number }).status).toBe(409);
    const area = await api.ctx.db.knex('contracted_areas').where({ region: ctx.region }).orderBy('id').first();
    await writeObject(ctx, IMPORTER, { type: 'area', id: area.id, version: area.version, attributes: { name: `${area.name}（改）` } });
    const moved = await commitImport(ctx, IMPORTER, draft.id, { version: draft.version }).catch((e: unknown) => e);
    expect((moved as { status: number; code: string }).status).toBe(409);
    expect((moved as { code: string }).code).toBe('import_city_changed');
  });
});

describe('the check finds each kind of problem, says where, and writes nothing', () => {
  const community = () => records.communities[3]!;

  it('an invalid boundary, with PostGIS’s reason and the point', async () => {
    const c = community();
    const [[x0, y0]] = (c.geometry as Polygon | MultiPolygon).type === 'Polygon' ? (c.geometry as Polygon).coordinates[0]! : (c.geometry as MultiPolygon).coordinates[0]![0]!;
    const bowtie: Polygon = { type: 'Polygon', coordinates: [[[x0!, y0!], [x0! + 0.01, y0! + 0.01], [x0! + 0.01, y0!], [x0!, y0! + 0.01], [x0!, y0!]]] };
    const state = await check({ communities: records.communities.map((r) => (r === c ? withGeometry(r, bowtie) : r)) });
    const [p] = found(state, 'invalid_geometry');
    expect(p).toMatchObject({ layer: 'communities', row: c.line, severity: 'error' });
    expect(p!.message).toMatch(/Self-intersection|自相交/);
    expect(p!.location![0]).toBeCloseTo(x0! + 0.005, 3);
    await refusedAndUntouched(state);
  });

  it('two communities that overlap, with the overlap’s size and outline', async () => {
    const c = community();
    const grown = transformScale(feature(c.geometry as Polygon | MultiPolygon), 1.15).geometry;
    const state = await check({ communities: records.communities.map((r) => (r === c ? withGeometry(r, grown) : r)) });
    const overlaps = found(state, 'overlap');
    expect(overlaps.length).toBeGreaterThan(0);
    expect(overlaps[0]!.params!.m2 as number).toBeGreaterThan(10);
    expect(overlaps[0]!.geometry?.type).toMatch(/Polygon/);
    expect(found(state, 'outside_parent').length + found(state, 'not_union_of_villages').length).toBeGreaterThan(0);
    await refusedAndUntouched(state);
  });

  it('a gap in a town that no community covers, with its size and outline', async () => {
    const c = records.communities.find((r) => r.geometry?.type === 'Polygon')!;
    const ring = (c.geometry as Polygon).coordinates[0]!;
    const [x, y] = pointOnFeature(feature(c.geometry as Polygon)).geometry.coordinates as [number, number];
    const d = 0.0005;
    const holed: Polygon = { type: 'Polygon', coordinates: [ring, [[x - d, y - d], [x - d, y + d], [x + d, y + d], [x + d, y - d], [x - d, y - d]]] };
    const state = await check({ communities: records.communities.map((r) => (r === c ? withGeometry(r, holed) : r)) });
    const gaps = found(state, 'gap').filter((p) => p.layer === 'communities');
    expect(gaps.length, JSON.stringify(state.report!.problems.map((p) => [p.code, p.message, p.row]))).toBe(1);
    expect(gaps[0]!.params!.m2 as number).toBeGreaterThan(5_000);
    expect(gaps[0]!.geometry?.type).toBe('Polygon');
    await refusedAndUntouched(state);
  });

  it('slivers below the tolerance as warnings, to be accepted before commit', async () => {
    const c = community();
    // 0.2 m to the north: along each border a strip narrower than the tolerance's half metre.
    const nudged = transformTranslate(feature(c.geometry as Polygon | MultiPolygon), 0.0002, 0).geometry;
    const state = await check({ communities: records.communities.map((r) => (r === c ? withGeometry(r, nudged) : r)) });
    expect(state.report!.errors).toBe(0);
    expect(found(state, 'overlap_sliver').length + found(state, 'gap_sliver').length).toBeGreaterThan(0);
    const unaccepted = await commitImport(ctx, IMPORTER, state.id, { version: state.version }).catch((e: unknown) => e);
    expect((unaccepted as { status: number }).status).toBe(422);
  });

  it('a code twice, a town no unit has, a name two towns share', async () => {
    const [first, second] = records.buildings;
    const twice = records.buildings.map((r) => (r === second ? { ...r, values: { ...r.values, code: first!.values.code } } : r));
    const c = community();
    const unknownTown = records.communities.map((r) => (r === c ? { ...r, values: { ...r.values, town: 'T99' } } : r));
    const state = await check({ buildings: twice, communities: unknownTown });
    expect(found(state, 'duplicate_code')[0]).toMatchObject({ layer: 'buildings', row: second!.line });
    expect(found(state, 'unresolved_reference')[0]).toMatchObject({ layer: 'communities', row: c.line, params: { field: 'town', value: 'T99' } });
    await refusedAndUntouched(state);
    const sameName = records.towns.map((r, i) => (i === 1 ? { ...r, values: { ...r.values, name: records.towns[0]!.values.name } } : r));
    const byName = records.communities.map((r) => (r === c ? { ...r, values: { ...r.values, town: records.towns[0]!.values.name } } : r));
    const ambiguous = await check({ towns: sameName, communities: byName });
    expect(found(ambiguous, 'ambiguous_reference')[0]).toMatchObject({ layer: 'communities', row: c.line, params: { count: 2 } });
  });

  it('a building in no community, and one whose point is outside the community it names', async () => {
    const [b1, b2] = records.buildings;
    const other = records.communities.find((r) => r.values.code !== b2!.values.community)!;
    const moved = records.buildings.map((r) =>
      r === b1 ? { ...r, values: { ...r.values, community: null, area: null, group: null }, geometry: { type: 'Point' as const, coordinates: [121.9, 33.1] } } : r === b2 ? { ...r, values: { ...r.values, community: other.values.code, area: null, group: null } } : r,
    );
    const state = await check({ buildings: moved });
    expect(found(state, 'building_in_no_community')[0]).toMatchObject({ row: b1!.line, location: [121.9, 33.1] });
    expect(found(state, 'building_outside_community')[0]).toMatchObject({ row: b2!.line });
    await refusedAndUntouched(state);
  });

  it('a community dropped while its areas remain, and an area listing a building nobody has', async () => {
    const [gone] = records.communities;
    const state = await check({ communities: records.communities.filter((r) => r !== gone) });
    expect(found(state, 'parent_missing').length).toBeGreaterThan(0);
    expect(found(state, 'parent_missing')[0]!.message).toMatch(/导入后不存在/);
    await refusedAndUntouched(state);
    const a = records.areas[2]!;
    const listing = await check({ areas: records.areas.map((r) => (r === a ? { ...r, values: { ...r.values, buildings: ['B-nobody'] } } : r)) }, { areas: 'merge' });
    expect(found(listing, 'unresolved_reference')[0]).toMatchObject({ layer: 'areas', row: a.line, params: { field: 'buildings', value: 'B-nobody' } });
  });

  it('a roster form the members do not fit, as a warning naming the rule’s form', async () => {
    const o = records.organisations.find((r) => r.values.form === '党支部' && Number(r.values.members) < 50 && String(r.values.code).startsWith('P2-'))!;
    const state = await check({ organisations: records.organisations.map((r) => (r === o ? { ...r, values: { ...r.values, members: 120 } } : r)) });
    expect(found(state, 'form_rule')[0]).toMatchObject({ severity: 'warning', row: o.line });
    expect(found(state, 'form_rule')[0]!.message).toContain('党委');
  });

  it('totals per town, as the county can hold them against its own statistics', async () => {
    const state = await check({ towns: records.towns });
    const t03 = state.report!.towns.find((t) => t.id === 'T03')!;
    const inTown = new Set(city.communities.filter((c) => c.townId === 'T03').map((c) => c.id));
    const areas = new Set(city.areas.filter((a) => inTown.has(a.communityId)).map((a) => a.id));
    expect(t03.communities).toBe(inTown.size);
    expect(t03.population).toBe(city.buildings.filter((b) => areas.has(b.areaId)).reduce((s, b) => s + b.population, 0));
  });
});
