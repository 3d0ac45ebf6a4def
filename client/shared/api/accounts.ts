// Session, accounts and audit log: the wrappers of /api/auth, /api/users and /api/audit.
import { requestJson } from './client';
import type { Role } from '../../../server/domain/roles';
import type { AuditPage, SessionUser, TownChoice, UserAccount } from './types';

export const login = async (username: string, password: string) =>
  (await requestJson<{ user: SessionUser }>('POST', '/api/auth/login', { username, password })).user;
export const logout = () => requestJson<void>('POST', '/api/auth/logout');
export const fetchMe = async () => (await requestJson<{ user: SessionUser }>('GET', '/api/auth/me')).user;

export const fetchUsers = () => requestJson<{ users: UserAccount[]; towns: TownChoice[] }>('GET', '/api/users');

export interface NewAccount {
  username: string;
  displayName?: string;
  role: Role;
  towns: string[];
  areas: string[];
  password: string;
}
export const createUser = async (account: NewAccount) => (await requestJson<{ user: UserAccount }>('POST', '/api/users', account)).user;

export interface AccountChange {
  version: number;
  role?: Role;
  towns?: string[];
  areas?: string[];
  displayName?: string;
  disabled?: boolean;
}
export const updateUser = async (id: string, change: AccountChange) =>
  (await requestJson<{ user: UserAccount }>('PATCH', `/api/users/${encodeURIComponent(id)}`, change)).user;
export const resetPassword = async (id: string, version: number, password: string) =>
  (await requestJson<{ user: UserAccount }>('POST', `/api/users/${encodeURIComponent(id)}/password`, { version, password })).user;

export interface AuditFilter {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}
export function fetchAudit(filter: AuditFilter, limit: number, cursor?: string): Promise<AuditPage> {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  return requestJson<AuditPage>('GET', `/api/audit?${params}`);
}
