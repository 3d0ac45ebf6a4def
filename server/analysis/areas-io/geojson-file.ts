// A GeoJSON upload: a FeatureCollection, a Feature or a bare geometry. RFC 7946 says WGS84; an
// older "crs" member (as GDAL writes for projected layers) is honoured when it names a system
// we convert.
import { decodeText } from '../decode-text';
import { FileProblem } from './problem';
import { crsFromChoice } from './projections';
import type { RawFile } from './raw';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "urn:ogc:def:crs:EPSG::4549", "EPSG:4549", "urn:ogc:def:crs:OGC:1.3:CRS84". */
function declaredCrs(json: Record<string, unknown>) {
  const crs = json.crs;
  if (!isObject(crs) || !isObject(crs.properties) || typeof crs.properties.name !== 'string') return undefined;
  const name = crs.properties.name;
  if (/CRS84$/i.test(name)) return crsFromChoice('wgs84');
  const code = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  const known = code ? crsFromChoice(code) : undefined;
  if (!known) throw new FileProblem(422, 'import_geojson_crs', { crs: name }, { crs: name });
  return known;
}

export function readGeoJson(bytes: Uint8Array): RawFile {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes).text);
  } catch (err) {
    throw new FileProblem(400, 'import_not_json', { detail: (err as Error).message });
  }
  if (!isObject(json) || typeof json.type !== 'string') throw new FileProblem(400, 'import_geojson_no_type');
  const declared = declaredCrs(json);
  const base = declared ? { declared } : {};
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) throw new FileProblem(400, 'import_geojson_no_features');
    return {
      ...base,
      features: json.features.map((f: unknown, i) => {
        if (!isObject(f) || f.type !== 'Feature') throw new FileProblem(400, 'import_not_a_feature', { number: i + 1 }, { feature: i });
        return { properties: isObject(f.properties) ? f.properties : {}, geometry: f.geometry };
      }),
    };
  }
  if (json.type === 'Feature') return { ...base, features: [{ properties: isObject(json.properties) ? json.properties : {}, geometry: json.geometry }] };
  return { ...base, features: [{ properties: {}, geometry: json }] };
}
