// A rename or a new file is only on disk once its directory has been synced too.
import fs from 'node:fs';

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
