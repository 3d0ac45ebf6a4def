// A directory tree in one file: a JSON header line listing the entries, then the files'
// bytes one after another. One file means one fsync for a whole snapshot (syncing each of
// PostgreSQL's ~1,000 files took seconds).
import fs from 'node:fs';
import path from 'node:path';

interface PackEntry {
  path: string;
  /** Bytes, or -1 for a directory. */
  size: number;
}

export interface PackHeader<M> {
  meta: M;
  entries: PackEntry[];
}

const CHUNK = 8 << 20;

/** Writes the tree under `from` (minus the top-level names `skip` rejects) to `file`, synced. */
export function writePack<M>(from: string, file: string, meta: M, skip: (name: string) => boolean): void {
  const entries: PackEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!rel && skip(entry.name)) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        entries.push({ path: relPath, size: -1 });
        walk(path.join(dir, entry.name), relPath);
      } else if (entry.isFile()) {
        entries.push({ path: relPath, size: fs.statSync(path.join(dir, entry.name)).size });
      }
    }
  };
  walk(from, '');
  const out = fs.openSync(file, 'w');
  try {
    let position = fs.writeSync(out, `${JSON.stringify({ meta, entries } satisfies PackHeader<M>)}\n`);
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (const entry of entries) {
      if (entry.size < 0) continue;
      const input = fs.openSync(path.join(from, entry.path), 'r');
      try {
        for (let done = 0; done < entry.size; ) {
          const read = fs.readSync(input, buffer, 0, Math.min(CHUNK, entry.size - done), done);
          if (read === 0) throw new Error(`${entry.path} shrank while it was being packed`);
          position += fs.writeSync(out, buffer, 0, read, position);
          done += read;
        }
      } finally {
        fs.closeSync(input);
      }
    }
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
}

/** The header, or undefined when the file is not a whole pack (its length must match the header's sizes). */
export function readPackHeader<M>(file: string): { header: PackHeader<M>; dataStart: number } | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    let head = Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(1 << 16);
    while (!head.includes(10)) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, head.length);
      if (read === 0) return undefined;
      head = Buffer.concat([head, buffer.subarray(0, read)]);
    }
    const dataStart = head.indexOf(10) + 1;
    const header = JSON.parse(head.subarray(0, dataStart - 1).toString('utf8')) as PackHeader<M>;
    const expected = dataStart + header.entries.reduce((sum, e) => sum + Math.max(0, e.size), 0);
    return fs.fstatSync(fd).size === expected ? { header, dataStart } : undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Recreates the packed tree under `to`. */
export function unpack(file: string, to: string): void {
  const read = readPackHeader(file);
  if (!read) throw new Error(`${file} is not a whole snapshot`);
  const input = fs.openSync(file, 'r');
  try {
    let position = read.dataStart;
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (const entry of read.header.entries) {
      const target = path.join(to, entry.path);
      if (entry.size < 0) {
        fs.mkdirSync(target, { recursive: true });
        continue;
      }
      const out = fs.openSync(target, 'w');
      try {
        for (let done = 0; done < entry.size; ) {
          const n = fs.readSync(input, buffer, 0, Math.min(CHUNK, entry.size - done), position);
          fs.writeSync(out, buffer, 0, n, done);
          done += n;
          position += n;
        }
      } finally {
        fs.closeSync(out);
      }
    }
  } finally {
    fs.closeSync(input);
  }
}
