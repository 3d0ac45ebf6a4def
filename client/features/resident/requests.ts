// The resident page's requests: file one, follow it by ticket, rate its closing. Anonymous, behind
// the resident rate limit and the per-address filing limit.
import type { RequestCategory } from '../../../server/domain/request-categories';
import type { PublicRequest } from '../../../server/features/requests/types';
import { requestJson, requestVersioned } from '../../shared/api/client';

export type { PublicRequest };

export interface Filing {
  category: RequestCategory;
  text: string;
  address?: string;
  location?: [number, number];
  phone?: string;
  consent?: boolean;
}

export const fileRequest = (f: Filing) => requestVersioned<{ ticket: string }>('POST', '/api/public/requests', f);
export const followRequest = (ticket: string) => requestJson<PublicRequest>('GET', `/api/public/requests/${encodeURIComponent(ticket)}`);
export const rateRequest = (ticket: string, body: { rating: number; comment?: string; reopen?: boolean }) =>
  requestVersioned<PublicRequest>('POST', `/api/public/requests/${encodeURIComponent(ticket)}/rating`, body);
