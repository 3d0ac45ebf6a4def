// Durable file operations. A rename or a new file is only on disk once its directory has
// been synced too, and Node's writes reach only the page cache until fsync.
import fs from 'node:fs';
import path from 'node:path';

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a small file whole: temp file, fsync, rename, fsync the directory. */
export function writeFileDurable(file: string, content: string): void {
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, content);
  fsyncFile(temp);
  fs.renameSync(temp, file);
  fsyncDir(path.dirname(file));
}

/** Copies a directory tree (minus the names `skip` rejects at its top) and syncs every file and directory of the copy. */
export function copyTreeDurable(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTreeDurable(source, target);
    } else if (entry.isFile()) {
      fs.copyFileSync(source, target);
      fsyncFile(target);
    }
  }
  fsyncDir(to);
}
