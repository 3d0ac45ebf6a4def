// Reading one file a county hands over, whatever it is: a zipped shapefile, GeoJSON or KML
// (features) or an .xlsx sheet or a CSV (a table), told apart by their bytes first and their
// names second. GIS formats are read by the areas import's readers; tables go through the
// header finder. Limits hold as it reads: rows (the caller's, per layer) and unzipped bytes.
import type { LayerSpec } from '../../domain/layers';
import { parseCsv, guessDelimiter } from '../csv';
import { decodeText, looksBinary } from '../decode-text';
import { readGeoJson } from '../areas-io/geojson-file';
import { readKml } from '../areas-io/kml-file';
import { FileProblem } from '../areas-io/problem';
import type { RawFile } from '../areas-io/raw';
import { readShapefileParts } from '../areas-io/shapefile-zip';
import { normaliseCell, valueText } from './cells';
import { tableOf } from './table';
import type { Column, FeaturesSource, Source, TableSource } from './types';
import { readWorkbookGrid } from './workbook';
import { countSheetRows } from './xlsx-rows';
import { isZip, unzipWithin, zipEntryNames } from './zip-guard';

export interface SourceOptions {
  /** The layer the file is for: its names for fields find the header row. */
  spec?: LayerSpec;
  /** The workbook's sheet to read; the first one shown by default. */
  sheet?: string;
  /** Data rows (or features) at most. */
  maxRows?: number;
  /** What a zip (a zipped shapefile, an .xlsx) may unpack to, in bytes. */
  maxUnzippedBytes?: number;
}

export const DEFAULT_MAX_ROWS = 100_000;
export const DEFAULT_MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

/** Rows of a CSV beyond the data allowed for its title, header, notes and totals before parsing them all. */
const FRAME_ROWS = 100;

type Format = 'shapefile' | 'xlsx' | 'geojson' | 'kml' | 'csv';

const extension = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function formatOf(name: string, bytes: Uint8Array): Format {
  const ext = extension(name);
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) throw new FileProblem(422, 'import_xls_old', { name });
  if (isZip(bytes)) return zipEntryNames(bytes).includes('xl/workbook.xml') ? 'xlsx' : 'shapefile';
  // trimStart also drops a byte-order mark.
  const first = decodeText(bytes.subarray(0, 512)).text.trimStart()[0];
  if (ext === 'geojson' || ext === 'json' || first === '{') return 'geojson';
  if (ext === 'kml' || first === '<') return 'kml';
  if ((ext === 'csv' || ext === 'txt') && !looksBinary(bytes)) return 'csv';
  throw new FileProblem(422, 'import_format_unknown', { name });
}

/** The .dbf says how many records it holds in its header (bytes 4–7), before any is parsed. */
function dbfRecords(entries: Record<string, Uint8Array>): number {
  const dbf = Object.entries(entries).find(([n]) => n.toLowerCase().endsWith('.dbf'))?.[1];
  return dbf && dbf.length >= 8 ? new DataView(dbf.buffer, dbf.byteOffset, 8).getUint32(4, true) : 0;
}

function featuresSource(raw: RawFile, maxRows: number): FeaturesSource {
  const count = raw.features.length;
  if (count > maxRows) throw new FileProblem(422, 'import_too_many_rows', { max: maxRows, count });
  const keys: string[] = [];
  const samples = new Map<string, string[]>();
  for (const f of raw.features) {
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      if (!samples.has(key)) {
        keys.push(key);
        samples.set(key, []);
      }
      const text = normaliseCell(valueText(value));
      const seen = samples.get(key)!;
      if (text && seen.length < 5) seen.push(text);
    }
  }
  const columns: Column[] = keys.map((header, index) => ({ index, header, samples: samples.get(header)! }));
  return {
    kind: 'features',
    features: raw.features,
    columns,
    ...(raw.declared ? { declared: raw.declared } : {}),
    ...(raw.undeclared ? { undeclared: true } : {}),
    ...(raw.encoding ? { encoding: raw.encoding } : {}),
  };
}

function csvSource(name: string, bytes: Uint8Array, spec: LayerSpec | undefined, maxRows: number): TableSource {
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, guessDelimiter(text));
  } catch (err) {
    throw new FileProblem(400, 'import_csv_unreadable', { detail: (err as Error).message });
  }
  if (records.length > maxRows + FRAME_ROWS) throw new FileProblem(422, 'import_too_many_rows', { max: maxRows, count: records.length });
  const grid = { rows: records.map((cells, i) => ({ line: i + 1, cells: cells.map(normaliseCell) })), merges: [] };
  return { kind: 'table', sheet: name, sheets: [name], ...tableOf(grid, name, spec, maxRows), encoding };
}

/** The file as a table or as features, or a FileProblem saying why it cannot be read. */
export async function readSource(file: { name: string; bytes: Uint8Array }, opts: SourceOptions = {}): Promise<Source> {
  const { name, bytes } = file;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const maxBytes = opts.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES;
  if (bytes.length === 0) throw new FileProblem(400, 'import_file_empty', { name });
  switch (formatOf(name, bytes)) {
    case 'shapefile': {
      const entries = unzipWithin(bytes, maxBytes);
      const count = dbfRecords(entries);
      if (count > maxRows) throw new FileProblem(422, 'import_too_many_rows', { max: maxRows, count });
      return featuresSource(await readShapefileParts(entries), maxRows);
    }
    case 'geojson': return featuresSource(readGeoJson(bytes), maxRows);
    case 'kml': return featuresSource(readKml(bytes), maxRows);
    case 'csv': return csvSource(name, bytes, opts.spec, maxRows);
    case 'xlsx': {
      // Counted as the sheet inflates, before the workbook reader holds all of it.
      const count = countSheetRows(bytes, maxRows + FRAME_ROWS, maxBytes, opts.sheet);
      if (count > maxRows + FRAME_ROWS) throw new FileProblem(422, 'import_too_many_rows', { max: maxRows });
      const { grid, sheet, sheets } = await readWorkbookGrid(bytes, { ...(opts.sheet === undefined ? {} : { sheet: opts.sheet }), maxRows, maxBytes });
      return { kind: 'table', sheet, sheets, ...tableOf(grid, sheet, opts.spec, maxRows) };
    }
  }
}
