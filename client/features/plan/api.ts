// The planner's editor talks to three endpoints: the community's plan (GET / PUT) and the
// automatic proposal. A save answers through the one versioned-write reading (saved, conflict
// with the plan as it is now, refused with its problems and warnings, failed).
import type { Proposal } from '../../../server/features/proposals/service';
import type { ProposalMeasure as Measure } from '../../../server/domain/plan-rules';
import { requestJson, requestVersioned, type WriteOutcome } from '../../shared/api/client';
import type { Plan, PlanSaveBody, PlanSaved } from './types';

export type { Proposal, Measure };

export type SaveOutcome = WriteOutcome<PlanSaved, Plan>;

const planUrl = (communityId: string) => `/api/communities/${encodeURIComponent(communityId)}/plan`;

export function fetchPlan(communityId: string): Promise<Plan> {
  return requestJson<Plan>('GET', planUrl(communityId));
}

export function savePlan(communityId: string, body: PlanSaveBody): Promise<SaveOutcome> {
  return requestVersioned<PlanSaved, Plan>('PUT', planUrl(communityId), body);
}

/** k areas, or as many as make each about `targetSize` of the measure. */
export type ProposalSize = { k: number } | { targetSize: number };

export function fetchProposal(communityId: string, request: ProposalSize & { by: Measure; baseline?: boolean }): Promise<Proposal> {
  return requestJson<Proposal>('POST', `/api/communities/${encodeURIComponent(communityId)}/proposal`, request);
}
