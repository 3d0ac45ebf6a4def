// From a file's raw features to the areas a planner previews: polygons only, in WGS84, each
// with a name taken from the field that holds names. Whatever cannot become an area stops the
// import with the feature's number and name; what is merely odd becomes a warning.
import type { GeoJsonProperties, MultiPolygon, Polygon, Position } from 'geojson';
import { say, type MessageCode, type MessageParams } from '../../domain/messages';
import { checkGeometry } from '../geometry-check';
import { CrsNeeded, featureProblem, FileProblem } from './problem';
import { crsFromChoice, positionConverter, type SourceCrs } from './projections';
import { MAX_FEATURES, type RawFile } from './raw';

export interface AreaFeature {
  name: string;
  nameEn?: string;
  geometry: Polygon | MultiPolygon;
  properties: GeoJsonProperties;
}

export type WarningCode = Extract<MessageCode, `import_${'crs_default' | 'crs_overridden' | 'unnamed' | 'altitude_dropped' | 'duplicate_name' | 'outside_community'}`>;

/** What the preview notes without refusing: a catalogue code, its sentence in both languages. */
export interface ImportWarning {
  code: WarningCode;
  params: MessageParams;
  /** The feature's index in the file, when the warning is about one. */
  feature?: number;
  message: string;
  messageEn: string;
}

export function importWarning(code: WarningCode, params: MessageParams = {}, feature?: number): ImportWarning {
  const m = { code, params };
  return { code, params, ...(feature === undefined ? {} : { feature }), message: say(m, 'zh'), messageEn: say(m, 'en') };
}

export interface Preview {
  features: AreaFeature[];
  crs: { detected: string | null; used: string };
  warnings: ImportWarning[];
}

/** Fields that hold an area's name in files from GIS desks, Amap exports and our own export. */
const NAME_FIELDS = ['name', '名称', '片区名称', '片区名', '片区', 'area_name', 'areaname', 'mc', 'title'];
const NAME_EN_FIELDS = ['nameen', 'name_en', 'ename', 'english', '英文名'];

function fieldOf(rows: GeoJsonProperties[], candidates: string[]): string | undefined {
  const keys = new Set(rows.flatMap((p) => Object.keys(p ?? {})));
  for (const wanted of candidates) {
    const key = [...keys].find((k) => k.toLowerCase() === wanted);
    if (key) return key;
  }
  return undefined;
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

/** `feature` is the feature's number and name, as import_feature_* codes name it; `i` its index. */
function polygonalOrRefuse(geometry: unknown, feature: MessageParams, i: number): Polygon | MultiPolygon {
  const type = (geometry as { type?: unknown } | null)?.type;
  if (geometry === null || geometry === undefined) throw new FileProblem(422, 'import_feature_no_geometry', feature, { feature: i });
  if (type !== 'Polygon' && type !== 'MultiPolygon') throw new FileProblem(422, 'import_feature_not_polygon', { ...feature, type: String(type) }, { feature: i });
  const coordinates = (geometry as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates)) throw new FileProblem(422, 'import_feature_no_coordinates', feature, { feature: i });
  return geometry as Polygon | MultiPolygon;
}

const positionsOf = (g: Polygon | MultiPolygon): Position[] => (g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2));

/** Positions that are not number pairs are left as they are, for checkGeometry to name. */
function convert(g: Polygon | MultiPolygon, toWgs84: (p: Position) => Position): unknown {
  const isPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
  const deep = (value: unknown): unknown => (isPosition(value) ? toWgs84(value as Position) : Array.isArray(value) ? value.map(deep) : value);
  return { type: g.type, coordinates: deep(g.coordinates) };
}

/**
 * `chosen` is the user's system (it wins over the file's); without one, the file's own, else
 * GeoJSON's WGS84 default; a shapefile without .prj cannot go on (CrsNeeded).
 */
export function toAreaFeatures(file: RawFile, chosen: SourceCrs | undefined): Preview {
  const count = file.features.length;
  if (count === 0) throw new FileProblem(422, 'import_no_features');
  if (count > MAX_FEATURES) throw new FileProblem(422, 'import_too_many_features', { count, max: MAX_FEATURES });
  if (!chosen && file.undeclared) throw new CrsNeeded();
  const warnings: ImportWarning[] = [];
  const crs = chosen ?? file.declared ?? crsFromChoice('wgs84')!;
  if (!chosen && !file.declared) warnings.push(importWarning('import_crs_default'));
  if (chosen && file.declared && chosen.label !== file.declared.label) {
    warnings.push(importWarning('import_crs_overridden', { declared: file.declared.label, chosen: chosen.label }));
  }
  const rows = file.features.map((f) => f.properties);
  const nameField = fieldOf(rows, NAME_FIELDS);
  const nameEnField = fieldOf(rows, NAME_EN_FIELDS);
  const toWgs84 = positionConverter(crs);
  let altitude = false;
  const features = file.features.map((raw, i): AreaFeature => {
    const givenName = nameField ? text(raw.properties?.[nameField]) : '';
    const feature = { number: i + 1, name: givenName };
    const source = polygonalOrRefuse(raw.geometry, feature, i);
    const positions = positionsOf(source);
    if (!crs.proj && positions.some((p) => Array.isArray(p) && (Math.abs(Number(p[0])) > 180 || Math.abs(Number(p[1])) > 90))) {
      throw new FileProblem(422, 'import_feature_metres', { ...feature, sample: positions[0] ?? [] }, { feature: i });
    }
    const shape = checkGeometry(convert(source, toWgs84), 'polygonal');
    if (!shape.ok) {
      const { where } = shape.problem;
      throw new FileProblem(422, 'import_feature_problem', featureProblem(i + 1, givenName, shape.problem), { feature: i, ...(where ? { where } : {}) });
    }
    altitude ||= positions.some((p) => Array.isArray(p) && p.length > 2);
    const name = givenName || `片区${i + 1}`;
    if (!givenName) warnings.push(importWarning('import_unnamed', { number: i + 1, name }, i));
    const nameEn = nameEnField ? text(raw.properties?.[nameEnField]) : '';
    return { name, ...(nameEn ? { nameEn } : {}), geometry: shape.geometry as Polygon | MultiPolygon, properties: raw.properties ?? {} };
  });
  if (altitude) warnings.push(importWarning('import_altitude_dropped'));
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    const first = seen.get(f.name);
    if (first === undefined) seen.set(f.name, i);
    else warnings.push(importWarning('import_duplicate_name', { number: i + 1, first: first + 1, name: f.name }, i));
  });
  return { features, crs: { detected: file.declared?.label ?? null, used: crs.label }, warnings };
}
