// Read routing for a primary + replica deployment: the read-only paths read from the replica,
// except for a client whose last write (remembered in a short cookie: which process it reaches
// next does not matter) the replica has not replayed yet — read-your-own-writes.
import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { readRoute } from '../db/read-route';
import { readCookie } from '../features/auth/cookies';

export const WROTE_COOKIE = 'gridmap_wrote';
/** A replica further behind than this is not waited for by a writer's reads: they go to it anyway. */
const WROTE_MAX_AGE_S = 60;

/**
 * The work a replica can take: tiles, layers, units, look-ups, figures, coverage. Not a batch
 * look-up's job: it is kept on the primary as it runs, and a lagging replica would not know it.
 */
const REPLICA_READS = [/^\/tiles\//, /^\/api\/layers\//, /^\/api\/units\//, /^\/api\/lookup(\/point)?$/, /^\/api\/stats$/, /^\/api\/dashboard(\/|$)/, /^\/api\/coverage(\/|$)/];

const pass: RequestHandler = (_req, _res, next) => next();

/** On every request: a write remembers where the primary's WAL was, for the writer's next reads. */
export function rememberWrites(db: Database): RequestHandler {
  if (!db.replica) return pass;
  return (_req, res, next) =>
    readRoute.run(
      {
        replica: false,
        wrote(lsn) {
          if (!res.headersSent) res.append('Set-Cookie', `${WROTE_COOKIE}=${lsn}; Path=/; Max-Age=${WROTE_MAX_AGE_S}; HttpOnly; SameSite=Strict`);
        },
      },
      next,
    );
}

/** On REPLICA_READS: reads (GET) go to the replica when it is up and has what this client wrote. */
export function readFromReplica(db: Database): RequestHandler {
  const replica = db.replica;
  if (!replica) return pass;
  return (req, _res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !REPLICA_READS.some((path) => path.test(req.path))) return next();
    replica.caughtUp(readCookie(req.headers.cookie, WROTE_COOKIE)).then((ok) => readRoute.run({ replica: ok }, next), next);
  };
}
