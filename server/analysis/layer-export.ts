// A layer's rows written as a county's files: GeoJSON and KML with the fields under their
// Chinese names, a zipped shapefile under their short names (a .dbf allows 10 bytes), an Excel
// sheet with a header row. Choices are written in the words offices use (农村社区, 是/否), so
// the import reads every file back to the same city. Run on the worker pool (runtime/jobs/files.ts):
// a large layer's workbook or shapefile takes seconds to write.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import ExcelJS from 'exceljs';
import { foldersToKML } from '@placemarkio/tokml';
import { shortHeader, type LayerField, type LayerSpec } from '../domain/layers';
import { writeShapefileZip, type DbfField } from './areas-io/shapefile-write';

export const EXPORT_FORMATS = ['geojson', 'shapefile', 'kml', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One unit of a layer as the files hold it: a value per field, and its place. */
export interface LayerRow {
  values: Record<string, string | number | boolean | null>;
  geometry: Geometry | null;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array | string;
}

/** The fields a row of the layer carries (x/y are for reading metres; the export writes degrees). */
const written = (spec: LayerSpec, rows: LayerRow[]) => spec.fields.filter((f) => f.type !== 'x' && f.type !== 'y' && rows.some((r) => f.name in r.values));

function cellValue(f: LayerField, value: string | number | boolean | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (f.type === 'yesno') return value ? '是' : '否';
  if (f.type === 'choice' && f.choices) return f.choices[String(value)]?.[0] ?? String(value);
  return typeof value === 'number' ? value : String(value);
}

const record = (fields: LayerField[], row: LayerRow, key: (f: LayerField) => string) =>
  Object.fromEntries(fields.map((f) => [key(f), cellValue(f, row.values[f.name])]));

function dbfFields(fields: LayerField[], rows: LayerRow[]): DbfField[] {
  return fields.map((f) => {
    const name = shortHeader(f);
    if (f.type === 'integer') return { name, type: 'N', length: 12, decimals: 0 };
    if (f.type === 'number' || f.type === 'lng' || f.type === 'lat') return { name, type: 'N', length: 18, decimals: 7 };
    const longest = Math.max(1, ...rows.map((r) => new TextEncoder().encode(String(cellValue(f, r.values[f.name]) ?? '')).length));
    return { name, type: 'C', length: Math.min(254, longest) };
  });
}

async function xlsx(spec: LayerSpec, fields: LayerField[], rows: LayerRow[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(spec.zh.replace(/[\\/?*[\]:]/g, ''));
  sheet.addRow(fields.map((f) => f.zh));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(fields.map((f) => cellValue(f, row.values[f.name])));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function writeLayer(spec: LayerSpec, rows: LayerRow[], format: ExportFormat, base: string): Promise<ExportFile | 'no_places'> {
  const fields = written(spec, rows);
  const spatial = spec.geometry !== 'none' && rows.some((r) => r.geometry);
  const features = (): Feature[] => rows.map((r) => ({ type: 'Feature', properties: record(fields, r, (f) => f.zh), geometry: r.geometry as Feature['geometry'] }));
  switch (format) {
    case 'xlsx':
      return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await xlsx(spec, fields, rows) };
    case 'geojson': {
      const collection: FeatureCollection = { type: 'FeatureCollection', features: features() };
      return { fileName: `${base}.geojson`, contentType: 'application/geo+json', bytes: JSON.stringify(collection) };
    }
    case 'kml': {
      if (!spatial) return 'no_places';
      const name = fields.find((f) => f.name === 'name' || f.name === 'address' || f.name === 'orgName');
      const placemarks = features()
        .filter((f) => f.geometry)
        .map((f) => ({ ...f, properties: { ...Object.fromEntries(Object.entries(f.properties ?? {}).filter(([, v]) => v !== null)), ...(name ? { name: f.properties?.[name.zh] } : {}) } }));
      const kml = foldersToKML({ type: 'root', children: [{ type: 'folder', meta: { name: spec.zh }, children: placemarks }] });
      return { fileName: `${base}.kml`, contentType: 'application/vnd.google-earth.kml+xml', bytes: `<?xml version="1.0" encoding="UTF-8"?>\n${kml}\n` };
    }
    case 'shapefile': {
      if (!spatial) return 'no_places';
      const placed = rows.filter((r) => r.geometry);
      const dbf = dbfFields(fields, placed);
      const records = placed.map((r) => ({
        geometry: r.geometry as Polygon | MultiPolygon | Point,
        values: Object.fromEntries(fields.map((f, i) => [dbf[i]!.name, cellValue(f, r.values[f.name])])),
      }));
      return { fileName: `${base}.zip`, contentType: 'application/zip', bytes: writeShapefileZip(spec.layer, dbf, records) };
    }
  }
}
