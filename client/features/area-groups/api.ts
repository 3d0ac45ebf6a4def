// The area page's requests: its groups, a proposal, saving the grouping, and the lead (the
// shared PATCH of an area). Saves answer as a WriteOutcome: a conflict carries the state as it
// is now, for the page to reload.
import type { GroupingProposal, GroupMeasure } from '../../../server/analysis/grouping/propose';
import type { AreaGrouping } from '../../../server/features/groups/types';
import { requestJson, requestVersioned } from '../../shared/api/client';

export type { AreaGrouping, GroupingProposal, GroupMeasure };

const groupsUrl = (areaId: string) => `/api/areas/${encodeURIComponent(areaId)}/groups`;

export const fetchGrouping = (areaId: string) => requestJson<AreaGrouping>('GET', groupsUrl(areaId));

export const proposeGrouping = (areaId: string, targetSize: number, by: GroupMeasure) =>
  requestJson<GroupingProposal>('POST', `${groupsUrl(areaId)}/proposal`, { targetSize, by });

export const saveGrouping = (areaId: string, body: unknown) => requestVersioned<AreaGrouping>('PUT', groupsUrl(areaId), body);

export interface AreaState {
  version: number;
  attributes: Record<string, string | number>;
}

export const saveLead = (areaId: string, version: number, leadName: string, leadPhone: string) =>
  requestVersioned<AreaState>('PATCH', `/api/areas/${encodeURIComponent(areaId)}`, { version, changes: { leadName, leadPhone } });
