// What a request reads when several processes share one PostgreSQL, perhaps with a replica: the
// read-only paths read from the replica, except for a client whose last write (remembered in a
// short cookie: which process it reaches next does not matter) the replica has not replayed yet;
// and every request first hears the other processes' changes — read-your-own-writes throughout.
import type { RequestHandler } from 'express';
import { catchUp } from '../db/changes';
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

/**
 * On every request (PostgreSQL): a write is remembered in the cookie, with where the primary's WAL
 * was when a replica is in use, for the writer's next reads. Only on an answer that succeeded: a
 * refused one (a wrong password counted, say) gives the client nothing, a cookie included.
 */
export function rememberWrites(db: Database): RequestHandler {
  if (db.kind !== 'postgres') return pass;
  return (_req, res, next) => {
    let at: string | undefined;
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
      const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
      if (at && status < 400) {
        const others = ([res.getHeader('Set-Cookie') ?? []].flat() as string[]).filter((c) => !c.startsWith(`${WROTE_COOKIE}=`));
        res.setHeader('Set-Cookie', [...others, `${WROTE_COOKIE}=${at}; Path=/; Max-Age=${WROTE_MAX_AGE_S}; HttpOnly; SameSite=Strict`]);
      }
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    readRoute.run({ replica: false, wrote: (lsn) => void (at = lsn ?? at ?? '0/0') }, next);
  };
}

/**
 * On every request (PostgreSQL): what the other processes wrote is heard before anything is read
 * from this process's caches; at once for a client that wrote a moment ago.
 */
export function readOthersWrites(db: Database): RequestHandler {
  if (db.kind !== 'postgres') return pass;
  return (req, _res, next) => {
    // Unread, the answer could be stale; the database being away is the error handler's 503.
    catchUp(db, readCookie(req.headers.cookie, WROTE_COOKIE) !== undefined).then(() => next(), next);
  };
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
