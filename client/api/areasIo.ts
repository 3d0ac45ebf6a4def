// URLs of a community's areas import (preview), the plan it is saved through, and the exports
// (plain links: the browser saves them under the server's file name).
import type { ImportWarning, Preview } from '../../server/analysis/areas-io/features';
import type { ImportFormat } from '../../server/features/plan-io/import';
import type { PlanProblem } from '../../server/analysis/plan-rules';
import type { Plan } from '../../server/features/plans/read';
import { requestJson } from './client';

export type { ImportFormat, ImportWarning, Plan, PlanProblem, Preview };

/** The server's answer to a file it cannot use: the reason, and what the client can act on. */
export class ImportRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly needsCrs: boolean,
    /** The feature's index in the file, when one feature is at fault. */
    readonly feature?: number,
  ) {
    super(message);
  }
}

export async function previewImport(communityId: string, file: Blob, format: ImportFormat, crs?: string): Promise<Preview> {
  const query = new URLSearchParams({ format, ...(crs ? { crs } : {}) });
  const res = await fetch(`/api/communities/${encodeURIComponent(communityId)}/areas/import?${query}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Preview & { error?: string; needsCrs?: boolean; feature?: number };
  if (!res.ok) throw new ImportRefused(res.status, body.error ?? `${res.status} ${res.statusText}`, body.needsCrs === true, body.feature);
  return body;
}

export const exportUrl = (communityId: string, format: ImportFormat) => `/api/communities/${encodeURIComponent(communityId)}/areas/export?format=${format}`;

export const fetchPlan = (communityId: string) => requestJson<Plan>('GET', `/api/communities/${encodeURIComponent(communityId)}/plan`);

export interface PlanReplacement {
  areas: { name: string; nameEn?: string; geometry: Preview['features'][number]['geometry'] }[];
  removed: { id: string; version: number }[];
  crs: 'WGS84';
}

/** 422 and 409 answer with more than `{ error }`: read by the caller from the response. */
export async function replacePlan(communityId: string, body: PlanReplacement): Promise<{ status: number; body: { saved?: boolean; error?: string; problems?: PlanProblem[] } }> {
  const res = await fetch(`/api/communities/${encodeURIComponent(communityId)}/plan`, {
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as { saved?: boolean; error?: string; problems?: PlanProblem[] } };
}
