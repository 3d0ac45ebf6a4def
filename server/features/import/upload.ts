// A layer's file is the request body itself (a zip, GeoJSON, KML, .xlsx or CSV), read only on
// its route after the role check, at most IMPORT_FILE_LIMIT_MB (413 beyond): a county's whole
// buildings layer as GeoJSON runs to a couple of hundred megabytes.
import express, { type Request, type RequestHandler } from 'express';
import { HttpError } from '../../http/errors';

export const IMPORT_FILE_LIMIT_MB = 256;

export function layerFileBody(): RequestHandler {
  const raw = express.raw({ type: () => true, limit: IMPORT_FILE_LIMIT_MB * 1024 * 1024 });
  return (req, res, next) =>
    raw(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') return next(new HttpError(413, 'import_too_large', { limitMb: IMPORT_FILE_LIMIT_MB }));
      next(err);
    });
}

export function layerFileBytes(req: Request): Uint8Array {
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError(400, 'import_empty');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
