// One handle for both databases: knex on top of either embedded PGlite or a pg pool.
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { readDatabaseTimeouts, type Config, type DatabaseTimeouts } from '../config';
import { openJournaled } from './journal/open';
import { lockDataDir } from './lock';
import type { Database } from './handle';
import { trackChanges } from './changes';
import { withReplica } from './replica';
import { watchStalls } from './postgres/stall-watch';
import type { Touch } from './write';

export type { Database, DatabaseKind } from './handle';

const ignoreTouch: Touch = () => {};

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & { databaseReadUrl?: string }, timeouts = readDatabaseTimeouts()): Promise<Database> {
  if (config.databaseUrl) {
    const primary = openPostgres(config.databaseUrl, timeouts);
    const readKnex = config.databaseReadUrl ? openPostgres(config.databaseReadUrl, timeouts).knex : null;
    return trackChanges(readKnex ? withReplica(primary, readKnex, (line) => console.log(`[gridmap] ${line}`)) : primary, config.databaseUrl);
  }
  return trackChanges(await openPglite(config.dataDir));
}

function openPostgres(url: string, timeouts: DatabaseTimeouts): Database {
  const knex = knexFactory({
    client: 'pg',
    // JIT off for every connection: PostGIS's cost estimates push small geometry queries past
    // jit_above_cost, and compiling them took seconds where running them takes milliseconds
    // (a plan save's checks 1.2–2.0 s → 30–100 ms, a scenario's figures 3–4 s → under 1 s).
    // No parallel workers for a request either: once a database holds several cities its tables
    // pass the size where PostgreSQL plans them, and starting a worker (25–35 ms here) cost more
    // than the one city's few thousand rows it shares out (the dashboard 3.4× slower among 13
    // cities than alone; 1.0× without). An import's bulk work, whole cities, may still use them.
    connection: {
      connectionString: url,
      connectionTimeoutMillis: timeouts.connectMs,
      options: `-c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=${Math.round(timeouts.statementMs)}`,
      keepAlive: true,
    },
    pool: {
      min: 0,
      max: 10,
      afterCreate(conn: EventEmitter, done: (err: Error | null, conn: EventEmitter) => void) {
        // A backend killed while idle emits 'error' on its client; unhandled, that ends the
        // process. knex drops such a client from the pool, we only say why.
        conn.on('error', (err: Error) => console.warn(`[gridmap] database connection lost: ${err.message}`));
        watch.adopt(conn);
        done(null, conn);
      },
    },
    acquireConnectionTimeout: timeouts.acquireMs,
  });
  const watch = watchStalls(knex, url, timeouts.stallMs, Math.min(timeouts.connectMs, 2000), (line) => console.warn(`[gridmap] ${line}`));
  // A whole city's check or commit (a million buildings) runs for minutes: not a runaway request's statement.
  const bulk = async (trx: Knex.Transaction) => {
    await trx.raw(`SET LOCAL statement_timeout = ${Math.round(timeouts.bulkStatementMs)}`);
    await trx.raw('SET LOCAL max_parallel_workers_per_gather = 2');
  };
  // PostgreSQL's own WAL and fsync make a committed transaction durable.
  return {
    kind: 'postgres',
    knex,
    write: (fn) => knex.transaction((trx) => fn(trx, ignoreTouch)),
    writeBulk: (fn) => knex.transaction(async (trx) => (await bulk(trx), fn(trx))),
    scratch: (fn) => knex.transaction(async (trx) => (await bulk(trx), fn(trx))),
    checkpoint: async () => {},
    close: () => {
      watch.stop();
      return knex.destroy();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  // Loaded lazily so a PostgreSQL deployment never pays for the WASM bundle (the worker loads PGlite itself).
  const [{ default: ClientPGLite }, { RemotePglite, asPglite }] = await Promise.all([import('knex-pglite'), import('./pglite/remote')]);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let store;
  try {
    store = await openJournaled({
      dataDir,
      openPglite: async () => asPglite(await RemotePglite.open(dataDir)),
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
    async writeBulk(fn) {
      const result = await knex.transaction(fn);
      await checkpoint();
      return result;
    },
    scratch: (fn) => knex.transaction(fn),
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
