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

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001'].includes(code) || (err as Error)?.name === 'KnexTimeoutError';
}
