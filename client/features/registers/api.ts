// The registers page's requests: a community's registers whole, and every write as a
// WriteOutcome (saved / conflict / refused / failed) through the one reading of the error contract.
import type { CreateRequest, Registers, SplitAnswer, SplitRequest } from '../../../server/features/registers/types';
import type { ObjectState } from '../../../server/features/writes/types';
import { requestJson, requestVersioned, type WriteOutcome } from '../../shared/api/client';

export type { CreateRequest, ObjectState, Registers, SplitRequest };

/** The path segment of each type's endpoints (server/features/writes/objects.ts). */
export const PLURAL = { building: 'buildings', organisation: 'organisations', centre: 'centres', pairing: 'pairings', alias: 'aliases' } as const;
export type RegisterType = keyof typeof PLURAL;

const objectUrl = (type: RegisterType, id: string) => `/api/${PLURAL[type]}/${encodeURIComponent(id)}`;

export const fetchRegisters = (community: string) => requestJson<Registers>('GET', `/api/communities/${encodeURIComponent(community)}/registers`);

export const createObject = (type: RegisterType, body: CreateRequest): Promise<WriteOutcome<ObjectState>> => requestVersioned('POST', `/api/${PLURAL[type]}`, body);

export interface UpdateRequest {
  version: number;
  changes: Record<string, unknown>;
  crs?: 'WGS84';
  acceptWarnings?: string[];
}

export const updateObject = (type: RegisterType, id: string, body: UpdateRequest): Promise<WriteOutcome<ObjectState>> => requestVersioned('PATCH', objectUrl(type, id), body);

export const removeObject = (type: RegisterType, id: string, version: number): Promise<WriteOutcome<ObjectState>> => requestVersioned('DELETE', objectUrl(type, id), { version });

export const splitBuilding = (id: string, body: SplitRequest): Promise<WriteOutcome<SplitAnswer, ObjectState>> => requestVersioned('POST', `${objectUrl('building', id)}/split`, body);
