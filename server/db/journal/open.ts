// The embedded database with its journal. PGlite never calls fsync, so a committed
// transaction is only as durable as the page cache: the journal is what a write's answer
// relies on. On open, the database is checked against the journal and brought up to it,
// or rebuilt from the latest snapshot plus the journal when it is damaged.
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { ConfigError } from '../../config';
import type { Touch } from '../write';
import { Catalogue, captureChanges, claimSeq, collectTouches } from './capture';
import type { Entry } from './entry';
import { fsyncDir } from './files';
import { findDamage } from './integrity';
import { WorkerStartError } from '../pglite/remote';
import { JournalWriter, readLogs, type LogFile } from './log';
import { replayEntries } from './replay';
import { latestSnapshot, removeUnfinishedSnapshot, restoreSnapshot, takeSnapshot, type Snapshot } from './snapshot';

export const JOURNAL_DIR = 'journal';

export interface JournaledPglite {
  pglite: PGlite;
  knex: Knex;
  write<T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>): Promise<T>;
  /** Takes a snapshot if the database changed since the last one, as writes outside the journal (migrations, seeding, restore) do. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

export interface JournalOptions {
  dataDir: string;
  openPglite(): Promise<PGlite>;
  knexOf(pglite: PGlite): Knex;
  /** A snapshot after this many journal entries. */
  snapshotEvery: number;
  log(line: string): void;
}

export async function openJournaled(options: JournalOptions): Promise<JournaledPglite> {
  const { dataDir, log } = options;
  const journalDir = path.join(dataDir, JOURNAL_DIR);
  fs.mkdirSync(journalDir, { recursive: true });
  removeUnfinishedSnapshot(journalDir);
  let snapshot = latestSnapshot(journalDir);
  const logs = readLogs(journalDir);

  let opened = await openChecked(options, snapshot);
  let rebuilt = false;
  if ('damage' in opened) {
    if (!snapshot) throw new ConfigError({ code: 'db_damaged_no_snapshot', params: { dataDir, damage: opened.damage } });
    const aside = restoreSnapshot(snapshot, dataDir);
    log(`journal: the database was damaged (${opened.damage}); moved it to ${aside} and rebuilt it from the snapshot at entry ${snapshot.seq}`);
    opened = await openChecked(options, snapshot);
    if ('damage' in opened) throw new ConfigError({ code: 'db_snapshot_damaged', params: { file: snapshot.file, damage: opened.damage } });
    rebuilt = true;
  }
  const { pglite, knex } = opened;
  let seq = opened.seq ?? 0;

  const { entries, unusable } = chainAfter(logs, seq);
  if (entries.length) {
    const started = Date.now();
    await replayEntries(knex, entries);
    log(`journal: replayed entries ${seq + 1}..${entries.at(-1)!.seq} in ${Date.now() - started} ms`);
    seq = entries.at(-1)!.seq;
  }
  for (const file of unusable) {
    // Acknowledged writes may be in there: keep the file for a person to look at, out of the chain.
    const aside = `${file.file}.damaged-${Date.now()}`;
    fs.renameSync(file.file, aside);
    log(`journal: ${file.damage ? `line ${file.damage.line} of ${file.file} is damaged` : `${file.file} continues past a missing entry`}; entries after entry ${seq} were not replayed; file kept as ${aside}`);
  }
  if (unusable.length) fsyncDir(journalDir);

  const writer = await JournalWriter.open(journalDir, seq);
  const catalogue = new Catalogue();
  const snapshotEvery = Math.max(1, options.snapshotEvery);
  let sinceSnapshot = 0;
  let snapshotting: Promise<void> | undefined;
  const snapshotNow = () =>
    (snapshotting ??= takeSnapshot(knex, dataDir, journalDir, (base) => writer.rotate(journalDir, base))
      .then((taken) => {
        snapshot = taken;
        sinceSnapshot = 0;
      })
      .finally(() => (snapshotting = undefined)));

  // A snapshot is due when there is none, when this open changed the database, or when the
  // database holds entries the journal lacks (a write committed but killed before its append):
  // later entries must not be chained onto a hole.
  const usable = logs.filter((file) => !unusable.includes(file));
  const hasJournal = opened.seq !== undefined;
  if (hasJournal && (!snapshot || rebuilt || entries.length || unusable.length || !journalCovers(usable, snapshot.seq, seq))) await snapshotNow();

  const changedSinceSnapshot = async () => {
    if (!snapshot) return (await journalState(knex)) !== undefined;
    const { rows } = await knex.raw<{ rows: Array<{ lsn: string }> }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    return rows[0]!.lsn !== snapshot.lsn;
  };

  return {
    pglite,
    knex,
    async write(fn) {
      const touched = collectTouches();
      let entry: Entry | undefined;
      const result = await knex.transaction(async (trx) => {
        const value = await fn(trx, touched.touch);
        if (touched.rows().length) entry = { seq: await claimSeq(trx), changes: await captureChanges(trx, catalogue, touched) };
        return value;
      });
      if (entry) {
        await writer.append(entry);
        if (++sinceSnapshot >= snapshotEvery) void snapshotNow().catch((err: Error) => log(`journal: snapshot failed: ${err.message}`));
      }
      return result;
    },
    async checkpoint() {
      await snapshotting;
      if (await changedSinceSnapshot()) await snapshotNow();
    },
    async close() {
      try {
        await snapshotting;
        // The journal since the last snapshot goes into a new one; writes outside the journal
        // were snapshotted by checkpoint() when they happened.
        if (!pglite.closed && sinceSnapshot > 0) await snapshotNow();
      } finally {
        await writer.close();
        await knex.destroy();
        if (!pglite.closed) await pglite.close();
      }
    },
  };
}

type Opened = { pglite: PGlite; knex: Knex; seq: number | undefined } | { damage: string };

/** Opens PGlite and reads its journal position; any failure there means the files are damaged. */
async function openChecked(options: JournalOptions, snapshot: Snapshot | undefined): Promise<Opened> {
  let pglite: PGlite;
  try {
    pglite = await options.openPglite();
  } catch (err) {
    if (err instanceof WorkerStartError) throw err;
    return { damage: `PGlite did not open: ${(err as Error).message}` };
  }
  const knex = options.knexOf(pglite);
  const close = async () => {
    await knex.destroy().catch(() => {});
    if (!pglite.closed) await pglite.close().catch(() => {});
  };
  let seq: number | undefined;
  try {
    seq = await journalState(knex);
  } catch (err) {
    await close();
    return { damage: `reading it failed: ${(err as Error).message}` };
  }
  const damage = await findDamage(knex);
  if (damage) {
    await close();
    return { damage };
  }
  // Older than the snapshot (or an empty new cluster where files vanished): the files lost
  // writes the journal no longer holds; the snapshot has them.
  if (snapshot && (seq === undefined || seq < snapshot.seq)) {
    await close();
    return { damage: seq === undefined ? 'it has no journal position' : `it is at entry ${seq}, behind the snapshot at ${snapshot.seq}` };
  }
  return { pglite, knex, seq };
}

/** The database's journal position, or undefined before the journal's migration ran. */
async function journalState(knex: Knex): Promise<number | undefined> {
  const { rows: present } = await knex.raw<{ rows: Array<{ table: string | null }> }>(`SELECT to_regclass('public.journal_state')::text AS table`);
  if (present[0]!.table === null) return undefined;
  const { rows } = await knex.raw<{ rows: Array<{ seq: string }> }>('SELECT seq FROM journal_state');
  return Number(rows[0]!.seq);
}

/** The entries after `seq`, as long as they follow on without a gap; files past a gap or with damage are unusable. */
function chainAfter(logs: LogFile[], seq: number): { entries: Entry[]; unusable: LogFile[] } {
  const bySeq = new Map<number, Entry>();
  for (const file of logs) for (const entry of file.entries) bySeq.set(entry.seq, entry);
  const entries: Entry[] = [];
  for (let next = bySeq.get(seq + 1); next; next = bySeq.get(next.seq + 1)) entries.push(next);
  const last = entries.at(-1)?.seq ?? seq;
  const unusable = logs.filter((file) => file.damage || file.entries.some((e) => e.seq > last));
  return { entries, unusable };
}

/** Whether the journal holds every entry from the snapshot up to the database's position. */
function journalCovers(logs: LogFile[], from: number, to: number): boolean {
  const have = new Set(logs.flatMap((file) => file.entries.map((e) => e.seq)));
  for (let s = from + 1; s <= to; s++) if (!have.has(s)) return false;
  return true;
}
