// One handle for both databases: knex on top of either embedded PGlite or a pg pool.
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import type { Config } from '../config';
import { openJournaled } from './journal/open';
import { lockDataDir } from './lock';

export type DatabaseKind = 'pglite' | 'postgres';

/** Names a row that a write changed: its table and primary-key values. */
export type Touch = (table: string, key: Record<string, string | number>) => void;

export interface Database {
  kind: DatabaseKind;
  knex: Knex;
  /**
   * Runs one write as one transaction. Every write path goes through here and calls `touch`
   * for each row it changed, so the embedded database can make the write durable before
   * the caller answers the client.
   */
  write<T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>): Promise<T>;
  /**
   * Makes writes that bypassed `write` (migrations, seeding, restore) durable too: on PGlite
   * a snapshot if anything changed since the last; PostgreSQL needs nothing. Whoever writes
   * outside `write` calls it when done.
   */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

const ignoreTouch: Touch = () => {};

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(config.dataDir);
}

function openPostgres(url: string): Database {
  const knex = knexFactory({
    client: 'pg',
    // JIT off for every connection: PostGIS's cost estimates push small geometry queries past
    // jit_above_cost, and compiling them took seconds where running them takes milliseconds
    // (a plan save's checks 1.2–2.0 s → 30–100 ms, a scenario's figures 3–4 s → under 1 s).
    connection: { connectionString: url, connectionTimeoutMillis: connectTimeoutMs(), options: '-c jit=off' },
    pool: {
      min: 0,
      max: 10,
      afterCreate(conn: EventEmitter, done: (err: Error | null, conn: EventEmitter) => void) {
        // A backend killed while idle emits 'error' on its client; unhandled, that ends the
        // process. knex drops such a client from the pool, we only say why.
        conn.on('error', (err: Error) => console.warn(`[gridmap] database connection lost: ${err.message}`));
        done(null, conn);
      },
    },
    acquireConnectionTimeout: connectTimeoutMs(),
  });
  // PostgreSQL's own WAL and fsync make a committed transaction durable.
  return {
    kind: 'postgres',
    knex,
    write: (fn) => knex.transaction((trx) => fn(trx, ignoreTouch)),
    checkpoint: async () => {},
    close: () => knex.destroy(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  // Loaded lazily so a PostgreSQL deployment never pays for the WASM bundle.
  const [{ PGlite }, { postgis }, { pg_trgm }, { default: ClientPGLite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('knex-pglite'),
  ]);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let store;
  try {
    store = await openJournaled({
      dataDir,
      openPglite: () => PGlite.create({ dataDir, extensions: { postgis, pg_trgm } }),
      knexOf: (pglite) => knexFactory({ client: ClientPGLite, connection: { pglite } } as Knex.Config),
      snapshotEvery: snapshotEvery(),
      log: (line) => console.log(`[gridmap] ${line}`),
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  const { knex, write, checkpoint } = store;
  return {
    kind: 'pglite',
    knex,
    write,
    checkpoint,
    async close() {
      try {
        await store.close();
      } finally {
        lock.release();
      }
    },
  };
}

/** Journal entries between snapshots of the embedded database: replay after a crash reads at most this many. */
function snapshotEvery(): number {
  const n = Number(process.env.GRIDMAP_JOURNAL_SNAPSHOT_EVERY ?? 1000);
  return Number.isInteger(n) && n > 0 ? n : 1000;
}

/** How long a request waits for a PostgreSQL connection before it answers 503. */
function connectTimeoutMs(): number {
  const ms = Number(process.env.GRIDMAP_DB_CONNECT_TIMEOUT_MS ?? 5000);
  return Number.isFinite(ms) && ms > 0 ? ms : 5000;
}
