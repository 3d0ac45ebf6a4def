// The requests pages' calls: the list, one request and its steps (versioned: saved / conflict /
// refused / failed), the reveal of a resident's contact, filing for a resident, the leaders'
// figures and map points, and the area lead's visit diary.
import type { FiguresAnswer, RequestDetail, RequestList, RequestPoints } from '../../../server/features/requests/types';
import type { DiaryBuilding, Visit } from '../../../server/features/visits/types';
import type { RequestCategory } from '../../../server/domain/request-categories';
import { requestJson, requestVersioned } from '../../shared/api/client';

export type { FiguresAnswer, RequestDetail, RequestList, RequestPoints, DiaryBuilding, Visit };
export type RequestSummary = RequestList['requests'][number];
export type StepName = 'accept' | 'reply' | 'note' | 'close' | 'reopen' | 'assign';

export function fetchRequests(status: 'open' | 'closed', before?: string): Promise<RequestList> {
  const params = new URLSearchParams({ status, limit: '50' });
  if (before) params.set('before', before);
  return requestJson<RequestList>('GET', `/api/requests?${params}`);
}

export const fetchRequest = (id: string) => requestJson<RequestDetail>('GET', `/api/requests/${encodeURIComponent(id)}`);

/** One step from the version shown: `text` for words, `areaId` for a move. */
export const takeStep = (id: string, body: { step: StepName; version: number; text?: string; areaId?: string }) =>
  requestVersioned<RequestDetail>('POST', `/api/requests/${encodeURIComponent(id)}/steps`, body);

export const revealRequester = (id: string) => requestJson<{ name: string | null; phone: string | null }>('POST', `/api/requests/${encodeURIComponent(id)}/reveal`);

export interface StaffFiling {
  category: RequestCategory;
  text: string;
  address?: string;
  name?: string;
  phone?: string;
  consent?: boolean;
  channel: 'hall' | 'hotline';
}
export const fileForResident = (body: StaffFiling) => requestVersioned<RequestDetail>('POST', '/api/requests', body);

export interface FiguresFilter {
  level: 'town' | 'community' | 'area';
  town?: string;
  community?: string;
}
const figuresQuery = (f: FiguresFilter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as Array<[string, string]>).toString();
export const fetchFigures = (f: FiguresFilter) => requestJson<FiguresAnswer>('GET', `/api/requests/figures?${figuresQuery(f)}`);
export const figuresXlsxUrl = (f: FiguresFilter) => `/api/requests/figures.xlsx?${figuresQuery(f)}`;
export const fetchPoints = (town?: string) => requestJson<RequestPoints>('GET', `/api/requests/points${town ? `?town=${encodeURIComponent(town)}` : ''}`);

export const fetchDiaryBuildings = async () => (await requestJson<{ buildings: DiaryBuilding[] }>('GET', '/api/visits/buildings')).buildings;
export const fetchVisits = async () => (await requestJson<{ visits: Visit[] }>('GET', '/api/visits?limit=50')).visits;
export interface NewVisit {
  buildingId: string;
  household?: string;
  visitedOn: string;
  heard: string;
  followUp?: string;
}
export const recordVisit = (v: NewVisit) => requestVersioned<Visit>('POST', '/api/visits', v);
export const visitToRequest = (id: string, body: { version: number; category: RequestCategory; text: string }) =>
  requestVersioned<RequestDetail, Visit>('POST', `/api/visits/${encodeURIComponent(id)}/request`, body);
