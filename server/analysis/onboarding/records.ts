// From a read file and its column mapping to the layer's records: each field's cell parsed as
// its type says, the place from the feature or from the coordinate columns in the file's
// system, and every problem with its row (or feature), field and value. Nothing is dropped
// silently: a row with an error is still a record, and the error says what to fix.
import type { Position } from 'geojson';
import type { LayerField, LayerSpec } from '../../domain/layers';
import type { MessageCode, MessageParams } from '../../domain/messages';
import { CrsNeeded, FileProblem } from '../areas-io/problem';
import { crsFromChoice, positionConverter, type SourceCrs } from '../areas-io/projections';
import { parseCell, parseCoordinate, valueText, type CellValue } from './cells';
import { featurePlace, pointPlace, type PlaceResult } from './geometry';
import type { LayerRecord, Mapping, RecordProblem, Source } from './types';

export interface Records {
  records: LayerRecord[];
  problems: RecordProblem[];
}

/** Each field's column, or FileProblem when the mapping names what is not there or leaves a required field out. */
function columnsOf(spec: LayerSpec, source: Source, mapping: Mapping): Map<LayerField, number> {
  const names = spec.fields.map((f) => f.name);
  const unknown = Object.keys(mapping).find((name) => !names.includes(name));
  if (unknown !== undefined) throw new FileProblem(422, 'import_mapping_unknown_field', { field: unknown, fields: names });
  const chosen = new Map<LayerField, number>();
  for (const field of spec.fields) {
    const header = mapping[field.name];
    if (header === null || header === undefined) continue;
    const column = source.columns.findIndex((c) => c.header === header);
    if (column < 0) throw new FileProblem(422, 'import_mapping_unknown_column', { field: field.zh, fieldEn: field.en, column: header, columns: source.columns.map((c) => c.header) });
    chosen.set(field, column);
  }
  const missing = spec.fields.filter((f) => f.required && !chosen.has(f));
  if (missing.length) throw new FileProblem(422, 'import_mapping_missing', { fields: missing.map((f) => f.zh), fieldsEn: missing.map((f) => f.en) });
  return chosen;
}

/** The two fields a table's point comes from: longitude and latitude when mapped, else X and Y. */
function coordinateFields(spec: LayerSpec, chosen: Map<LayerField, number>): [LayerField, LayerField] | undefined {
  const of = (type: LayerField['type']) => spec.fields.find((f) => f.type === type && chosen.has(f));
  const lng = of('lng');
  const lat = of('lat');
  if (lng || lat) return [lng ?? spec.fields.find((f) => f.type === 'lng')!, lat ?? spec.fields.find((f) => f.type === 'lat')!];
  const x = of('x');
  const y = of('y');
  if (x || y) return [x ?? spec.fields.find((f) => f.type === 'x')!, y ?? spec.fields.find((f) => f.type === 'y')!];
  return undefined;
}

/**
 * The system to read places in: the caller's (detectCrs judges the numbers first), else the
 * file's own; a GeoJSON that names none is WGS84 (RFC 7946) and longitude/latitude columns
 * CGCS2000; a shapefile without .prj and X/Y columns cannot go on without the user's choice.
 */
function systemOf(spec: LayerSpec, source: Source, pair: [LayerField, LayerField] | undefined, crs: SourceCrs | undefined): SourceCrs | undefined {
  if (spec.geometry === 'none') return undefined;
  if (crs) return crs;
  if (source.kind === 'features') {
    if (source.declared) return source.declared;
    if (source.undeclared) throw new CrsNeeded();
    return crsFromChoice('wgs84');
  }
  if (!pair) return undefined;
  if (pair[0].type === 'x') throw new FileProblem(422, 'import_xy_crs_needed', {}, { needsCrs: true });
  return crsFromChoice('cgcs2000');
}

interface Row {
  line: number;
  text: (column: number) => string;
  geometry?: unknown;
}

function rowsOf(source: Source): Row[] {
  if (source.kind === 'table') return source.rows.map((r) => ({ line: r.line, text: (c) => r.cells[source.columns[c]!.index] ?? '' }));
  return source.features.map((f, i) => ({
    line: i + 1,
    text: (c) => valueText(f.properties?.[source.columns[c]!.header]),
    geometry: f.geometry,
  }));
}

export function toRecords(spec: LayerSpec, source: Source, mapping: Mapping, crs?: SourceCrs): Records {
  const chosen = columnsOf(spec, source, mapping);
  const pair = coordinateFields(spec, chosen);
  const system = systemOf(spec, source, pair, crs);
  const toWgs84 = system ? positionConverter(system) : undefined;
  const records: LayerRecord[] = [];
  const problems: RecordProblem[] = [];
  for (const row of rowsOf(source)) {
    const at: MessageParams = source.kind === 'table' ? { row: row.line } : { feature: row.line };
    const report = (code: MessageCode, severity: RecordProblem['severity'], params: MessageParams = {}, field?: LayerField, where?: RecordProblem['where']) =>
      problems.push({
        line: row.line,
        ...(field ? { field: field.name } : {}),
        code,
        params: { ...at, ...(field ? { field: field.zh, fieldEn: field.en } : {}), ...params },
        severity,
        ...(where ? { where } : {}),
      });
    const values: Record<string, CellValue | null> = {};
    for (const field of spec.fields) {
      const column = chosen.get(field);
      const parsed = column === undefined ? { value: null } : parseCell(field, row.text(column));
      if ('problem' in parsed) {
        report(parsed.problem.code, 'error', parsed.problem.params, field);
        values[field.name] = null;
        continue;
      }
      values[field.name] = parsed.value;
      if (parsed.value === null && field.required) report('record_required_empty', 'error', {}, field);
    }

    let placed: PlaceResult | null = null;
    if (spec.geometry !== 'none' && toWgs84) {
      placed = source.kind === 'features' ? featurePlace(row.geometry, spec.geometry, toWgs84) : null;
      if (!placed && pair) {
        const [a, b] = pair.map((f) => values[f.name] as number | null);
        if (a !== null && b !== null) placed = pointPlace([a!, b!], toWgs84);
        else if (a !== null || b !== null) {
          const missing = a === null ? pair[0] : pair[1];
          placed = { problem: { code: 'record_half_point', params: { missing: missing.zh, missingEn: missing.en } } };
        }
      }
    }
    if (placed && 'problem' in placed) report(placed.problem.code, 'error', placed.problem.params, undefined, placed.problem.where);
    const place = placed && 'place' in placed ? placed.place : null;
    if (!placed && spec.geometry === 'polygon') report('record_no_geometry', 'error');
    if (!placed && spec.geometry === 'point') {
      const address = values.address;
      if (typeof address === 'string') report('record_located_by_address', 'warning', { address });
      else report('record_no_point', 'error');
    }
    records.push({ line: row.line, values, geometry: place?.geometry ?? null, ...(place?.footprint ? { footprint: place.footprint } : {}) });
  }
  return { records, problems };
}

/**
 * Positions as the file writes them (before any system is applied), for detectCrs: the first
 * vertex of features spread through the file, or the coordinate columns of rows, `limit` at most.
 */
export function positionsOf(spec: LayerSpec, source: Source, mapping: Mapping, limit = 200): Position[] {
  const rows = rowsOf(source);
  const step = Math.max(1, Math.ceil(rows.length / limit));
  const picked = rows.filter((_, i) => i % step === 0);
  if (source.kind === 'features') {
    const first = (c: unknown): Position | undefined =>
      Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? (c as Position) : Array.isArray(c) ? first(c[0]) : undefined;
    return picked.flatMap((r) => {
      const p = first((r.geometry as { coordinates?: unknown } | null)?.coordinates);
      return p ? [[p[0]!, p[1]!]] : [];
    });
  }
  const columnOf = (f: LayerField) => source.columns.findIndex((c) => c.header === mapping[f.name]);
  const chosen = new Map(spec.fields.filter((f) => columnOf(f) >= 0).map((f) => [f, columnOf(f)] as const));
  const pair = coordinateFields(spec, chosen);
  if (!pair || !pair.every((f) => chosen.has(f))) return [];
  return picked.flatMap((r) => {
    const [a, b] = pair.map((f) => parseCoordinate(r.text(chosen.get(f)!)));
    return a && b && 'value' in a && 'value' in b && a.value !== null && b.value !== null ? [[a.value, b.value]] : [];
  });
}
