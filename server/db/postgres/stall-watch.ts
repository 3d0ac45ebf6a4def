// A link that freezes (sockets open, nothing passes) never errors by itself: a query on a pooled
// connection would wait for as long as TCP keeps the socket. A statement timeout cannot help
// (the server never hears of the query) and a short client-side one would cut legitimate long
// statements (an import's commit). So a query outstanding past `stallMs` has the database probed
// on a fresh connection; only when that probe fails too are the stalled connections cut, which
// fails their queries as an outage (503) and drops them from the pool.
import type { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import pg from 'pg';

interface QueryEvent {
  __knexUid?: string;
  __knexQueryUid?: string;
}

/** What pg's client offers below its public API: the socket, to end a connection that went silent. */
interface PgConnection extends EventEmitter {
  __knexUid?: string;
  connection?: { stream?: { destroy(err: Error): void } };
}

export interface StallWatch {
  /** Called with each new pooled connection. */
  adopt(conn: EventEmitter): void;
  stop(): void;
}

export function watchStalls(knex: Knex, url: string, stallMs: number, probeMs: number, log: (line: string) => void): StallWatch {
  const connections = new Map<string, PgConnection>();
  const outstanding = new Map<string, { conn: string; since: number }>();
  const settle = (_: unknown, q?: QueryEvent) => q?.__knexQueryUid && outstanding.delete(q.__knexQueryUid);
  knex.on('query', (q: QueryEvent) => {
    if (q.__knexQueryUid && q.__knexUid) outstanding.set(q.__knexQueryUid, { conn: q.__knexUid, since: Date.now() });
  });
  knex.on('query-response', settle);
  knex.on('query-error', settle);

  let probing = false;
  const check = async () => {
    const stalled = () => [...outstanding].filter(([, q]) => Date.now() - q.since >= stallMs);
    if (probing || !stalled().length) return;
    probing = true;
    try {
      if (await reachable(url, probeMs)) return;
      for (const [uid, q] of stalled()) {
        outstanding.delete(uid);
        const conn = connections.get(q.conn);
        conn?.connection?.stream?.destroy(Object.assign(new Error('Connection terminated: the database stopped answering'), { code: 'ETIMEDOUT' }));
        log(`database: a query waited ${Date.now() - q.since} ms and the database does not answer a new connection either: its connection was cut`);
      }
    } finally {
      probing = false;
    }
  };
  const timer = setInterval(() => void check(), Math.max(100, stallMs / 3));
  timer.unref();
  return {
    adopt(conn) {
      const c = conn as PgConnection;
      if (!c.__knexUid) return;
      const uid = c.__knexUid;
      connections.set(uid, c);
      c.once('end', () => connections.delete(uid));
    },
    stop: () => clearInterval(timer),
  };
}

/** Whether a new connection logs in and answers within `ms`. */
async function reachable(url: string, ms: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ms, query_timeout: ms });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    void client.end().catch(() => {});
    return true;
  } catch {
    // end() would wait on the silent link for a goodbye: the socket goes now.
    (client as unknown as PgConnection).connection?.stream?.destroy(new Error('probe failed'));
    return false;
  }
}
