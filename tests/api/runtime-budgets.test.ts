// The worker pool's time budget on the real server as `npm start` runs it (tsx; the workers
// load their TypeScript themselves): a job past its budget is stopped with a Chinese 4xx and
// its worker replaced, and the next job runs. (The queue's 503 and the owners' turns are
// proven on the pool itself, tests/unit/runtime-pool.test.ts, where no timing decides them.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/features/users/demo';
import type { Role } from '../../server/domain/roles';
import { openDatabase } from '../../server/db/database';
import { startServer, type RunningServer } from '../support/server';

interface Client {
  server: RunningServer;
  login(role: Role): Promise<string>;
  post(path: string, body: unknown, cookie: string): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }>;
}

let community = '';

async function client(env: NodeJS.ProcessEnv): Promise<Client> {
  const server = await startServer(env, async (database) => {
    const db = await openDatabase(database);
    community = (await db.knex('communities').first('id')).id;
    await db.close();
  });
  const post = async (path: string, body: unknown, cookie: string) => {
    const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
  };
  return {
    server,
    post,
    async login(role) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      const res = await fetch(server.url + '/api/auth/login', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }),
      });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
  };
}

/** New sites for the whole demo city: far past a fifth of a second even since siting got fast. */
const heavy = { p: 200, radiusM: 5000, candidates: 'buildings' };
/** One small square area: read on a worker in milliseconds, far within any budget. */
const square = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '甲' }, geometry: { type: 'Polygon', coordinates: [[[120, 32], [120.001, 32], [120.001, 32.001], [120, 32.001], [120, 32]]] } }] };

describe('a job past its time budget', () => {
  let c: Client;
  beforeAll(async () => (c = await client({ GRIDMAP_WORKERS: '1', GRIDMAP_JOB_SECONDS: '0.2' })), 240_000);
  afterAll(() => c?.server.stop());

  it('is stopped with 422 in Chinese first, and the next job runs on a fresh worker', async () => {
    const leader = await c.login('leader');
    const res = await c.post('/api/coverage/sites', heavy, leader);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.code).toBe('runtime_too_long');
    expect(res.body.error).toMatch(/超过了 0.2 秒的时限/);
    const health = await fetch(c.server.url + '/api/health');
    expect(health.status).toBe(200);
    const again = await c.post(`/api/communities/${community}/areas/import?format=geojson`, square, await c.login('admin'));
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.features).toHaveLength(1);
    expect(c.server.alive()).toBe(true);
  }, 240_000);
});
