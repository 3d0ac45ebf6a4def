// Scenario endpoints. The answers are the server's own types (types only). A save's 409 and 422
// come back as values, because the editor shows them rather than failing.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Comparison, GroupRow, RemainderRow } from '../../server/features/scenarios/compare';
import type { Scenario, ScenarioGroup, ScenarioStatus } from '../../server/features/scenarios/store';
import { ApiError, requestJson } from './client';

export type { Comparison, GroupRow, RemainderRow, Scenario, ScenarioGroup, ScenarioStatus };
export type ScenarioSummary = Omit<Scenario, 'groups'> & { groupCount: number };
export type GroupOutlines = FeatureCollection<Polygon | MultiPolygon, { key: string; name: string }>;

export type SaveAnswer = { kind: 'saved'; scenario: Scenario } | { kind: 'stale'; current: Scenario } | { kind: 'refused'; problems: string[] };

const base = (id: string) => `/api/scenarios/${encodeURIComponent(id)}`;

export const listScenarios = () => requestJson<{ scenarios: ScenarioSummary[] }>('GET', '/api/scenarios').then((r) => r.scenarios);
export const createScenario = (name: string) => requestJson<Scenario>('POST', '/api/scenarios', { name });
export const fetchScenario = (id: string) => requestJson<Scenario>('GET', base(id));
export const fetchComparison = (id: string) => requestJson<Comparison>('GET', `${base(id)}/compare`);
export const fetchOutlines = (id: string) => requestJson<GroupOutlines>('GET', `${base(id)}/export.geojson`);
export const geoJsonUrl = (id: string) => `${base(id)}/export.geojson`;
export const changesXlsxUrl = (id: string) => `${base(id)}/changes.xlsx`;

/** 409 carries the scenario as it is now (the server's `current`), which ApiError does not keep. */
async function versioned(method: string, url: string, body: unknown): Promise<{ ok: true; scenario: Scenario } | { ok: false; status: number; current?: Scenario; error: string; problems?: string[] }> {
  const res = await fetch(url, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await res.json().catch(() => ({}))) as Scenario & { error?: string; current?: Scenario; details?: { problems?: string[] } };
  if (res.ok) return { ok: true, scenario: parsed };
  return { ok: false, status: res.status, current: parsed.current, error: parsed.error ?? `${res.status} ${res.statusText}`, problems: parsed.details?.problems };
}

function answer(r: Awaited<ReturnType<typeof versioned>>): SaveAnswer {
  if (r.ok) return { kind: 'saved', scenario: r.scenario };
  if (r.status === 409 && r.current) return { kind: 'stale', current: r.current };
  if (r.status === 422) return { kind: 'refused', problems: r.problems ?? [r.error] };
  throw new ApiError(r.status, r.error);
}

export async function saveScenario(id: string, version: number, name: string, groups: ScenarioGroup[]): Promise<SaveAnswer> {
  return answer(await versioned('PUT', base(id), { version, name, groups }));
}

/** Adopt, undo an adoption or discard: the same versioned answer as a save. */
export async function changeStatus(id: string, action: 'adopt' | 'undo-adopt' | 'discard', version: number): Promise<SaveAnswer> {
  const r = action === 'discard' ? await versioned('DELETE', base(id), { version }) : await versioned('POST', `${base(id)}/${action}`, { version });
  return answer(r);
}
