import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';

/** An error whose message is safe and useful to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);

export const unknownRoute: RequestHandler = (req, _res, next) => next(new HttpError(404, `no route for ${req.method} ${req.originalUrl.split('?')[0]}`));

/** Turns every failure into a JSON answer; a client error says what was wrong. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  void next;
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message, ...(err.details ? { details: err.details } : {}) });
    return;
  }
  if (err instanceof z.ZodError) {
    res.status(400).json({ error: describeZodError(err), details: err.issues });
    return;
  }
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    // body-parser and friends: malformed JSON, payload too large
    res.status(status).json({ error: (err as Error).message });
    return;
  }
  if (isConnectionError(err)) {
    res.status(503).json({ error: 'database unavailable' });
    return;
  }
  console.error(err);
  res.status(500).json({ error: 'internal error' });
};

export function describeZodError(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

// SQLSTATEs and socket codes that mean "the database cannot be reached right now", as opposed
// to a fault in the request or the code: 503, and the pool reconnects once it is back.
const UNREACHABLE_CODES = new Set([
  '57P01', // admin_shutdown: our backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '3D000', // the database does not exist (dropped, or not yet restored)
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

export function isConnectionError(err: unknown): boolean {
  const { code = '', message = '', name = '' } = (err ?? {}) as { code?: string; message?: string; name?: string };
  if (UNREACHABLE_CODES.has(code) || code.startsWith('08')) return true; // class 08: connection exception
  if (code === '55000' && message.includes('not currently accepting connections')) return true; // ALLOW_CONNECTIONS false
  if (name === 'KnexTimeoutError') return true; // no connection within acquireConnectionTimeout
  // pg reports a socket that closed under it without any code, and knex puts the query's SQL in
  // front of the message ("select … - Connection terminated unexpectedly"), so no anchor.
  return !code && /Connection terminated|connection error and is not queryable|was closed and is not queryable|timeout exceeded when trying to connect/.test(message);
}
