// Snapshots: a copy of the PGlite data directory taken while the database is checkpointed
// and holds its only connection, so the copy is a database at rest at one journal sequence
// number. Written to a temporary directory, synced, then renamed: a snapshot directory
// either is whole or does not exist.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { copyTreeDurable, fsyncDir, writeFileDurable } from './files';
import { LOG_NAME } from './log';

export interface Snapshot {
  dir: string;
  generation: number;
  /** The journal sequence number the copied database holds. */
  seq: number;
  /** WAL position right after the snapshot's checkpoint: the database is unchanged since while it stays there. */
  lsn: string;
  createdAt: string;
}

const SNAPSHOT_DIR = /^snapshot-(\d+)$/;
const META = 'gridmap-snapshot.json';

/** GridMap's own entries in the data directory: never copied into a snapshot, never moved aside. */
const isOurs = (name: string) => name === 'journal' || name === 'gridmap.lock' || name.startsWith('damaged-');
/** The running instance's pid file is not part of a database at rest. */
const notInSnapshot = (name: string) => isOurs(name) || name === 'postmaster.pid';

export function latestSnapshot(journalDir: string): Snapshot | undefined {
  if (!fs.existsSync(journalDir)) return undefined;
  const found = fs
    .readdirSync(journalDir)
    .map((name) => ({ name, m: SNAPSHOT_DIR.exec(name) }))
    .filter(({ name, m }) => m && fs.existsSync(path.join(journalDir, name, META)))
    .map(({ name, m }) => ({ ...(JSON.parse(fs.readFileSync(path.join(journalDir, name, META), 'utf8')) as Omit<Snapshot, 'dir' | 'generation'>), dir: path.join(journalDir, name), generation: Number(m![1]) }))
    .sort((a, b) => b.generation - a.generation);
  return found[0];
}

/**
 * Takes a snapshot of the database in `dataDir`. `whileExclusive` runs before the database is
 * released again (the journal rotates there, so no later entry lands in an older file).
 */
export async function takeSnapshot(knex: Knex, dataDir: string, journalDir: string, whileExclusive: (seq: number) => Promise<void>): Promise<Snapshot> {
  const previous = latestSnapshot(journalDir);
  const generation = (previous?.generation ?? 0) + 1;
  const temp = path.join(journalDir, 'snapshot.tmp');
  fs.rmSync(temp, { recursive: true, force: true });
  // PGlite has one connection: while this transaction holds it, nothing else runs.
  const snapshot = await knex.transaction(async (trx) => {
    // Every committed change into the data files, so the copy needs no WAL replay of ours.
    await trx.raw('CHECKPOINT');
    const { rows } = await trx.raw<{ rows: Array<{ seq: string; lsn: string }> }>('SELECT (SELECT seq FROM journal_state) AS seq, pg_current_wal_insert_lsn()::text AS lsn');
    const taken: Snapshot = { dir: path.join(journalDir, `snapshot-${generation}`), generation, seq: Number(rows[0]!.seq ?? 0), lsn: rows[0]!.lsn, createdAt: new Date().toISOString() };
    copyTreeDurable(dataDir, temp, notInSnapshot);
    writeFileDurable(path.join(temp, META), JSON.stringify({ seq: taken.seq, lsn: taken.lsn, createdAt: taken.createdAt }));
    fs.renameSync(temp, taken.dir);
    fsyncDir(journalDir);
    await whileExclusive(taken.seq);
    return taken;
  });
  // Only now that the new snapshot is on disk may the older one and the journal it covers go.
  for (const name of fs.readdirSync(journalDir)) {
    const old = SNAPSHOT_DIR.exec(name);
    const log = LOG_NAME.exec(name);
    if ((old && Number(old[1]) < generation) || (log && Number(log[1]) < snapshot.seq)) fs.rmSync(path.join(journalDir, name), { recursive: true, force: true });
  }
  return snapshot;
}

/** The damaged database files move into `damaged-<time>/` and the snapshot's take their place. */
export function restoreSnapshot(snapshot: Snapshot, dataDir: string): string {
  const aside = path.join(dataDir, `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(aside);
  for (const name of fs.readdirSync(dataDir)) if (!isOurs(name)) fs.renameSync(path.join(dataDir, name), path.join(aside, name));
  fsyncDir(dataDir);
  copyTreeDurable(snapshot.dir, dataDir, (name) => name === META);
  return aside;
}

/** A snapshot interrupted before its rename is not a snapshot. */
export function removeUnfinishedSnapshot(journalDir: string): void {
  fs.rmSync(path.join(journalDir, 'snapshot.tmp'), { recursive: true, force: true });
}
