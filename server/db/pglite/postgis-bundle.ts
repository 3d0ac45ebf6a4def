// PGlite's PostGIS bundle (95 MB unpacked) carries raster, topology, the TIGER geocoder, the
// address standardiser and the pre-extension install scripts besides PostGIS itself, and PGlite
// unpacks all of it into memory and compiles every library in it each time a database opens.
// GridMap uses PostGIS alone, so the worker opens with a copy of the bundle without the others,
// made once per install from the installed one: 2 s less per open (5.0 → 3.0 s, decisions.md),
// which every server start, command and test file pays.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import type { PGliteInterface } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/** Files of the extensions GridMap never creates; PostGIS's own files, its upgrade scripts included, stay. */
const UNUSED = /raster|topology|tiger|address_standardizer|sfcgal|^share\/postgresql\/contrib\//;

const BLOCK = 512;

/** PostGIS for PGlite, from the slim bundle when it can be made, else from the installed one. */
export const postgisExtension = {
  name: postgis.name,
  async setup(pg: PGliteInterface, emscriptenOpts: unknown) {
    const installed = await postgis.setup(pg, emscriptenOpts);
    return { ...installed, bundlePath: pathToFileURL(slimBundle(fileURLToPath(installed.bundlePath))) };
  },
};

/**
 * The slim bundle's path, made when missing in `node_modules/.cache/gridmap` beside the installed
 * one (ours, unlike a shared temporary folder where another user could leave a library for
 * PGlite to load); the installed bundle's on any failure.
 */
export function slimBundle(installed: string): string {
  try {
    const modules = installed.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    if (modules < 0) return installed;
    const { size, mtimeMs } = fs.statSync(installed);
    const cache = path.join(installed.slice(0, modules), 'node_modules', '.cache', 'gridmap');
    const file = path.join(cache, `postgis-${size}-${Math.round(mtimeMs)}.tar.gz`);
    if (fs.existsSync(file)) return file;
    fs.mkdirSync(cache, { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}`;
    fs.writeFileSync(partial, zlib.gzipSync(withoutUnused(zlib.gunzipSync(fs.readFileSync(installed))), { level: 1 }));
    // Renamed whole: a process opening at the same moment reads either no file or all of it.
    fs.renameSync(partial, file);
    return file;
  } catch {
    return installed;
  }
}

/** The tar without the entries of UNUSED: each entry's header and data blocks are kept or dropped whole. */
export function withoutUnused(tar: Buffer): Buffer {
  const kept: Buffer[] = [];
  let pending: Buffer[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12) || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const entry = tar.subarray(at, end);
    at = end;
    // A GNU long name or a pax header belongs to the entry after it.
    if (type === 'L' || type === 'x') {
      const data = entry.subarray(BLOCK, BLOCK + size).toString('utf8');
      longName = type === 'L' ? data.replace(/\0+$/, '') : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(data)?.[1] ?? longName);
      pending.push(entry);
      continue;
    }
    // POSIX ustar keeps a name's leading folders in `prefix`; in GNU's format those bytes are times.
    const prefix = header.toString('latin1', 257, 263) === 'ustar\0' ? field(header, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    if (!UNUSED.test(name)) kept.push(...pending, entry);
    pending = [];
    longName = undefined;
  }
  kept.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(kept);
}

function field(header: Buffer, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const nul = bytes.indexOf(0);
  return bytes.subarray(0, nul < 0 ? length : nul).toString('utf8').trim();
}
