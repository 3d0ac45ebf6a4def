// Thin fetch wrappers: one place that knows URLs, so views and stores never build them, and
// the one reading of the server's error contract (code + params, `current` on 409, `problems`
// on 422): `requestJson` throws an ApiError, `requestVersioned` answers a write as a value,
// `loadProblem` turns a failed load into what the page says.
import { isMessageCode, say, type Locale, type MessageCode, type MessageParams } from '../../../server/domain/messages';
import type { Problem } from '../../../server/domain/problems';
import type { LayerName, UnitCollection, UnitDetail, UnitLevel } from './types';

/** The error body every API failure has (see server/http/errors.ts). */
export interface ErrorBody {
  code?: string;
  params?: MessageParams;
  error?: string;
  errorEn?: string;
  details?: Record<string, unknown>;
  current?: unknown;
  problems?: Problem[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's `details` (e.g. `{ reason: 'stale', currentVersion }` on a 409). */
    readonly details?: Record<string, unknown>,
    /** Seconds from `Retry-After` (a locked-out login). */
    readonly retryAfter?: number,
    readonly body: ErrorBody = {},
  ) {
    super(message);
  }
}

/** A server's refusal in the reader's language: by its code, else the sentence the server sent. */
export function describeError(err: unknown, locale: Locale): string {
  const body = err instanceof ApiError ? err.body : ((err ?? {}) as ErrorBody);
  if (isMessageCode(body.code)) return say({ code: body.code as MessageCode, params: body.params }, locale);
  const sent = locale === 'en' ? (body.errorEn ?? body.error) : (body.error ?? body.errorEn);
  return sent ?? (err instanceof Error ? err.message : String(err));
}

/** One problem of a refused write in the reader's language (the server sent both sentences). */
export function describeProblem(p: Problem, locale: Locale): string {
  if (isMessageCode(p.code)) return say({ code: p.code, params: p.params }, locale);
  return locale === 'en' ? p.messageEn : p.message;
}

/** The JSON body, or {} when there is none (204) or it is not JSON (a proxy's error page). */
async function readBody(res: Response): Promise<ErrorBody & Record<string, unknown>> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

function send(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function apiError(res: Response, parsed: ErrorBody): ApiError {
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  return new ApiError(res.status, parsed.errorEn ?? parsed.error ?? `${res.status} ${res.statusText}`, parsed.details, retryAfter, parsed);
}

/** A JSON request whose failures carry the server's own error body. */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await send(method, url, body);
  const parsed = await readBody(res);
  if (!res.ok) throw apiError(res, parsed);
  return parsed as T;
}

/** How a versioned write ended: the editor shows each of these; none is an exception. */
export type WriteOutcome<T, Current = T> =
  | { kind: 'saved'; result: T }
  | { kind: 'conflict'; current: Current | null; error: ApiError }
  | { kind: 'refused'; problems: Problem[]; error: ApiError }
  | { kind: 'failed'; error: ApiError };

/** A write that carries the version it started from: 409 → conflict, 422 → refused, else failed. */
export async function requestVersioned<T, Current = T>(method: string, url: string, body?: unknown): Promise<WriteOutcome<T, Current>> {
  let res: Response;
  try {
    res = await send(method, url, body);
  } catch (err) {
    return { kind: 'failed', error: new ApiError(0, err instanceof Error ? err.message : String(err)) };
  }
  const parsed = await readBody(res);
  if (res.ok) return { kind: 'saved', result: parsed as T };
  const error = apiError(res, parsed);
  if (res.status === 409) return { kind: 'conflict', current: (parsed.current ?? null) as Current | null, error };
  if (res.status === 422) return { kind: 'refused', problems: parsed.problems ?? [], error };
  return { kind: 'failed', error };
}

/** Why a page could not load its data: the page shows sign-in, forbidden, not found, or the failure. */
export type LoadProblem = 'signIn' | 'forbidden' | 'notFound' | { failed: string };

export function loadProblem(err: unknown, locale: Locale = 'zh'): LoadProblem {
  const status = err instanceof ApiError ? err.status : 0;
  if (status === 401) return 'signIn';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  return { failed: describeError(err, locale) };
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
