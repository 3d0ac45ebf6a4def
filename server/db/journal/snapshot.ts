// Snapshots: the PGlite data directory packed into one file while the database is
// checkpointed and holds its only connection, so the copy is a database at rest at one
// journal sequence number. Written to a temporary file, synced, then renamed: a snapshot
// either is whole or does not exist.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { fsyncDir } from './files';
import { findDamage } from './integrity';
import { LOG_NAME } from './log';
import { readPackHeader, unpack, writePack } from './pack';

export interface Snapshot {
  file: string;
  generation: number;
  /** The journal sequence number the copied database holds. */
  seq: number;
  /** WAL position right after the snapshot's checkpoint: the database is unchanged since while it stays there. */
  lsn: string;
  createdAt: string;
}

type Meta = Pick<Snapshot, 'seq' | 'lsn' | 'createdAt'>;

const SNAPSHOT_FILE = /^snapshot-(\d+)\.pack$/;
const TEMP = 'snapshot.tmp';

/** GridMap's own entries in the data directory: never packed into a snapshot, never moved aside. */
const isOurs = (name: string) => name === 'journal' || name === 'gridmap.lock' || name.startsWith('damaged-');
/** The running instance's pid file is not part of a database at rest. */
const notInSnapshot = (name: string) => isOurs(name) || name === 'postmaster.pid';

export function latestSnapshot(journalDir: string): Snapshot | undefined {
  if (!fs.existsSync(journalDir)) return undefined;
  const generations = fs
    .readdirSync(journalDir)
    .map((name) => SNAPSHOT_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: path.join(journalDir, m[0]), generation: Number(m[1]) }))
    .sort((a, b) => b.generation - a.generation);
  for (const { file, generation } of generations) {
    const read = readPackHeader<Meta>(file);
    if (read) return { file, generation, ...read.header.meta };
  }
  return undefined;
}

/**
 * Takes a snapshot of the database in `dataDir`. `whileExclusive` runs before the database is
 * released again (the journal rotates there, so no later entry lands in an older file).
 */
export async function takeSnapshot(knex: Knex, dataDir: string, journalDir: string, whileExclusive: (seq: number) => Promise<void>): Promise<Snapshot> {
  const generation = (latestSnapshot(journalDir)?.generation ?? 0) + 1;
  const temp = path.join(journalDir, TEMP);
  // PGlite has one connection: while this transaction holds it, nothing else runs.
  const snapshot = await knex.transaction(async (trx) => {
    // A damaged database is never packed: the snapshot it would replace is the way back.
    const damage = await findDamage(trx);
    if (damage) throw new Error(`not taking a snapshot of a damaged database (${damage}); the snapshot at generation ${generation - 1} is kept`);
    // Every committed change into the data files, so the copy is a database at rest.
    await trx.raw('CHECKPOINT');
    const { rows } = await trx.raw<{ rows: Array<{ seq: string | null; lsn: string }> }>(
      'SELECT (SELECT seq FROM journal_state) AS seq, pg_current_wal_insert_lsn()::text AS lsn',
    );
    const meta: Meta = { seq: Number(rows[0]!.seq ?? 0), lsn: rows[0]!.lsn, createdAt: new Date().toISOString() };
    const file = path.join(journalDir, `snapshot-${generation}.pack`);
    writePack(dataDir, temp, meta, notInSnapshot);
    fs.renameSync(temp, file);
    fsyncDir(journalDir);
    await whileExclusive(meta.seq);
    return { file, generation, ...meta };
  });
  // Only now that the new snapshot is on disk may the older ones and the journal they need go.
  for (const name of fs.readdirSync(journalDir)) {
    const old = SNAPSHOT_FILE.exec(name);
    const log = LOG_NAME.exec(name);
    if ((old && Number(old[1]) < generation) || (log && Number(log[1]) < snapshot.seq)) fs.rmSync(path.join(journalDir, name), { force: true });
  }
  return snapshot;
}

/** The damaged database files move into `damaged-<time>/` and the snapshot's take their place; returns where they went. */
export function restoreSnapshot(snapshot: Snapshot, dataDir: string): string {
  const aside = path.join(dataDir, `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(aside);
  for (const name of fs.readdirSync(dataDir)) if (!isOurs(name)) fs.renameSync(path.join(dataDir, name), path.join(aside, name));
  fsyncDir(dataDir);
  unpack(snapshot.file, dataDir);
  return aside;
}

/** A snapshot interrupted before its rename is not a snapshot. */
export function removeUnfinishedSnapshot(journalDir: string): void {
  fs.rmSync(path.join(journalDir, TEMP), { force: true });
}
