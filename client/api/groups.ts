// The area page's requests: its groups, a proposal, saving the grouping, and the lead (the
// shared PATCH of an area). A 409 carries the state as it is now, for the page to reload.
import type { GroupingProposal, GroupMeasure } from '../../server/analysis/grouping/propose';
import type { AreaGrouping } from '../../server/features/groups/types';
import { ApiError, requestJson } from './client';

export type { AreaGrouping, GroupingProposal, GroupMeasure };

/** A save refused because someone else saved first; `current` is what they saved. */
export class StaleError<T> extends ApiError {
  constructor(
    message: string,
    readonly current: T,
  ) {
    super(409, message);
  }
}

async function withStale<T, C>(method: string, url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await res.json().catch(() => ({}))) as { error?: string; details?: Record<string, unknown>; current?: C };
  if (res.status === 409 && parsed.current) throw new StaleError<C>(parsed.error ?? '409', parsed.current);
  if (!res.ok) throw new ApiError(res.status, parsed.error ?? `${res.status} ${res.statusText}`, parsed.details);
  return parsed as T;
}

const groupsUrl = (areaId: string) => `/api/areas/${encodeURIComponent(areaId)}/groups`;

export const fetchGrouping = (areaId: string) => requestJson<AreaGrouping>('GET', groupsUrl(areaId));

export const proposeGrouping = (areaId: string, targetSize: number, by: GroupMeasure) =>
  requestJson<GroupingProposal>('POST', `${groupsUrl(areaId)}/proposal`, { targetSize, by });

export const saveGrouping = (areaId: string, body: unknown) => withStale<AreaGrouping, AreaGrouping>('PUT', groupsUrl(areaId), body);

export interface AreaState {
  version: number;
  attributes: Record<string, string | number>;
}

export const saveLead = (areaId: string, version: number, leadName: string, leadPhone: string) =>
  withStale<AreaState, AreaState>('PATCH', `/api/areas/${encodeURIComponent(areaId)}`, { version, changes: { leadName, leadPhone } });
