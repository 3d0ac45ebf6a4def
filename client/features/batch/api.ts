// The batch look-up's URLs: the upload (the file itself as the body), the job's status, the
// corrections, and the downloads, which are plain links so the browser saves them with the
// server's file name.
import type { RowClass } from '../../../server/features/batch/classes';
import type { BatchStatus, ReviewRow } from '../../../server/features/batch/service';
import { ApiError, requestJson, type ErrorBody } from '../../shared/api/client';

export type { BatchStatus, ReviewRow, RowClass };

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** By extension: browsers on Windows call a .csv "application/vnd.ms-excel". */
export const uploadTypeOf = (fileName: string): string | undefined => TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''];

export async function startBatch(file: File, column?: string): Promise<BatchStatus> {
  const query = new URLSearchParams({ name: file.name });
  if (column) query.set('column', column);
  const res = await fetch(`/api/lookup/batch?${query}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': uploadTypeOf(file.name) ?? (file.type || 'application/octet-stream') },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as BatchStatus & ErrorBody;
  if (!res.ok) throw new ApiError(res.status, body.errorEn ?? body.error ?? `${res.status} ${res.statusText}`, undefined, undefined, body);
  return body;
}

export const fetchBatch = (id: string) => requestJson<BatchStatus>('GET', `/api/lookup/batch/${encodeURIComponent(id)}`);
export const resultUrl = (id: string) => `/api/lookup/batch/${encodeURIComponent(id)}/result`;
export const unmatchedUrl = (id: string) => `/api/lookup/batch/${encodeURIComponent(id)}/unmatched`;
export const classUrl = (id: string, rowClass: RowClass) => `/api/lookup/batch/${encodeURIComponent(id)}/download/${rowClass}`;
export const correctRows = (id: string, rows: Array<{ row: number; address: string }>) =>
  requestJson<BatchStatus>('POST', `/api/lookup/batch/${encodeURIComponent(id)}/rows`, { rows });
