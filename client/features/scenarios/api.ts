// Scenario endpoints. The answers are the server's own types (types only). A save, adoption or
// discard answers as a WriteOutcome (saved / conflict with the scenario now / refused / failed),
// because the editor shows each of them rather than failing.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Comparison, GroupRow, RemainderRow } from '../../../server/features/scenarios/compare';
import type { UpdateScenario } from '../../../server/features/scenarios/schema';
import type { Scenario, ScenarioGroup, ScenarioStatus } from '../../../server/features/scenarios/store';
import { requestJson, requestVersioned, type WriteOutcome } from '../../shared/api/client';

export type { Comparison, GroupRow, RemainderRow, Scenario, ScenarioGroup, ScenarioStatus };
export type ScenarioSummary = Omit<Scenario, 'groups'> & { groupCount: number };
export type GroupOutlines = FeatureCollection<Polygon | MultiPolygon, { key: string; name: string }>;

export type SaveAnswer = WriteOutcome<Scenario>;

const base = (id: string) => `/api/scenarios/${encodeURIComponent(id)}`;

export const listScenarios = () => requestJson<{ scenarios: ScenarioSummary[] }>('GET', '/api/scenarios').then((r) => r.scenarios);
export const createScenario = (name: string) => requestJson<Scenario>('POST', '/api/scenarios', { name });
export const fetchScenario = (id: string) => requestJson<Scenario>('GET', base(id));
export const fetchComparison = (id: string) => requestJson<Comparison>('GET', `${base(id)}/compare`);
export const fetchOutlines = (id: string) => requestJson<GroupOutlines>('GET', `${base(id)}/export.geojson`);
export const geoJsonUrl = (id: string) => `${base(id)}/export.geojson`;
export const changesXlsxUrl = (id: string) => `${base(id)}/changes.xlsx`;

export const saveScenario = (id: string, version: number, name: string, groups: UpdateScenario['groups']): Promise<SaveAnswer> =>
  requestVersioned('PUT', base(id), { version, name, groups });

/** Adopt, undo an adoption or discard: the same versioned answer as a save. */
export const changeStatus = (id: string, action: 'adopt' | 'undo-adopt' | 'discard', version: number): Promise<SaveAnswer> =>
  action === 'discard' ? requestVersioned('DELETE', base(id), { version }) : requestVersioned('POST', `${base(id)}/${action}`, { version });
