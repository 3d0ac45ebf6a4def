// Thin fetch wrappers: one place that knows URLs, so views and stores never build them.
import type { LayerName, UnitCollection, UnitDetail, UnitLevel } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
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
