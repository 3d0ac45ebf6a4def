// Thin fetch wrappers: one place that knows URLs, so views and stores never build them.
import type { LayerName, UnitCollection, UnitDetail, UnitLevel } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's `details` (e.g. `{ reason: 'stale', currentVersion }` on a 409). */
    readonly details?: Record<string, unknown>,
    /** Seconds from `Retry-After` (a locked-out login). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The JSON body, or {} when there is none (204) or it is not JSON (a proxy's error page). */
async function readBody(res: Response): Promise<{ error?: string; details?: Record<string, unknown> }> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

/** A JSON request whose failures carry the server's own `{ error, details }`. */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await readBody(res);
  if (!res.ok) {
    const retryAfter = Number(res.headers.get('retry-after')) || undefined;
    throw new ApiError(res.status, parsed.error ?? `${res.status} ${res.statusText}`, parsed.details, retryAfter);
  }
  return parsed as T;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText} — ${url}`);
  return (await res.json()) as T;
}

export function fetchUnit(level: UnitLevel | 'city', id?: string, signal?: AbortSignal): Promise<UnitDetail> {
  const url = level === 'city' ? '/api/units/city' : `/api/units/${level}/${encodeURIComponent(id ?? '')}`;
  return getJson<UnitDetail>(url, signal);
}

export type LayerFilter = Partial<Record<'town' | 'community' | 'area', string>>;

export function fetchLayer(layer: LayerName, filter: LayerFilter = {}, signal?: AbortSignal): Promise<UnitCollection> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return getJson<UnitCollection>(`/api/layers/${layer}${query ? `?${query}` : ''}`, signal);
}

/** The area lead's full phone number; the server audits the reveal. */
export async function revealLeadPhone(areaId: string): Promise<string> {
  return (await requestJson<{ phone: string }>('POST', `/api/units/area/${encodeURIComponent(areaId)}/reveal`)).phone;
}
