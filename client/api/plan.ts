// The planner's editor talks to three endpoints: the community's plan (GET / PUT) and the
// automatic proposal. A save's refusals (422 problems, 409 someone else's change) are answers
// the editor shows, not exceptions, so `savePlan` returns them as values.
import type { Proposal } from '../../server/features/proposals/service';
import type { Measure } from '../../server/analysis/districting/types';
import { requestJson } from './client';
import type { Plan, PlanSaveBody, PlanSaveProblem, PlanSaved } from './planTypes';

export type { Proposal, Measure };

export type SaveOutcome =
  | { kind: 'saved'; result: PlanSaved }
  | { kind: 'problems'; error: string; problems: PlanSaveProblem[] }
  | { kind: 'conflict'; error: string; current: Plan | null }
  | { kind: 'failed'; status: number; error: string };

const planUrl = (communityId: string) => `/api/communities/${encodeURIComponent(communityId)}/plan`;

export function fetchPlan(communityId: string): Promise<Plan> {
  return requestJson<Plan>('GET', planUrl(communityId));
}

export async function savePlan(communityId: string, body: PlanSaveBody): Promise<SaveOutcome> {
  const res = await fetch(planUrl(communityId), {
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // a proxy's error page: reported by status below
  }
  const error = typeof parsed.error === 'string' ? parsed.error : `${res.status} ${res.statusText}`;
  if (res.ok) return { kind: 'saved', result: parsed as unknown as PlanSaved };
  if (res.status === 422) return { kind: 'problems', error, problems: (parsed.problems ?? []) as PlanSaveProblem[] };
  if (res.status === 409) return { kind: 'conflict', error, current: (parsed.current ?? null) as Plan | null };
  return { kind: 'failed', status: res.status, error };
}

/** k areas, or as many as make each about `targetSize` of the measure. */
export type ProposalSize = { k: number } | { targetSize: number };

export function fetchProposal(communityId: string, request: ProposalSize & { by: Measure; baseline?: boolean }): Promise<Proposal> {
  return requestJson<Proposal>('POST', `/api/communities/${encodeURIComponent(communityId)}/proposal`, request);
}
