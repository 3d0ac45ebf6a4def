// The one error type of the API and its one handler. Every refusal is a code from the domain's
// message catalogue with its parameters; the body carries the code, the parameters and the
// sentence in Chinese (`error`) and English (`errorEn`), plus `current` on a stale write (409)
// and `problems` on a refused one (422). See docs/api.md, "Errors".
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { say, type Message, type MessageCode, type MessageParams } from '../domain/messages';
import type { Problem } from '../domain/problems';
import { OBJECT_WORDS, type ObjectWord } from '../domain/words';
import { inputIssues } from './input-issues';

/** An error whose message is safe and useful to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly params: MessageParams = {},
    /** More members of the body: `current`, `problems`, … */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(say({ code, params }, 'en'));
  }

  get details(): unknown {
    return this.extra.details;
  }

  /** The JSON answer. (Not `body`: body-parser's http-errors sets `body` on errors thrown inside it.) */
  answer(): Record<string, unknown> {
    return {
      code: this.code,
      error: say({ code: this.code, params: this.params }, 'zh'),
      errorEn: this.message,
      ...(Object.keys(this.params).length ? { params: this.params } : {}),
      ...this.extra,
    };
  }
}

/**
 * 409: the write started from an older version (or the object is no longer in the state the
 * change needs); `current` is what is there now. Either the object's word, id and the two
 * versions, or a catalogue code and its parameters for another reason.
 */
export class ConflictError<T> extends HttpError {
  readonly current: T;
  constructor(current: T, what: ObjectWord, id: string, version: number, startedFrom: number);
  constructor(current: T, code: MessageCode, params: MessageParams);
  constructor(current: T, whatOrCode: ObjectWord | MessageCode, idOrParams: string | MessageParams, version?: number, startedFrom?: number) {
    const word = typeof idOrParams === 'string' ? OBJECT_WORDS[whatOrCode as ObjectWord] : undefined;
    const [code, params] = word
      ? (['stale_version', { what: word.zh, whatEn: word.en, id: idOrParams as string, version, startedFrom }] as const)
      : ([whatOrCode as MessageCode, idOrParams as MessageParams] as const);
    super(409, code, params, { current });
    this.current = current;
  }
}

/** 422: the write breaks rules; every problem is named, and nothing was written. */
export class RefusedError extends HttpError {
  constructor(
    readonly problems: Problem[],
    extra: Record<string, unknown> = {},
  ) {
    super(422, 'refused', { count: problems.length }, { problems, ...extra });
  }
}

/** A problem with both sentences filled in from the catalogue. */
export function problem(p: Omit<Problem, 'message' | 'messageEn' | 'severity'> & { severity?: Problem['severity'] }): Problem {
  const message = { code: p.code, params: p.params };
  return { severity: 'error', ...p, message: say(message, 'zh'), messageEn: say(message, 'en') };
}

/** The same answer for a missing object and one outside the caller's reach. */
export const notFound = (what: ObjectWord, id: string) =>
  new HttpError(404, 'not_found', { what: OBJECT_WORDS[what].zh, whatEn: OBJECT_WORDS[what].en, id });

export const unknownRoute: RequestHandler = (req, _res, next) => next(new HttpError(404, 'no_route', { method: req.method, path: req.originalUrl.split('?')[0] }));

/** 400 for input a schema refused: every field named with what is wrong, in both languages. */
export function invalidInput(err: z.ZodError): HttpError {
  const issues = inputIssues(err);
  return new HttpError(400, 'invalid_input', { fields: issues.map((i) => i.message), fieldsEn: issues.map((i) => i.messageEn) }, { issues });
}

/** An HttpError from a catalogue message, for pure code that names its refusals (analysis/). */
export const fromMessage = (status: number, message: Message, extra?: Record<string, unknown>) => new HttpError(status, message.code, message.params ?? {}, extra);

/** Turns every failure into a JSON answer; a client error says what was wrong. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  void next;
  if (err instanceof HttpError) {
    if (typeof err.extra.retryAfter === 'number') res.set('Retry-After', String(err.extra.retryAfter));
    res.status(err.status).json(err.answer());
    return;
  }
  if (err instanceof z.ZodError) {
    res.status(400).json(invalidInput(err).answer());
    return;
  }
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    // a library below us refused the request (body-parser's own, uncaught by json-body.ts)
    res.status(status).json(new HttpError(status, 'bad_request', { detail: (err as Error).message }).answer());
    return;
  }
  if (isConnectionError(err)) {
    res.status(503).json(new HttpError(503, 'database_unavailable').answer());
    return;
  }
  if ((err as { code?: string }).code === STATEMENT_TIMEOUT) {
    res.status(503).json(new HttpError(503, 'database_statement_timeout').answer());
    return;
  }
  console.error(err);
  res.status(500).json(new HttpError(500, 'internal_error').answer());
};

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

/** query_canceled: PostgreSQL ended a statement at statement_timeout (GRIDMAP_DB_STATEMENT_TIMEOUT_MS). */
const STATEMENT_TIMEOUT = '57014';

export function isConnectionError(err: unknown): boolean {
  const { code = '', message = '', name = '' } = (err ?? {}) as { code?: string; message?: string; name?: string };
  if (UNREACHABLE_CODES.has(code) || code.startsWith('08')) return true; // class 08: connection exception
  if (code === '55000' && message.includes('not currently accepting connections')) return true; // ALLOW_CONNECTIONS false
  if (name === 'KnexTimeoutError') return true; // no connection within acquireConnectionTimeout
  // pg reports a socket that closed under it without any code, and knex puts the query's SQL in
  // front of the message ("select … - Connection terminated unexpectedly"), so no anchor.
  // pg's own timeouts carry no code either: "timeout expired" (connectionTimeoutMillis) and
  // "Query read timeout" (query_timeout).
  return (
    !code &&
    /Connection terminated|connection error and is not queryable|was closed and is not queryable|timeout exceeded when trying to connect|timeout expired|Query read timeout/.test(
      message,
    )
  );
}
