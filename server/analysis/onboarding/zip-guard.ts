// Unzipping an upload without letting it unpack into more memory than we allow. The zip's own
// directory is read first: entries whose bytes overlap (the trick that makes a few MB unpack
// to GB many times over) are refused, and so is a zip whose declared sizes add up past the
// limit. zlib then inflates each entry with its declared size as the most it may give: the
// moment the output passes it, the zip is refused, so a lying zip costs next to nothing.
import { constants, inflateRawSync } from 'node:zlib';
import { FileProblem } from '../areas-io/problem';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const isZip = (bytes: Uint8Array): boolean => ZIP_MAGIC.every((b, i) => bytes[i] === b);

interface Entry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  /** Where its local header starts and its compressed data ends. */
  start: number;
  end: number;
  dataStart: number;
}

const unreadable = (detail: string) => new FileProblem(400, 'import_zip_unreadable', { detail });

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

/** The central directory's entries, with where each one's bytes lie in the file. */
function directory(bytes: Uint8Array): { entries: Entry[]; directoryStart: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('no end of central directory');
  const count = view.getUint16(end + 10, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryStart === 0xffffffff) throw unreadable('ZIP64 archives are not supported');
  const entries: Entry[] = [];
  let at = directoryStart;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw unreadable('broken central directory');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const start = view.getUint32(at + 42, true);
    const compressedSize = view.getUint32(at + 20, true);
    if (start + 30 > bytes.length || view.getUint32(start, true) !== 0x04034b50) throw unreadable('broken local header');
    const dataStart = start + 30 + view.getUint16(start + 26, true) + view.getUint16(start + 28, true);
    entries.push({
      name: (flags & 0x800 ? utf8 : latin1).decode(rawName),
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 1) === 1,
      compressedSize,
      size: view.getUint32(at + 24, true),
      start,
      end: dataStart + compressedSize,
      dataStart,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { entries, directoryStart };
}

/** Every entry's bytes lie apart from every other's and before the directory. */
function refuseOverlaps(entries: Entry[], directoryStart: number): void {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  sorted.forEach((e, i) => {
    const next = sorted[i + 1];
    if (e.end > directoryStart || (next && e.end > next.start)) throw new FileProblem(422, 'zip_overlapping', { name: e.name });
  });
}

/** A whole entry: zlib itself stops the moment the output passes the declared size. */
function inflateEntry(bytes: Uint8Array, e: Entry): Uint8Array {
  const data = bytes.subarray(e.dataStart, e.end);
  if (e.encrypted) throw unreadable(`${e.name} is encrypted`);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new FileProblem(422, 'zip_size_lies', { name: e.name, size: e.size });
    return data.slice();
  }
  if (e.method !== 8) throw unreadable(`${e.name}: compression method ${e.method}`);
  const out = inflateWithin(data, e);
  if (out.length !== e.size) throw new FileProblem(422, 'zip_size_lies', { name: e.name, size: e.size });
  return out;
}

/** Deflated bytes (all or a prefix) inflated, refused as soon as they pass the entry's declared size. */
function inflateWithin(data: Uint8Array, e: Entry, prefix = false): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.size), ...(prefix ? { finishFlush: constants.Z_SYNC_FLUSH } : {}) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new FileProblem(422, 'zip_size_lies', { name: e.name, size: e.size });
    throw unreadable(`${e.name}: ${(err as Error).message}`);
  }
}

/** Deflated bytes given to the first look at an entry's start; each further look doubles them. */
const FIRST_PREFIX = 64 * 1024;

/**
 * Reads the start of one entry, longer and longer (the deflated bytes doubling, so the work is
 * at most twice the part read), until `enough` says so or the entry is read whole: a reader
 * that only counts stops early, never holding more than it looked at. False without that entry.
 */
export function readEntryStart(bytes: Uint8Array, name: string, maxBytes: number, enough: (start: Buffer, whole: boolean) => boolean): boolean {
  if (!isZip(bytes)) throw new FileProblem(400, 'import_not_zip');
  const { entries, directoryStart } = directory(bytes);
  refuseOverlaps(entries, directoryStart);
  const entry = entries.find((e) => e.name === name);
  if (!entry) return false;
  if (entry.size > maxBytes) throw new FileProblem(422, 'import_zip_too_large', { size: entry.size, max: maxBytes });
  if (entry.method !== 8) {
    const all = inflateEntry(bytes, entry);
    enough(Buffer.from(all.buffer, all.byteOffset, all.length), true);
    return true;
  }
  const data = bytes.subarray(entry.dataStart, entry.end);
  for (let length = FIRST_PREFIX; ; length *= 2) {
    const whole = length >= data.length;
    const start = whole ? Buffer.from(inflateEntry(bytes, entry)) : inflateWithin(data.subarray(0, length), entry, true);
    if (enough(start, whole) || whole) return true;
  }
}

/** A Mac's resource forks and the folders' own entries carry nothing. */
const wanted = (name: string) => !name.startsWith('__MACOSX/') && !name.endsWith('/');

/** The names in a zip, read from its directory without inflating anything. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  return directory(bytes).entries.map((e) => e.name);
}

/** Every entry of the zip, unless together they would unpack to more than `maxBytes`, overlap, or lie about their sizes. */
export function unzipWithin(bytes: Uint8Array, maxBytes: number, only: (name: string) => boolean = () => true): Record<string, Uint8Array> {
  if (!isZip(bytes)) throw new FileProblem(400, 'import_not_zip');
  const { entries, directoryStart } = directory(bytes);
  refuseOverlaps(entries, directoryStart);
  const chosen = entries.filter((e) => wanted(e.name) && only(e.name));
  const declared = chosen.reduce((sum, e) => sum + e.size, 0);
  if (declared > maxBytes) throw new FileProblem(422, 'import_zip_too_large', { size: declared, max: maxBytes });
  return Object.fromEntries(chosen.map((e) => [e.name, inflateEntry(bytes, e)]));
}
