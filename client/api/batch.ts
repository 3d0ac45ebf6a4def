// The batch look-up's URLs: the upload (the file itself as the body), the job's status, and
// the downloads, which are plain links so the browser saves them with the server's file name.
import type { BatchStatus } from '../../server/features/batch/service';
import { ApiError, requestJson } from './client';

export type { BatchStatus };

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
  const body = (await res.json().catch(() => ({}))) as BatchStatus & { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

export const fetchBatch = (id: string) => requestJson<BatchStatus>('GET', `/api/lookup/batch/${encodeURIComponent(id)}`);
export const resultUrl = (id: string) => `/api/lookup/batch/${encodeURIComponent(id)}/result`;
export const unmatchedUrl = (id: string) => `/api/lookup/batch/${encodeURIComponent(id)}/unmatched`;
