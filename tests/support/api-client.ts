// A real HTTP server on a free loopback port over a test file's own database copy.
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { openDatabase } from '../../server/db/database';
import type { GuardConfig } from '../../server/http/guard-config';
import { cloneDatabase, TEST_REGION } from './test-database';

export interface TestApi {
  ctx: AppContext;
  url: string;
  get(path: string): Promise<Response>;
  /** Any request; `cookie` is sent as the Cookie header. */
  request(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  post(path: string, body?: unknown, cookie?: string): Promise<Response>;
  json<T = unknown>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** `clock`: the time the services keep deadlines by (a test moves it); `guard`: the request guard's settings. */
export async function startTestApi(options: { clock?: () => Date; guard?: GuardConfig } = {}): Promise<TestApi> {
  const clone = await cloneDatabase(inject('database'));
  const db = await openDatabase(clone.config);
  const ctx: AppContext = { db, region: TEST_REGION, ...(options.clock ? { clock: options.clock } : {}) };
  const server = createApp(ctx, options.guard ? { guard: options.guard } : {}).listen(0, '127.0.0.1');
  // A test may block its event loop for seconds computing a brute-force answer; a kept-alive
  // socket the server closed meanwhile would then be reused and reset.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string) => fetch(url + path);
  const request = (path: string, { cookie, headers, ...init }: RequestInit & { cookie?: string } = {}) =>
    fetch(url + path, { ...init, headers: { ...(headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  return {
    ctx,
    url,
    get,
    request,
    post: (path, body, cookie) =>
      request(path, { method: 'POST', cookie, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }),
    async json<T>(path: string) {
      const res = await get(path);
      if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
      await clone.drop();
    },
  };
}
