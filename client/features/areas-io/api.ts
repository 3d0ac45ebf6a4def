// URLs of a community's areas import (preview), the plan it is saved through, and the exports
// (plain links: the browser saves them under the server's file name).
import type { ImportWarning, Preview } from '../../../server/analysis/areas-io/features';
import type { ImportFormat } from '../../../server/features/plan-io/import';
import type { PlanProblem } from '../../../server/analysis/plan-rules';
import type { Plan } from '../../../server/features/plans/read';
import { ApiError, requestJson, requestVersioned, type ErrorBody, type WriteOutcome } from '../../shared/api/client';

export type { ImportFormat, ImportWarning, Plan, PlanProblem, Preview };

/** The server's answer to a file it cannot use: the reason (its error body), and what the client can act on. */
export class ImportRefused extends ApiError {
  constructor(
    status: number,
    body: ErrorBody,
    readonly needsCrs: boolean,
    /** The feature's index in the file, when one feature is at fault. */
    readonly feature?: number,
  ) {
    super(status, body.errorEn ?? body.error ?? String(status), undefined, undefined, body);
  }
}

export async function previewImport(communityId: string, file: Blob, format: ImportFormat, crs?: string): Promise<Preview> {
  const query = new URLSearchParams({ format, ...(crs ? { crs } : {}) });
  const res = await fetch(`/api/communities/${encodeURIComponent(communityId)}/areas/import?${query}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Preview & ErrorBody & { needsCrs?: boolean; feature?: number };
  if (!res.ok) throw new ImportRefused(res.status, body, body.needsCrs === true, body.feature);
  return body;
}

export const exportUrl = (communityId: string, format: ImportFormat) => `/api/communities/${encodeURIComponent(communityId)}/areas/export?format=${format}`;

export const fetchPlan = (communityId: string) => requestJson<Plan>('GET', `/api/communities/${encodeURIComponent(communityId)}/plan`);

export interface PlanReplacement {
  areas: { name: string; nameEn?: string; geometry: Preview['features'][number]['geometry'] }[];
  removed: { id: string; version: number }[];
  crs: 'WGS84';
  /** Rule warnings accepted by key (see server/domain/problems.ts acceptKey). */
  acceptWarnings: string[];
}

/** The plan saved, stale (someone saved meanwhile), refused with its problems, or failed. */
export const replacePlan = (communityId: string, body: PlanReplacement): Promise<WriteOutcome<{ saved: boolean }, Plan>> =>
  requestVersioned('PUT', `/api/communities/${encodeURIComponent(communityId)}/plan`, body);
