// What each write changed, told to what this process keeps drawn from the data: the tiles'
// versions (versions.ts) and the look-up's index (features/lookup/index-keeper.ts). Every write
// ends in the handle's `write` (the rows it touched), `writeBulk` or `checkpoint` (an import, its
// undo, seeding, a restore: anything may have changed), so wrapping those three is the whole hook.
//
// On PostgreSQL other processes write the same rows. So a write also appends what it changed to
// data_changes in its own transaction, numbered by the city's counter in data_clock: the counter's
// row lock is held until commit, so the numbers commit in order and a reader that has read up to n
// has missed nothing below it. A process reads the others' rows before it answers (`catchUp`) when
// PostgreSQL has told it there are new ones (LISTEN), or at once when the client wrote a moment ago
// (its cookie): a writer reads its own write back from whichever process answers.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import type { Database } from './handle';
import { readRoute } from './read-route';
import type { Touch } from './write';

export interface Change {
  /** The city; '*' when any may have changed. */
  region: string;
  /** Anything in the city may have changed (`tables` is empty then). */
  everything: boolean;
  tables: string[];
  /** Ids of the buildings written: the look-up reads just these again. */
  buildings: string[];
  /** Hashes of the session tokens written: held sessions (features/auth/sessions-held.ts) forget just these. */
  sessions: string[];
  /** Ids of the users written: their held sessions are forgotten too. */
  users: string[];
}

type Listener = (change: Change) => void;

const CHANNEL = 'gridmap_changes';
/** How long a change stays readable by a process that has not caught up; one further behind reads everything again. */
const KEEP_MINUTES = 10;
const PRUNE_EVERY_MS = 60_000;
/** This process, so it skips its own changes when it reads the log (it heard of them as they were made). */
const ORIGIN = randomUUID();

interface Tracked {
  listeners: Set<Listener>;
  reader?: LogReader;
}

const tracked = new WeakMap<Database, Tracked>();

/** The same handle, telling listeners (and, on PostgreSQL, the other processes) what each write changed. */
export function trackChanges(db: Database, databaseUrl?: string): Database {
  const state: Tracked = { listeners: new Set() };
  const tell = (changes: Change[]) => {
    for (const change of changes) for (const listener of state.listeners) listener(change);
  };
  // Outside any request: the primary's, also behind a replica (the log is read where it is written).
  const primary = db.knex;
  const log = db.kind === 'postgres' ? new LogWriter(primary) : undefined;
  const everything: Change[] = [{ region: '*', everything: true, tables: [], buildings: [], sessions: [], users: [] }];
  const handle: Database = Object.create(db);
  Object.assign(handle, {
    write<T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>): Promise<T> {
      const touched: Array<[string, Record<string, string | number>]> = [];
      return db
        .write(async (trx, touch) => {
          const result = await fn(trx, (table, key) => (touched.push([table, key]), touch(table, key)));
          await log?.append(trx, changesOf(touched));
          return result;
        })
        .finally(() => tell(changesOf(touched)))
        .then(wroteNow);
    },
    writeBulk<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
      return db
        .writeBulk(async (trx) => {
          const result = await fn(trx);
          await log?.append(trx, everything);
          return result;
        })
        .finally(() => tell(everything))
        .then(wroteNow);
    },
    async checkpoint(): Promise<void> {
      try {
        await db.checkpoint();
        if (log) await primary.transaction((trx) => log.append(trx, everything));
      } finally {
        tell(everything);
      }
    },
    async close(): Promise<void> {
      await state.reader?.stop();
      await db.close();
    },
  } satisfies Partial<Database>);
  if (log && databaseUrl) state.reader = new LogReader(primary, databaseUrl, tell);
  tracked.set(handle, state);
  return handle;
}

/** Calls `listener` after each write's end (and each change read from another process); false for an untracked handle. */
export function onChange(db: Database, listener: Listener): boolean {
  const state = tracked.get(db);
  state?.listeners.add(listener);
  return state !== undefined;
}

/**
 * Hears the other processes' writes that PostgreSQL has announced, before a request reads;
 * `now` reads the log even without an announcement (the client has just written).
 */
export function catchUp(db: Database, now = false): Promise<void> {
  return tracked.get(db)?.reader?.catchUp(now) ?? Promise.resolve();
}

/** The request that wrote reads from the log at once on its next requests, whichever process answers them. */
function wroteNow<T>(result: T): T {
  readRoute.getStore()?.wrote?.();
  return result;
}

/**
 * A session's key is its token's hash alone, so sessions are told under SESSIONS_REGION, which no
 * city's code can be (config.ts). Other rows of no city feed no cache.
 */
export const SESSIONS_REGION = '';

/** The touched rows by city. */
function changesOf(touched: Array<[string, Record<string, string | number>]>): Change[] {
  const byRegion = new Map<string, { tables: Set<string>; buildings: Set<string>; sessions: Set<string>; users: Set<string> }>();
  for (const [table, key] of touched) {
    const region = typeof key.region === 'string' ? key.region : table === 'sessions' ? SESSIONS_REGION : undefined;
    if (region === undefined) continue;
    let c = byRegion.get(region);
    if (!c) byRegion.set(region, (c = { tables: new Set(), buildings: new Set(), sessions: new Set(), users: new Set() }));
    c.tables.add(table);
    if (table === 'buildings') c.buildings.add(String(key.id));
    if (table === 'users') c.users.add(String(key.id));
    if (table === 'sessions') c.sessions.add(String(key.token_hash));
  }
  return [...byRegion].map(([region, c]) => ({
    region,
    everything: false,
    tables: [...c.tables],
    buildings: [...c.buildings],
    sessions: [...c.sessions],
    users: [...c.users],
  }));
}

class LogWriter {
  private prunedAt = 0;

  constructor(private readonly knex: Knex) {}

  /** Within the write's transaction; the cities in one order, so two writers never wait on each other in a circle. */
  async append(trx: Knex.Transaction, changes: Change[]): Promise<void> {
    if (!changes.length) return;
    for (const c of [...changes].sort((a, b) => (a.region < b.region ? -1 : 1))) {
      const { rows } = await trx.raw(`INSERT INTO data_clock AS c (region, seq) VALUES (?, 1) ON CONFLICT (region) DO UPDATE SET seq = c.seq + 1 RETURNING seq`, [c.region]);
      await trx.raw(`INSERT INTO data_changes (region, seq, origin, everything, tables, buildings, sessions, users) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)`, [
        c.region,
        rows[0].seq,
        ORIGIN,
        c.everything,
        JSON.stringify(c.tables),
        JSON.stringify(c.buildings),
        JSON.stringify(c.sessions),
        JSON.stringify(c.users),
      ]);
    }
    await trx.raw(`SELECT pg_notify(?, '')`, [CHANNEL]);
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      this.knex.raw(`DELETE FROM data_changes WHERE at < now() - interval '${KEEP_MINUTES} minutes'`).catch(() => {});
    }
  }
}

interface LogRow {
  region: string;
  seq: string;
  origin: string;
  everything: boolean;
  tables: string[];
  buildings: string[];
  sessions: string[];
  users: string[];
}

class LogReader {
  /** The last change read, by city. */
  private readonly read = new Map<string, number>();
  private readonly ready: Promise<void>;
  /** PostgreSQL announced changes not read yet (or the announcements are not heard: read every time). */
  private pending = true;
  private running?: Promise<void>;
  private listener?: pg.Client;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly knex: Knex,
    private readonly url: string,
    private readonly tell: (changes: Change[]) => void,
  ) {
    this.ready = this.start();
  }

  catchUp(now: boolean): Promise<void> {
    if (!this.pending && !now) return Promise.resolve();
    // A read already under way may have begun before the write the caller must see: read again after it.
    const after = now && this.running ? this.running : Promise.resolve();
    return after.then(() => (this.running ??= this.readLog().finally(() => (this.running = undefined))));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.listener?.end().catch(() => {});
  }

  /** Listens first, then notes where the log stands: nothing committed in between is missed. */
  private async start(): Promise<void> {
    await this.listen();
    try {
      const { rows } = await this.knex.raw(`SELECT region, seq FROM data_clock`);
      for (const r of rows as Array<{ region: string; seq: string }>) this.read.set(r.region, Number(r.seq));
      this.pending = !this.listener;
    } catch {
      // The database is away: the first catch-up reads the whole log.
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3000, keepAlive: true });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.pending = true;
      this.retry = setTimeout(() => void this.listen(), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => (this.pending = true));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Stopped while connecting (a command that failed at once): a client kept would keep the process alive.
      if (this.stopped) return void (await client.end().catch(() => {}));
      this.listener = client;
      // Whatever was announced while nobody listened.
      this.pending = true;
    } catch {
      client.end().catch(() => {});
      if (!this.stopped) this.retry = setTimeout(() => void this.listen(), 1000).unref();
    }
  }

  private async readLog(): Promise<void> {
    await this.ready;
    // Cleared before the query: an announcement arriving while it runs is read by the next one.
    this.pending = !this.listener;
    let rows: LogRow[];
    try {
      ({ rows } = await this.knex.raw(`SELECT region, seq, origin, everything, tables, buildings, sessions, users FROM data_changes WHERE seq > coalesce((?::jsonb ->> region)::bigint, 0) ORDER BY region, seq`, [
        JSON.stringify(Object.fromEntries(this.read)),
      ]));
    } catch (err) {
      this.pending = true;
      throw err;
    }
    const changes: Change[] = [];
    for (const r of rows) {
      const seq = Number(r.seq);
      const last = this.read.get(r.region) ?? 0;
      // Pruned before this process read it: what it missed is unknown.
      if (seq > last + 1) changes.push({ region: r.region, everything: true, tables: [], buildings: [], sessions: [], users: [] });
      this.read.set(r.region, seq);
      if (r.origin !== ORIGIN) changes.push({ region: r.region, everything: r.everything, tables: r.tables, buildings: r.buildings, sessions: r.sessions, users: r.users });
    }
    if (changes.length) this.tell(changes);
  }
}
