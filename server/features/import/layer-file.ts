// One layer's file in a draft, in two steps the wizard shows: read it (which columns, which
// field each probably is, which coordinate system its numbers are in) and read its rows with the
// mapping and system the user confirmed. When nothing is left to ask — every required field
// surely mapped, the system declared or clear from the numbers — the second step runs at once.
// The file is kept with the draft, so a changed mapping reads it again without a new upload.
import type { Position } from 'geojson';
import type { Box } from '../../domain/box';
import { LAYER_SPECS, type ImportLayer, type LayerSpec } from '../../domain/layers';
import { say } from '../../domain/messages';
import { ConflictError, fromMessage, HttpError, problem } from '../../http/errors';
import { FileProblem } from '../../analysis/areas-io/problem';
import { crsFromChoice, type SourceCrs } from '../../analysis/areas-io/projections';
import { detectCrs, fittingCrs, type CrsDetection } from '../../analysis/onboarding/crs-detect';
import { suggestMapping } from '../../analysis/onboarding/mapping';
import { positionsOf, toRecords } from '../../analysis/onboarding/records';
import type { RecordProblem, Source } from '../../analysis/onboarding/types';
import type { AppContext } from '../../context';
import { runJob } from '../../runtime/pool';
import type { AuthUser } from '../auth/service';
import { getImport, putLayer } from './drafts';
import { stageRecords } from './staging';
import type { ImportLayerState, ImportProblem, ImportState, LayerCrs, LayerMode, Mapping } from './types';

/** Rows a layer may have: a city's buildings run to a million and more, its towns to dozens. */
const MAX_ROWS: Partial<Record<ImportLayer, number>> = { buildings: 3_000_000 };
const DEFAULT_MAX_ROWS = 300_000;
/** Row problems kept on the layer for the wizard; the check lists them all again. */
const KEPT_PROBLEMS = 200;
/** A region's box widened by this much (degrees): a place just over the border is the check's to judge, not a wrong system. */
const REGION_MARGIN = 0.05;

export interface LayerFile {
  name: string;
  bytes: Uint8Array;
  sheet?: string;
}

async function read(layer: ImportLayer, file: LayerFile): Promise<Source> {
  try {
    // Parsed on a worker thread: a county's buildings are a file of a million rows.
    const sheet = file.sheet === undefined ? {} : { sheet: file.sheet };
    return await runJob('file.layer', { layer, file: { name: file.name, bytes: file.bytes }, ...sheet, maxRows: MAX_ROWS[layer] ?? DEFAULT_MAX_ROWS });
  } catch (err) {
    if (err instanceof FileProblem) throw fromMessage(err.status, err, err.extra);
    throw err;
  }
}

const formatOf = (name: string, source: Source): ImportLayerState['format'] => {
  if (source.kind === 'table') return /\.csv$/i.test(name) ? 'csv' : 'xlsx';
  return /\.kml$/i.test(name) ? 'kml' : /\.(geo)?json$/i.test(name) ? 'geojson' : 'shapefile';
};

/** The extent of the city: the towns this import brings, else the towns there are; none for a first import without towns. */
async function regionBox(ctx: AppContext, importId: string): Promise<Box | undefined> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (
       SELECT coalesce(
         (SELECT ST_Extent(geom)::geometry FROM import_rows WHERE region = ? AND import_id = ? AND layer = 'towns'),
         (SELECT ST_Extent(geom)::geometry FROM towns WHERE region = ?)) AS e) x`,
    [ctx.region, importId, ctx.region],
  );
  const r = rows[0] as { w: number | null; s: number; e: number; n: number };
  return r.w === null ? undefined : [Number(r.w) - REGION_MARGIN, Number(r.s) - REGION_MARGIN, Number(r.e) + REGION_MARGIN, Number(r.n) + REGION_MARGIN];
}

/** What the numbers say of the system; null when the file has no places to read (a roster of areas by their buildings). */
function detectionOf(spec: LayerSpec, source: Source, mapping: Mapping, declared: SourceCrs | undefined, box: Box | undefined): CrsDetection | null {
  if (spec.geometry === 'none') return null;
  const sample = positionsOf(spec, source, mapping);
  return sample.length || declared ? detectCrs(sample, declared, box) : null;
}

function crsState(detection: CrsDetection | null, chosen?: SourceCrs): LayerCrs {
  if (chosen) return { status: 'chosen', used: chosen.label, candidates: [] };
  if (!detection) return { status: 'none', used: null, candidates: [] };
  const reason = 'reason' in detection ? { message: say(detection.reason, 'zh'), messageEn: say(detection.reason, 'en') } : undefined;
  if (detection.status === 'ambiguous') {
    return { status: 'ambiguous', used: null, candidates: detection.candidates.map((c) => c.label), ...(detection.suggested ? { suggested: detection.suggested.label } : {}), ...(reason ? { reason } : {}) };
  }
  return { status: detection.status, used: detection.crs.label, candidates: [], ...(reason ? { reason } : {}) };
}

/** Reads the file for the layer and keeps it; maps and stages its rows at once when nothing needs asking. */
export async function putLayerFile(ctx: AppContext, actor: AuthUser, id: string, version: number, layer: ImportLayer, file: LayerFile): Promise<ImportState> {
  const state = await current(ctx, id, version);
  const spec = LAYER_SPECS[layer];
  const source = await read(layer, file);
  const suggestion = suggestMapping(spec, source.columns, await rememberedMapping(ctx, layer));
  const declared = source.kind === 'features' ? source.declared : undefined;
  const detection = detectionOf(spec, source, suggestion.mapping, declared, await regionBox(ctx, id));
  await ctx.db.scratch(async (trx) => {
    await trx('import_files').where({ region: ctx.region, import_id: id, layer }).delete();
    await trx('import_files').insert({ region: ctx.region, import_id: id, layer, name: file.name, bytes: Buffer.from(file.bytes) });
    await trx('import_rows').where({ region: ctx.region, import_id: id, layer }).delete();
  });
  const layerState: ImportLayerState = {
    layer,
    file: file.name,
    format: formatOf(file.name, source),
    ...(source.kind === 'table' ? { sheet: source.sheet, sheets: source.sheets, skipped: source.skipped } : { skipped: [] }),
    columns: source.columns.map((c) => ({ header: c.header, samples: c.samples })),
    fields: suggestion.fields,
    mapping: suggestion.mapping,
    unsure: suggestion.unsure,
    crs: crsState(detection),
    mode: state.layers[layer]?.mode ?? 'replace',
    rows: null,
    rowProblems: 0,
    rowErrors: 0,
    problems: [],
    preview: [],
  };
  await putLayer(ctx, actor, id, version, layer, layerState);
  if (layerState.unsure.length || layerState.crs.status === 'ambiguous') return getImport(ctx, id);
  return mapLayer(ctx, actor, id, version + 1, layer, {});
}

/** The draft at the version the client started from: a step on a stale draft is refused before its file is read. */
async function current(ctx: AppContext, id: string, version: number): Promise<ImportState> {
  const state = await getImport(ctx, id);
  if (state.version !== version) throw new ConflictError(state, 'import', id, state.version, version);
  if (state.status !== 'draft') throw new ConflictError(state, 'import_wrong_status', { status: state.status, wanted: 'draft' });
  return state;
}

/** The last mapping anyone confirmed for this layer in this city: offices send the same workbook again. */
async function rememberedMapping(ctx: AppContext, layer: ImportLayer): Promise<Mapping | undefined> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT layers->?->'mapping' AS mapping FROM imports
     WHERE region = ? AND status = 'committed' AND jsonb_exists(layers, ?) ORDER BY committed_at DESC LIMIT 1`,
    [layer, ctx.region, layer],
  );
  const mapping = (rows as Array<{ mapping: Mapping | string | null }>)[0]?.mapping;
  return typeof mapping === 'string' ? (JSON.parse(mapping) as Mapping) : (mapping ?? undefined);
}

export interface MappingChoice {
  mapping?: Mapping;
  /** wgs84 | cgcs2000 | gcj02 | bd09 | an EPSG code (":yx" when Y comes first). */
  crs?: string;
  mode?: LayerMode;
  sheet?: string;
}

function asProblem(layer: ImportLayer, p: RecordProblem): ImportProblem {
  return { ...problem({ code: p.code, params: p.params, severity: p.severity }), layer, row: p.line };
}

/** Reads the layer's rows with the confirmed mapping and system, and stages them for the check. */
export async function mapLayer(ctx: AppContext, actor: AuthUser, id: string, version: number, layer: ImportLayer, choice: MappingChoice): Promise<ImportState> {
  const state = await current(ctx, id, version);
  const before = state.layers[layer];
  const spec = LAYER_SPECS[layer];
  if (!before) throw new HttpError(409, 'import_layer_missing', { layer: spec.zh, layerEn: spec.en });
  const chosen = choice.crs === undefined ? undefined : crsFromChoice(choice.crs);
  if (choice.crs !== undefined && !chosen) throw new HttpError(400, 'import_unknown_crs', { crs: choice.crs });

  const stored = await ctx.db.knex('import_files').where({ region: ctx.region, import_id: id, layer }).first('name', 'bytes');
  const source = await read(layer, { name: stored.name as string, bytes: new Uint8Array(stored.bytes as Buffer), sheet: choice.sheet ?? before.sheet });
  const mapping: Mapping = { ...before.mapping, ...choice.mapping };
  const declared = source.kind === 'features' ? source.declared : undefined;
  const box = await regionBox(ctx, id);
  const detection = detectionOf(spec, source, mapping, declared, box);
  const crs = chosen ?? (detection && detection.status !== 'ambiguous' ? detection.crs : undefined);
  if (detection && !crs) throw new HttpError(422, 'import_crs_needed', { layer: spec.zh, layerEn: spec.en }, { needsCrs: true });

  let result;
  try {
    result = toRecords(spec, source, mapping, crs);
  } catch (err) {
    if (err instanceof FileProblem) throw fromMessage(err.status, err, err.extra);
    throw err;
  }
  const problems = result.problems.map((p) => asProblem(layer, p));
  if (box && crs) problems.push(...outsideRegion(layer, result.records, box, positionsOf(spec, source, mapping), crs));
  await stageRecords(ctx, id, layer, result.records);
  await putLayer(ctx, actor, id, version, layer, {
    ...before,
    ...(source.kind === 'table' ? { sheet: source.sheet, sheets: source.sheets, skipped: source.skipped } : {}),
    mapping,
    unsure: before.unsure.filter((f) => !mapping[f]),
    crs: crsState(detection, chosen),
    mode: choice.mode ?? before.mode,
    rows: result.records.length,
    rowProblems: problems.length,
    rowErrors: problems.filter((p) => p.severity === 'error').length,
    problems: problems.slice(0, KEPT_PROBLEMS),
    preview: result.records.slice(0, 5).map((r) => ({ line: r.line, values: r.values })),
  });
  return getImport(ctx, id);
}

/** Rows whose place lies outside the city, with the systems under which the file would fit it. */
function outsideRegion(layer: ImportLayer, records: ReturnType<typeof toRecords>['records'], box: Box, sample: Position[], used: SourceCrs): ImportProblem[] {
  const first = (g: NonNullable<(typeof records)[number]['geometry']>): Position =>
    g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0]![0]! : g.coordinates[0]![0]![0]!;
  const outside = records.filter((r) => {
    if (!r.geometry) return false;
    const [x, y] = first(r.geometry);
    return x! < box[0] || x! > box[2] || y! < box[1] || y! > box[3];
  });
  if (!outside.length) return [];
  const fits = fittingCrs(sample, box).filter((c) => c.label !== used.label).map((c) => c.label).slice(0, 3).join(' / ');
  return outside.map((r) => ({
    ...problem({ code: 'outside_region', params: { fits }, location: first(r.geometry!).slice(0, 2) as [number, number] }),
    layer,
    row: r.line,
  }));
}

export async function dropLayer(ctx: AppContext, actor: AuthUser, id: string, version: number, layer: ImportLayer): Promise<ImportState> {
  await putLayer(ctx, actor, id, version, layer, null);
  await ctx.db.scratch(async (trx) => {
    await trx('import_rows').where({ region: ctx.region, import_id: id, layer }).delete();
    await trx('import_files').where({ region: ctx.region, import_id: id, layer }).delete();
  });
  return getImport(ctx, id);
}
