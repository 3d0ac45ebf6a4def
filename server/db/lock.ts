// PGlite is a single-process database: two processes on one data directory corrupt it
// silently. A pid file inside the directory turns that into a clear refusal at start.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`GridMap data directory ${dataDir} is in use by process ${pid}; stop it or set GRIDMAP_DATA_DIR to another directory`);
  }
}

export interface DataDirLock {
  release(): void;
}

export const LOCK_FILE = 'gridmap.lock';

/** Takes the directory for this process; a lock left by a dead process is taken over. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  // Two rounds: the second follows removing a stale lock, and loses to whoever got in first.
  for (let round = 0; round < 2; round++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return ownLock(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readPid(file);
    if (holder !== undefined && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
    fs.rmSync(file, { force: true });
  }
  throw new DataDirInUseError(dataDir, readPid(file) ?? 0);
}

function ownLock(file: string): DataDirLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only our own pid: never remove a lock a later process took over.
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
  };
  // process.exit() skips close(); the lock must not outlive us even then.
  process.on('exit', release);
  return { release };
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
