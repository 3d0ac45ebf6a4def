// Version history of an editable object: the list, one version as it was, and restoring one.
import type { VersionEntry } from '../../../server/features/writes/history';
import type { ObjectType } from '../../../server/features/writes/objects';
import type { ObjectState } from '../../../server/features/writes/types';
import { requestJson, requestVersioned, type WriteOutcome } from '../../shared/api/client';

export type { ObjectState, ObjectType };
/** `change` widened: the server may learn new kinds of writes (e.g. a delete) before this page does. */
export type Version = Omit<VersionEntry, 'change'> & { change: string | null };

const base = (type: string, id: string) => `/api/history/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;

export const fetchVersions = async (type: string, id: string) => (await requestJson<{ versions: Version[] }>('GET', base(type, id))).versions;

export const fetchVersion = (type: string, id: string, version: number) => requestJson<ObjectState>('GET', `${base(type, id)}/${version}`);

/**
 * `current` is the version the user saw as current: a write since then answers 409. An area
 * comes back with its whole community's plan of that moment, or is refused (422) with why.
 */
export const restoreVersion = (type: string, id: string, version: number, current: number): Promise<WriteOutcome<ObjectState>> =>
  requestVersioned<ObjectState>('POST', `${base(type, id)}/${version}/restore`, { version: current });
