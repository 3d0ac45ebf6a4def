// The one way a request body gets in: JSON only (415 otherwise), at most BODY_LIMIT_BYTES (413),
// within the shape limits of json-shape.ts (400), parsed (400 naming the syntax error).
import express, { type Request, type RequestHandler } from 'express';
import { fromMessage, HttpError } from './errors';
import { jsonShapeProblem } from './json-shape';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** GeoJSON uploads may say application/geo+json, patches application/merge-patch+json. */
const JSON_TYPES = ['application/json', 'application/*+json'];

const carriesBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const describeBytes = (n: number) => (n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MB` : n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`);

export function jsonBody(limitBytes = BODY_LIMIT_BYTES): RequestHandler {
  const parse = express.json({
    limit: limitBytes,
    type: JSON_TYPES,
    verify: (_req, _res, bytes) => {
      const problem = jsonShapeProblem(bytes);
      if (problem) throw fromMessage(400, problem);
    },
  });
  const limit = describeBytes(limitBytes);
  // body-parser's own messages ("request entity too large") don't say what the limit is.
  const explain = (err: { type?: string; message?: string }) => {
    if (err instanceof HttpError) return err;
    if (err.type === 'entity.too.large') return new HttpError(413, 'body_too_large', { limit });
    if (err.type === 'entity.parse.failed') return new HttpError(400, 'json_malformed', { detail: err.message });
    return err;
  };
  return (req, res, next) => {
    if (!carriesBody(req)) return next();
    if (!req.is(JSON_TYPES)) {
      const type = req.headers['content-type'] ?? 'none';
      return next(new HttpError(415, 'body_not_json', { type }));
    }
    parse(req, res, (err?: unknown) => next(err ? explain(err as { type?: string }) : undefined));
  };
}
