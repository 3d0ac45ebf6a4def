// The import's body is the file itself (GeoJSON, KML or a zip), whatever Content-Type a
// browser or curl gives it: the `format` query parameter says what it is. Read only on this
// route, after the role check, at most IMPORT_LIMIT_BYTES (413).
import express, { type Request, type RequestHandler } from 'express';
import { HttpError } from '../../http/errors';

/** A community's areas are kilobytes; a detailed shapefile of a few hundred areas a few MB. */
export const IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;

export function importBody(): RequestHandler {
  const raw = express.raw({ type: () => true, limit: IMPORT_LIMIT_BYTES });
  return (req, res, next) =>
    raw(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
        return next(new HttpError(413, 'import_too_large', { limitMb: IMPORT_LIMIT_BYTES / 1024 / 1024 }));
      }
      next(err);
    });
}

export function importedBytes(req: Request): Uint8Array {
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError(400, 'import_empty');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
