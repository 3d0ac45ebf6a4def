// Rate limits (see guard-config.ts for the numbers): login attempts per address and per
// username, and everything an anonymous client asks of /api and /tiles per address. 429 with
// Retry-After. Separate from the account lock-out, which counts wrong passwords in the database;
// these count attempts in memory, before any password is hashed.
import type { RequestHandler, Response } from 'express';
import { HttpError } from './errors';
import type { RateLimits } from './guard-config';
import { TokenBuckets } from './token-buckets';

const pass: RequestHandler = (_req, _res, next) => next();

function tooMany(res: Response, seconds: number, what: string): HttpError {
  res.set('Retry-After', String(seconds));
  return new HttpError(429, `${what}; try again in ${seconds} s`);
}

/** After `authenticate`: a signed-in user is not the anonymous public and is not counted here. */
export function publicRateLimit(perMinute: number): RequestHandler {
  if (!perMinute) return pass;
  const byIp = new TokenBuckets(perMinute);
  return (req, res, next) => {
    if (req.user) return next();
    const wait = byIp.take(req.ip ?? '');
    next(wait ? tooMany(res, wait, `too many requests from your address without login (limit ${perMinute} a minute)`) : undefined);
  };
}

/** On the resident page's /api/public: everyone is counted, signed in or not (staff have /api/lookup). */
export function residentRateLimit(perMinute: number): RequestHandler {
  if (!perMinute) return pass;
  const byIp = new TokenBuckets(perMinute);
  return (req, res, next) => {
    const wait = byIp.take(req.ip ?? '');
    next(wait ? tooMany(res, wait, `too many look-ups from your address (limit ${perMinute} a minute)`) : undefined);
  };
}

/**
 * On POST /api/auth/login, after the body is parsed. Refused attempts are not audited: the
 * limit exists to stop a flood, and a row per refused request would let the flood into the
 * audit log instead.
 */
export function loginRateLimit({ loginPerIp, loginPerUser }: RateLimits): RequestHandler {
  if (!loginPerIp && !loginPerUser) return pass;
  const byIp = loginPerIp ? new TokenBuckets(loginPerIp) : undefined;
  const byUser = loginPerUser ? new TokenBuckets(loginPerUser) : undefined;
  return (req, res, next) => {
    const ipWait = byIp?.take(req.ip ?? '') ?? 0;
    if (ipWait) return next(tooMany(res, ipWait, `too many login attempts from your address (limit ${loginPerIp} a minute)`));
    const username: unknown = (req.body as { username?: unknown } | undefined)?.username;
    // Anything longer than the schema allows is refused by it anyway; don't key on megabytes.
    const userWait = typeof username === 'string' ? (byUser?.take(username.slice(0, 200)) ?? 0) : 0;
    if (userWait) return next(tooMany(res, userWait, `too many login attempts for this username (limit ${loginPerUser} a minute)`));
    next();
  };
}
