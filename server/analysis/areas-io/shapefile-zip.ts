// A zipped shapefile: one .shp with its .dbf (names), .prj (coordinate system) and .cpg (the
// .dbf's encoding). Parsing the records is the `shapefile` package's; choosing the parts, the
// encoding and the system is ours.
import { read } from 'shapefile';
import { decodeText } from '../decode-text';
import { unzipWithin } from '../onboarding/zip-guard';
import { FileProblem } from './problem';
import { crsFromPrj } from './projections';
import type { RawFile } from './raw';

/** What a community's zipped areas may unpack to: a few thousand polygons are a few MB. */
export const AREAS_MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

/** Code pages as .cpg files name them (ArcGIS writes "936", GDAL "CP936" or "UTF-8"). */
function encodingOfCpg(cpg: string): string | undefined {
  const name = cpg.trim().toLowerCase().replace(/^(cp|ansi_?|windows-?)/, '');
  if (['936', 'gbk', 'gb2312', 'gb18030', '54936'].includes(name)) return 'gb18030';
  if (['utf-8', 'utf8', '65001'].includes(name)) return 'utf-8';
  try {
    return new TextDecoder(cpg.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** Without a .cpg: the text bytes of the records decide, valid UTF-8 or else GB18030. */
function detectDbfEncoding(dbf: Uint8Array): string {
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  return decodeText(dbf.subarray(headerLength)).encoding;
}

export async function readShapefileZip(bytes: Uint8Array, maxBytes = AREAS_MAX_UNZIPPED_BYTES): Promise<RawFile> {
  return readShapefileParts(unzipWithin(bytes, maxBytes));
}

/** The parts of one shapefile, by their names in the zip (the onboarding import unzips them itself, within its limit). */
export async function readShapefileParts(entries: Record<string, Uint8Array>): Promise<RawFile> {
  const names = Object.keys(entries);
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) throw new FileProblem(422, 'import_zip_no_shp', { names });
  if (shps.length > 1) throw new FileProblem(422, 'import_zip_many_shp', { count: shps.length, names: shps });
  const base = shps[0]!.slice(0, -4);
  const part = (ext: string) => {
    const name = names.find((n) => n.slice(0, -4) === base && n.toLowerCase().endsWith(ext));
    return name === undefined ? undefined : entries[name];
  };
  const dbf = part('.dbf');
  if (!dbf) throw new FileProblem(422, 'import_zip_no_dbf', { base });
  const prj = part('.prj');
  const cpg = part('.cpg');
  const encoding = (cpg && encodingOfCpg(new TextDecoder().decode(cpg))) || detectDbfEncoding(dbf);
  let collection;
  try {
    collection = await read(part('.shp')!, dbf, { encoding });
  } catch (err) {
    throw new FileProblem(422, 'import_shp_unreadable', { base, detail: (err as Error).message });
  }
  const declared = prj ? crsFromPrj(decodeText(prj).text) : undefined;
  return {
    features: collection.features.map((f) => ({ properties: f.properties, geometry: f.geometry })),
    ...(declared ? { declared } : { undeclared: true }),
    encoding,
  };
}
