// Rate limits (see guard-config.ts for the numbers): login attempts per address and per
// username, and everything an anonymous client asks of /api and /tiles per address. 429 with
// Retry-After. Separate from the account lock-out, which counts wrong passwords in the database;
// these count attempts before any password is hashed: in memory with the embedded database (one
// process holds it), in PostgreSQL otherwise, so processes behind a balancer share one count.
import type { RequestHandler, Response } from 'express';
import type { Database } from '../db/database';
import { HttpError } from './errors';
import type { RateLimits } from './guard-config';
import { SharedBuckets } from './shared-buckets';
import { TokenBuckets } from './token-buckets';

const pass: RequestHandler = (_req, _res, next) => next();

/** One limit's buckets: `take` answers 0 when granted, else the seconds to wait. */
export type Buckets = { take(key: string): number | Promise<number> };
export type BucketMaker = (name: Limit, perWindow: number, windowMs?: number) => Buckets;

export function bucketsIn(db: Pick<Database, 'kind' | 'knex'>): BucketMaker {
  return db.kind === 'postgres'
    ? (name, perWindow, windowMs) => new SharedBuckets(db.knex, name, perWindow, windowMs)
    : (_name, perWindow, windowMs) => new TokenBuckets(perWindow, { windowMs });
}

/** A limit's middleware: `keyOf` names the bucket (null: not counted), `code` the refusal. */
function limited(buckets: Buckets, code: Limit, limit: number, keyOf: (req: Parameters<RequestHandler>[0]) => string | null): RequestHandler {
  return (req, res, next) => {
    const key = keyOf(req);
    if (key === null) return next();
    Promise.resolve(buckets.take(key)).then(
      (wait) => next(wait ? tooMany(res, wait, code, limit) : undefined),
      // The shared count is unreachable: the error handler's 503 says the database is away, at
      // once, rather than the request waiting on the same dead link a second time.
      next,
    );
  };
}

export type Limit = 'rate_public' | 'rate_resident' | 'rate_requests' | 'rate_login_address' | 'rate_login_user';

function tooMany(res: Response, seconds: number, code: Limit, limit: number): HttpError {
  res.set('Retry-After', String(seconds));
  return new HttpError(429, code, { limit, seconds });
}

/** After `authenticate`: a signed-in user is not the anonymous public and is not counted here. */
export function publicRateLimit(make: BucketMaker, perMinute: number): RequestHandler {
  if (!perMinute) return pass;
  return limited(make('rate_public', perMinute), 'rate_public', perMinute, (req) => (req.user ? null : (req.ip ?? '')));
}

/** On the resident page's /api/public: everyone is counted, signed in or not (staff have /api/lookup). */
export function residentRateLimit(make: BucketMaker, perMinute: number): RequestHandler {
  if (!perMinute) return pass;
  return limited(make('rate_resident', perMinute), 'rate_resident', perMinute, (req) => req.ip ?? '');
}

/**
 * On the resident page's filing (POST /api/public/requests), on top of the resident limit: a few
 * requests an hour from one address, counted before the body is read, so a flood of requests
 * (or of bad input) stores nothing and costs no parsing.
 */
export function requestFloodLimit(make: BucketMaker, perHour: number): RequestHandler {
  if (!perHour) return pass;
  return limited(make('rate_requests', perHour, 3600_000), 'rate_requests', perHour, (req) => req.ip ?? '');
}

/**
 * On POST /api/auth/login, after the body is parsed. Refused attempts are not audited: the
 * limit exists to stop a flood, and a row per refused request would let the flood into the
 * audit log instead.
 */
export function loginRateLimit(make: BucketMaker, { loginPerIp, loginPerUser }: RateLimits): RequestHandler {
  const byIp = loginPerIp ? limited(make('rate_login_address', loginPerIp), 'rate_login_address', loginPerIp, (req) => req.ip ?? '') : pass;
  const byUser = loginPerUser
    ? limited(make('rate_login_user', loginPerUser), 'rate_login_user', loginPerUser, (req) => {
        const username: unknown = (req.body as { username?: unknown } | undefined)?.username;
        // Anything longer than the schema allows is refused by it anyway; don't key on megabytes.
        return typeof username === 'string' ? username.slice(0, 200) : null;
      })
    : pass;
  return (req, res, next) => byIp(req, res, (err?: unknown) => (err ? next(err) : byUser(req, res, next)));
}
