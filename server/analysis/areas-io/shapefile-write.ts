// Writing a zipped shapefile of polygons or of points (.shp, .shx, .dbf, .prj WGS84, .cpg UTF-8).
// Our own, since the format's polygon and point cases are small and the packages that write it put names into the .dbf
// as Latin-1, which loses every Chinese name. Layout per the ESRI Shapefile Technical
// Description (1998) and dBASE III.
import { zipSync } from 'fflate';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { boxOf, type Box } from '../../domain/box';

export type DbfField =
  | { name: string; type: 'C'; length: number }
  | { name: string; type: 'N'; length: number; decimals: number }
  | { name: string; type: 'L' };

export interface ShapeRecord {
  /** One kind of shape a file: all polygonal, or all points. */
  geometry: Polygon | MultiPolygon | Point;
  values: Record<string, string | number | boolean | null>;
}

const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const POLYGON = 5;
const POINT = 1;

/** Twice the signed area: positive counter-clockwise. */
const signedArea = (ring: Position[]) => ring.reduce((s, p, i) => (i === 0 ? s : s + (ring[i - 1]![0]! * p[1]! - p[0]! * ring[i - 1]![1]!)), 0);
/** Shapefiles want outer rings clockwise and holes counter-clockwise (GeoJSON: the reverse). */
const oriented = (ring: Position[], outer: boolean) => ((signedArea(ring) > 0) === outer ? [...ring].reverse() : ring);

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.flatMap((rings) => rings.map((r, i) => oriented(r, i === 0)));
}

function header(view: DataView, fileBytes: number, box: Box, type: number) {
  view.setInt32(0, 9994, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, type, true);
  box.forEach((v, i) => view.setFloat64(36 + i * 8, v, true));
}

function shpAndShx(records: ShapeRecord[]): { shp: Uint8Array; shx: Uint8Array } {
  const type = records[0]?.geometry.type === 'Point' ? POINT : POLYGON;
  const shapes = records.map((r) => {
    if (r.geometry.type === 'Point') {
      const point = r.geometry.coordinates;
      return { rings: [], points: [point], box: boxOf([point]), bytes: 20 };
    }
    const rings = ringsOf(r.geometry);
    const points = rings.flat();
    return { rings, points, box: boxOf(points), bytes: 44 + 4 * rings.length + 16 * points.length };
  });
  const shpBytes = 100 + shapes.reduce((s, x) => s + 8 + x.bytes, 0);
  const shxBytes = 100 + 8 * shapes.length;
  const shp = new DataView(new ArrayBuffer(shpBytes));
  const shx = new DataView(new ArrayBuffer(shxBytes));
  // An empty layer has the empty box, written as zeros.
  const all: Box = shapes.length ? boxOf(shapes.flatMap((s) => [[s.box[0], s.box[1]], [s.box[2], s.box[3]]])) : [0, 0, 0, 0];
  header(shp, shpBytes, all, type);
  header(shx, shxBytes, all, type);
  let at = 100;
  shapes.forEach((s, i) => {
    shx.setInt32(100 + i * 8, at / 2, false);
    shx.setInt32(104 + i * 8, s.bytes / 2, false);
    shp.setInt32(at, i + 1, false);
    shp.setInt32(at + 4, s.bytes / 2, false);
    at += 8;
    shp.setInt32(at, type, true);
    if (type === POINT) {
      shp.setFloat64(at + 4, s.points[0]![0]!, true);
      shp.setFloat64(at + 12, s.points[0]![1]!, true);
      at += s.bytes;
      return;
    }
    s.box.forEach((v, j) => shp.setFloat64(at + 4 + j * 8, v, true));
    shp.setInt32(at + 36, s.rings.length, true);
    shp.setInt32(at + 40, s.points.length, true);
    let start = 0;
    s.rings.forEach((ring, j) => {
      shp.setInt32(at + 44 + j * 4, start, true);
      start += ring.length;
    });
    let p = at + 44 + 4 * s.rings.length;
    for (const [x, y] of s.points) {
      shp.setFloat64(p, x!, true);
      shp.setFloat64(p + 8, y!, true);
      p += 16;
    }
    at += s.bytes;
  });
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer) };
}

const fieldLength = (f: DbfField) => (f.type === 'L' ? 1 : f.length);

/** UTF-8 bytes cut to `length` without splitting a character, padded with spaces. */
function textCell(value: string, length: number): Uint8Array {
  const cell = new Uint8Array(length).fill(0x20);
  let bytes = new TextEncoder().encode(value);
  if (bytes.length > length) {
    let end = length;
    while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
    bytes = bytes.subarray(0, end);
  }
  cell.set(bytes);
  return cell;
}

function cell(field: DbfField, value: string | number | boolean | null): Uint8Array {
  if (value === null) return new Uint8Array(fieldLength(field)).fill(0x20);
  if (field.type === 'L') return textCell(value ? 'T' : 'F', 1);
  if (field.type === 'C') return textCell(String(value), field.length);
  return textCell(Number(value).toFixed(field.decimals).padStart(field.length), field.length);
}

function dbf(fields: DbfField[], records: ShapeRecord[]): Uint8Array {
  const headerBytes = 32 + 32 * fields.length + 1;
  const recordBytes = 1 + fields.reduce((s, f) => s + fieldLength(f), 0);
  const out = new Uint8Array(headerBytes + recordBytes * records.length + 1);
  const view = new DataView(out.buffer);
  const now = new Date();
  out.set([0x03, now.getUTCFullYear() - 1900, now.getUTCMonth() + 1, now.getUTCDate()]);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerBytes, true);
  view.setUint16(10, recordBytes, true);
  fields.forEach((f, i) => {
    const at = 32 + i * 32;
    // A field name has 10 bytes (then a NUL): a Chinese name is cut at a character's edge.
    out.set(textCell(f.name, 10).map((b) => (b === 0x20 ? 0 : b)), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = fieldLength(f);
    out[at + 17] = f.type === 'N' ? f.decimals : 0;
  });
  out[headerBytes - 1] = 0x0d;
  records.forEach((r, i) => {
    let at = headerBytes + i * recordBytes;
    out[at++] = 0x20;
    for (const f of fields) {
      out.set(cell(f, r.values[f.name] ?? null), at);
      at += fieldLength(f);
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** The zip of one layer named `base`, polygons or points in WGS84 with the given attribute table. */
export function writeShapefileZip(base: string, fields: DbfField[], records: ShapeRecord[]): Uint8Array {
  const { shp, shx } = shpAndShx(records);
  const text = (s: string) => new TextEncoder().encode(s);
  return zipSync({
    [`${base}.shp`]: shp,
    [`${base}.shx`]: shx,
    [`${base}.dbf`]: dbf(fields, records),
    [`${base}.prj`]: text(WGS84_PRJ),
    [`${base}.cpg`]: text('UTF-8'),
  });
}
