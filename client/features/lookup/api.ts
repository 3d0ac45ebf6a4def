// "Who is responsible here": the look-up endpoints. The answer's shape is the server's own
// type (types only; the client never imports server code).
import type { LookupResult } from '../../../server/features/lookup/types';
import { ApiError } from '../../shared/api/client';

export type { LookupResult };

async function getLookup<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  const text = await res.text();
  let body: { error?: string } = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`);
  return body as T;
}

/** Ranked answers for a free-text address, best first. */
export async function searchAddresses(q: string, signal?: AbortSignal): Promise<LookupResult[]> {
  const params = new URLSearchParams({ q });
  return (await getLookup<{ results: LookupResult[] }>(`/api/lookup?${params}`, signal)).results;
}

/** The answer for a map point, or null when the point lies outside every contracted area (404). */
export async function lookupPoint(lng: number, lat: number, signal?: AbortSignal): Promise<LookupResult | null> {
  const params = new URLSearchParams({ lng: String(lng), lat: String(lat) });
  try {
    return await getLookup<LookupResult>(`/api/lookup/point?${params}`, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
