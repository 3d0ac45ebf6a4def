// The embedded database's journal against a real PGlite: writes the database lost are
// replayed from the journal, a damaged data directory is rebuilt from the snapshot plus the
// journal, and damage inside the journal stops the replay where the entries stop being trustworthy.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { replayEntries } from '../../server/db/journal/replay';
import { readLogs } from '../../server/db/journal/log';
import { latestSnapshot } from '../../server/db/journal/snapshot';
import { audit } from '../../server/features/audit/service';
import { hashToken, login, logout } from '../../server/features/auth/service';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

let clone: Awaited<ReturnType<typeof cloneDatabase>>;
let dataDir: string;
let journalDir: string;
let db: Database | undefined;
let logged: string[];

const open = async () => {
  db = await openDatabase(clone.config);
  return db;
};
/** Closes the way kill -9 leaves things, as far as the journal knows: no snapshot on the way out. */
const crash = async () => {
  await db!.knex.destroy();
  await db!.close();
  db = undefined;
};
const close = async () => {
  await db?.close();
  db = undefined;
};

/** Writes `n` audit rows through db.write; their ids. */
async function writeAudits(database: Database, n: number, tag: string): Promise<string[]> {
  const ctx: AppContext = { db: database, region: TEST_REGION };
  for (let i = 0; i < n; i++) await audit(ctx, { action: 'login', actor: 'journal-test', detail: { tag, i } });
  const rows = await database.knex('audit_log').where({ actor: 'journal-test' }).whereRaw("detail->>'tag' = ?", [tag]).orderBy('id').pluck('id');
  expect(rows).toHaveLength(n);
  return rows.map(String);
}

const auditIds = async (database: Database, tag: string) =>
  (await database.knex('audit_log').whereRaw("detail->>'tag' = ?", [tag]).orderBy('id').pluck('id')).map(String);

/** The database files as they are now (the database closed), to put back later: what the OS had on disk before it lost its cache. */
function copyDatabaseFiles(to: string) {
  fs.cpSync(dataDir, to, { recursive: true, filter: (src) => !src.startsWith(journalDir) && !src.endsWith('gridmap.lock') });
}
function putBackDatabaseFiles(from: string) {
  for (const name of fs.readdirSync(dataDir)) if (name !== 'journal' && name !== 'gridmap.lock') fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  fs.cpSync(from, dataDir, { recursive: true });
}

const activeLog = () => readLogs(journalDir).at(-1)!;

describe.runIf(inject('database').kind === 'pglite')('embedded database journal', () => {
  beforeEach(async () => {
    clone = await cloneDatabase(inject('database'));
    dataDir = clone.config.dataDir;
    journalDir = path.join(dataDir, 'journal');
    logged = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    delete process.env.GRIDMAP_JOURNAL_SNAPSHOT_EVERY;
    await close();
    await clone.drop();
    fs.rmSync(`${dataDir}-stale`, { recursive: true, force: true });
  });

  it('starts from the seeded database with a snapshot and an empty journal', async () => {
    const snapshot = latestSnapshot(journalDir);
    expect(snapshot).toBeDefined();
    const database = await open();
    const { rows } = await database.knex.raw('SELECT seq FROM journal_state');
    expect(Number(rows[0].seq)).toBe(snapshot!.seq);
    expect(activeLog().entries).toEqual([]);
  });

  it('replays the writes a database lost (an OS crash losing unsynced pages), deletions too, and ids continue after them', async () => {
    copyDatabaseFiles(`${dataDir}-stale`);
    const database = await open();
    const written = await writeAudits(database, 3, 'lost');
    const ctx: AppContext = { db: database, region: TEST_REGION };
    const policy = { idleMs: 3_600_000, maxMs: 7_200_000 };
    const ended = await login(ctx, 'demo-staff', 'gridmap-staff', policy);
    const kept = await login(ctx, 'demo-staff', 'gridmap-staff', policy);
    if (!ended.ok || !kept.ok) throw new Error('the demo login failed');
    await logout(ctx, ended.token, ended.user);
    await crash();
    putBackDatabaseFiles(`${dataDir}-stale`);

    const reopened = await open();
    expect(logged.join('\n')).toMatch(/journal: replayed entries \d+\.\.\d+/);
    expect(await auditIds(reopened, 'lost')).toEqual(written);
    const sessions = await reopened.knex('sessions').pluck('token_hash');
    expect(sessions).toContain(hashToken(kept.token));
    expect(sessions).not.toContain(hashToken(ended.token));
    const [next] = await writeAudits(reopened, 1, 'after');
    const { rows } = await reopened.knex.raw('SELECT max(id) AS id FROM audit_log WHERE id < ?', [next]);
    expect(Number(next)).toBeGreaterThan(Number(rows[0].id));
  });

  it('replays idempotently: the same entries applied again change nothing', async () => {
    const database = await open();
    const written = await writeAudits(database, 3, 'twice');
    const entries = activeLog().entries;
    const before = await database.knex('audit_log').whereIn('id', written).orderBy('id');
    await replayEntries(database.knex, entries);
    await replayEntries(database.knex, entries);
    expect(await database.knex('audit_log').whereIn('id', written).orderBy('id')).toEqual(before);
    expect(await auditIds(database, 'twice')).toEqual(written);
  });

  it('stops the replay at a damaged entry, says so and keeps the file aside', async () => {
    copyDatabaseFiles(`${dataDir}-stale`);
    const written = await writeAudits(await open(), 4, 'damaged');
    await crash();
    putBackDatabaseFiles(`${dataDir}-stale`);
    const file = activeLog().file;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('journal-test', 'journal-tesT');
    fs.writeFileSync(file, lines.join('\n'));

    const database = await open();
    const text = logged.join('\n');
    expect(text).toContain('line 3 of');
    expect(text).toContain('is damaged');
    expect(fs.readdirSync(journalDir).some((name) => name.includes('.damaged-'))).toBe(true);
    expect(await auditIds(database, 'damaged')).toEqual(written.slice(0, 2));
  });

  it('snapshots every N entries and drops the journal the snapshot covers', async () => {
    process.env.GRIDMAP_JOURNAL_SNAPSHOT_EVERY = '3';
    const first = latestSnapshot(journalDir)!;
    const database = await open();
    await writeAudits(database, 7, 'rotation');
    await database.checkpoint();
    const snapshot = latestSnapshot(journalDir)!;
    expect(snapshot.generation).toBeGreaterThan(first.generation);
    expect(snapshot.seq).toBeGreaterThanOrEqual(first.seq + 6);
    const names = fs.readdirSync(journalDir);
    expect(names.filter((n) => n.startsWith('snapshot-'))).toEqual([path.basename(snapshot.file)]);
    for (const log of readLogs(journalDir)) expect(log.base).toBeGreaterThanOrEqual(snapshot.seq);
  });

  it('rebuilds a damaged data directory from the snapshot and the journal', async () => {
    const written = await writeAudits(await open(), 4, 'rebuilt');
    await crash();
    // Garble the cluster's control file and lose a WAL segment: PGlite cannot start from that.
    fs.writeFileSync(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    for (const wal of fs.readdirSync(path.join(dataDir, 'pg_wal')).filter((n) => /^[0-9A-F]{24}$/.test(n))) fs.rmSync(path.join(dataDir, 'pg_wal', wal));

    const database = await open();
    const text = logged.join('\n');
    expect(text).toMatch(/journal: the database was damaged \(.+\); moved it to .*damaged-.* and rebuilt it from the snapshot/);
    expect(text).toMatch(/journal: replayed entries/);
    expect(fs.readdirSync(dataDir).some((n) => n.startsWith('damaged-'))).toBe(true);
    expect(await auditIds(database, 'rebuilt')).toEqual(written);
  });

  it('refuses, rather than starting empty, a damaged directory without a snapshot', async () => {
    for (const name of fs.readdirSync(journalDir)) fs.rmSync(path.join(journalDir, name), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    await expect(openDatabase(clone.config)).rejects.toThrow(/is damaged .* and there is no snapshot to rebuild it from/);
  });
});
