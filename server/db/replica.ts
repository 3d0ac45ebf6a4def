// A streaming replica for read-only work (DATABASE_READ_URL): the requests the read routing
// marks (tiles, layers, look-ups, dashboards, coverage) read from it while it is up and has
// replayed what their client last wrote; every write, and everything else, uses the primary.
// A replica that stops answering is noticed by a probe and by the next failed check; reads go
// to the primary until it answers again.
import type { Knex } from 'knex';
import type { Database, Replica } from './handle';
import { readRoute } from './read-route';

/** How often the replica is asked whether it is up. */
const PROBE_MS = 1000;
/** A probe (or a writer's catch-up check) slower than this counts the replica as down. */
const PROBE_TIMEOUT_MS = 1500;

export function withReplica(primary: Database, replicaKnex: Knex, log: (line: string) => void): Database & { replica: Replica } {
  let up = false;
  const markUp = (now: boolean, why?: string) => {
    if (now !== up) log(now ? 'read replica: up, reads go to it' : `read replica: down (${why ?? 'no answer'}), reads go to the primary`);
    up = now;
  };
  const within = <T>(work: Promise<T>) =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref())]);
  const probe = () =>
    within(replicaKnex.raw('SELECT pg_is_in_recovery()')).then(
      () => markUp(true),
      (err: Error) => markUp(false, err.message),
    );
  void probe();
  const timer = setInterval(() => void probe(), PROBE_MS);
  timer.unref();

  const replica: Replica = {
    up: () => up,
    async caughtUp(lsn) {
      if (!up) return false;
      if (!lsn) return true;
      try {
        const { rows } = await within(replicaKnex.raw(`SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, true) AS ok`, [lsn]));
        return Boolean((rows as Array<{ ok: boolean }>)[0]?.ok);
      } catch (err) {
        markUp(false, (err as Error).message);
        return false;
      }
    },
  };

  // After a write of a request that reads from the replica later, tell the request where the WAL is.
  const remembered = async <T>(result: T): Promise<T> => {
    const route = readRoute.getStore();
    if (route?.wrote) {
      const { rows } = await primary.knex.raw(`SELECT pg_current_wal_lsn()::text AS lsn`);
      route.wrote(String((rows as Array<{ lsn: string }>)[0]!.lsn));
    }
    return result;
  };

  return {
    kind: primary.kind,
    get knex() {
      return readRoute.getStore()?.replica && up ? replicaKnex : primary.knex;
    },
    write: (fn) => primary.write(fn).then(remembered),
    writeBulk: (fn) => primary.writeBulk(fn).then(remembered),
    scratch: (fn) => primary.scratch(fn),
    checkpoint: () => primary.checkpoint(),
    replica,
    async close() {
      clearInterval(timer);
      await Promise.all([primary.close(), replicaKnex.destroy()]);
    },
  };
}
