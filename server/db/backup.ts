// Backup and restore that read and write the same file on PGlite and on PostgreSQL, so a city
// can move between the engines: gzip'd JSON lines, one row per line, geometry as EWKB hex
// (exact coordinates and SRID, and PostGIS parses it back on input).
//
// Lines: {"h": header}, then per table {"t": name} followed by {"r": row} lines, then
// {"e": row counts}. The closing line lets a restore tell a cut-off file from a whole one.
import { once } from 'node:events';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type { Knex } from 'knex';
import { say, type CorruptPart, type Message } from '../domain/messages';
import type { Database } from './database';
import { listTables, resetSequences, serialisedColumns, type Table } from './rows';

export const BACKUP_FORMAT = 'gridmap-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: Database['kind'];
  /** The region the writing process served; the file holds every region in the database. */
  region: string;
  migrations: string[];
  tables: Array<{ name: string; columns: string[] }>;
}

export type RowCounts = Record<string, number>;

/** A backup that cannot be written or restored, for a reason the operator can act on. */
export class BackupError extends Error {
  constructor(readonly fault: Message) {
    super(say(fault, 'en'));
  }
}

const corrupt = (part: CorruptPart, table?: string) => new BackupError({ code: 'backup_corrupt', params: { part, table } });

const FETCH_ROWS = 2000;
const INSERT_BYTES = 4 << 20;

/** Writes every row of every application table to `file`, from one consistent snapshot. */
export async function writeBackup(db: Database, file: string, region: string): Promise<RowCounts> {
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  try {
    // A folder that is missing or not ours fails here, before a row is read.
    await once(out, 'open');
  } catch (err) {
    throw Object.assign(err as Error, { path: file });
  }
  const gzip = zlib.createGzip();
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve).on('error', reject);
    gzip.on('error', reject);
  });
  // Awaited at the end, or raced by every write: a full disk ends the backup, not the process.
  finished.catch(() => undefined);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), finished]);
  };
  const counts: RowCounts = {};
  try {
    await db.knex.transaction(async (trx) => {
      // One snapshot for all tables, so foreign keys hold between them in the file.
      await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const tables = await listTables(trx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: db.kind,
        region,
        migrations: await appliedMigrations(trx),
        tables: tables.map(({ name, columns }) => ({ name, columns })),
      };
      await write(JSON.stringify({ h: header }));
      for (const table of tables) {
        await write(JSON.stringify({ t: table.name }));
        counts[table.name] = 0;
        const query = trx.select(serialisedColumns(trx, table)).from(table.name).toSQL().toNative();
        // A cursor keeps memory flat on a city with millions of rows, on both engines.
        await trx.raw(`DECLARE gridmap_backup NO SCROLL CURSOR FOR SELECT to_jsonb(r)::text AS row FROM (${query.sql}) r`, query.bindings as Knex.RawBinding[]);
        for (;;) {
          const { rows } = await trx.raw<{ rows: Array<{ row: string }> }>(`FETCH ${FETCH_ROWS} FROM gridmap_backup`);
          for (const { row } of rows) await write(`{"r":${row}}`);
          counts[table.name]! += rows.length;
          if (rows.length < FETCH_ROWS) break;
        }
        await trx.raw('CLOSE gridmap_backup');
      }
      await write(JSON.stringify({ e: counts }));
    });
    gzip.end();
    await finished;
    fs.renameSync(partial, file);
  } catch (err) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return counts;
}

/**
 * Replaces every row of every application table with the file's, in one transaction: a file
 * that is corrupt, cut off or of another schema changes nothing.
 */
export async function restoreBackup(db: Database, file: string): Promise<RowCounts> {
  const lines = readLines(file);
  const header = parseHeader(await lines.next());
  const restored = await db.knex.transaction(async (trx): Promise<RowCounts> => {
    const tables = await listTables(trx);
    const migrations = await appliedMigrations(trx);
    if (migrations.join() !== header.migrations.join()) {
      throw new BackupError({ code: 'backup_schema_differs', params: { theirs: header.migrations, ours: migrations } });
    }
    const described = (list: Array<{ name: string; columns: string[] }>) => list.map((t) => `${t.name}(${t.columns.join(',')})`).sort().join(' ');
    if (described(tables) !== described(header.tables)) throw new BackupError({ code: 'backup_tables_differ' });
    const byName = new Map(tables.map((t) => [t.name, t]));

    if (tables.length) await trx.raw(`TRUNCATE ${tables.map(() => '??').join(', ')}`, tables.map((t) => t.name));
    const counts: RowCounts = {};
    let table: Table | undefined;
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (!table || !batch.length) return;
      const cols = table.columns.map(() => '??').join(', ');
      await trx.raw(`INSERT INTO ?? (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM jsonb_populate_recordset(NULL::??, ?::jsonb)`, [
        table.name,
        ...table.columns,
        ...table.columns,
        table.name,
        `[${batch.join(',')}]`,
      ]);
      counts[table.name]! += batch.length;
      batch = [];
      batchBytes = 0;
    };
    for (let line = await lines.next(); line !== undefined; line = await lines.next()) {
      // Rows are passed on as text: PostgreSQL parses them, JavaScript never sees their numbers.
      if (line.startsWith('{"r":') && line.endsWith('}')) {
        if (!table) throw corrupt('row_before_table');
        batch.push(line.slice(5, -1));
        batchBytes += line.length;
        if (batchBytes >= INSERT_BYTES) await flush();
        continue;
      }
      await flush();
      const entry = parseLine(line) as { t?: string; e?: RowCounts };
      if (typeof entry.t === 'string') {
        table = byName.get(entry.t);
        if (!table || entry.t in counts) throw corrupt('unexpected_table', entry.t);
        counts[entry.t] = 0;
      } else if (entry.e && typeof entry.e === 'object') {
        if ((await lines.next()) !== undefined) throw corrupt('lines_after_end');
        const expected = JSON.stringify(Object.entries(entry.e).sort());
        if (expected !== JSON.stringify(Object.entries(counts).sort())) throw corrupt('counts_differ');
        await resetSequences(trx);
        return counts;
      } else {
        throw corrupt('unknown_line');
      }
    }
    throw new BackupError({ code: 'backup_incomplete' });
  });
  // The restore bypassed the embedded database's journal.
  await db.checkpoint();
  return restored;
}

function parseHeader(line: string | undefined): BackupHeader {
  const header = (line === undefined ? undefined : (parseLine(line) as { h?: BackupHeader }).h) as BackupHeader | undefined;
  if (header?.format !== BACKUP_FORMAT) throw new BackupError({ code: 'backup_foreign' });
  if (header.version !== BACKUP_VERSION) throw new BackupError({ code: 'backup_version', params: { version: String(header.version), expected: BACKUP_VERSION } });
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) throw corrupt('incomplete_header');
  return header;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw corrupt('not_json');
  }
}

/** The file's lines one at a time; gzip damage surfaces as a BackupError from next(). */
function readLines(file: string): { next(): Promise<string | undefined> } {
  const gunzip = zlib.createGunzip();
  fs.createReadStream(file)
    .on('error', (err) => gunzip.destroy(err))
    .pipe(gunzip);
  const chunks = gunzip[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  let done = false;
  return {
    async next() {
      for (;;) {
        const end = buffered.indexOf('\n');
        if (end >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 1);
          return line;
        }
        if (done) {
          const rest = buffered;
          buffered = '';
          return rest ? rest : undefined;
        }
        let chunk: IteratorResult<Buffer>;
        try {
          chunk = await chunks.next();
        } catch (err) {
          // A file that is missing or not ours is the operator's to fix; anything else is damage.
          if ((err as { path?: string }).path) throw err;
          throw new BackupError({ code: 'backup_unreadable', params: { detail: (err as Error).message } });
        }
        if (chunk.done) {
          done = true;
          buffered += decoder.end();
        } else {
          buffered += decoder.write(chunk.value);
        }
      }
    },
  };
}

async function appliedMigrations(knex: Knex): Promise<string[]> {
  if (!(await knex.schema.hasTable('knex_migrations'))) throw new BackupError({ code: 'backup_no_schema' });
  const rows = await knex('knex_migrations').select<Array<{ name: string }>>('name').orderBy('id');
  return rows.map((r) => r.name);
}
