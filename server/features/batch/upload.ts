// The one request body that is not JSON: the file of a batch look-up, as raw bytes. Mounted on
// that route only, after the role check, so nobody else's bytes are ever read. CSV or .xlsx by
// Content-Type (415 otherwise), at most UPLOAD_LIMIT_BYTES (413).
import express, { type Request, type RequestHandler } from 'express';
import { HttpError } from '../../http/errors';

export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type UploadFormat = keyof typeof UPLOAD_TYPES;

const formatOf = (req: Request): UploadFormat | undefined =>
  (Object.keys(UPLOAD_TYPES) as UploadFormat[]).find((f) => req.is(UPLOAD_TYPES[f]));

export function fileBody(): RequestHandler {
  const raw = express.raw({ type: Object.values(UPLOAD_TYPES), limit: UPLOAD_LIMIT_BYTES });
  return (req, res, next) => {
    if (!formatOf(req)) {
      const type = req.headers['content-type'] ?? 'none';
      return next(new HttpError(415, 'batch_wrong_type', { csv: UPLOAD_TYPES.csv, xlsx: UPLOAD_TYPES.xlsx, type }));
    }
    raw(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
        return next(new HttpError(413, 'batch_too_large', { mb: UPLOAD_LIMIT_BYTES / 1024 / 1024 }));
      }
      next(err);
    });
  };
}

/** The uploaded file and its format; 400 when there is no file at all. */
export function uploadedFile(req: Request): { bytes: Buffer; format: UploadFormat } {
  const format = formatOf(req);
  const bytes: unknown = req.body;
  if (!format || !Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError(400, 'batch_empty');
  return { bytes, format };
}
