// Signing in as the demo accounts (or any other) in API tests.
import { DEMO_ACCOUNTS } from '../../server/features/users/demo';
import type { Role } from '../../server/domain/roles';
import type { TestApi } from './api-client';

/** Logs in and returns the cookie to send back; fails the test when the login does. */
export async function loginAs(api: TestApi, username: string, password: string): Promise<string> {
  const res = await api.post('/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export function loginDemo(api: TestApi, role: Role): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  return loginAs(api, account.username, account.password);
}

/** A JSON request with a method, body and cookie; answers status and parsed body. */
export async function send<T = Record<string, unknown>>(
  api: TestApi, method: string, path: string, body: unknown, cookie?: string,
): Promise<{ status: number; body: T }> {
  const res = await api.request(path, {
    method,
    cookie,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}
