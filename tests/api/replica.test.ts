// A real streaming replica (pg_basebackup of the test machine's PostgreSQL) behind
// DATABASE_READ_URL: read-only work reads from it, the writer reads its own writes at once, and
// reads fall back to the primary when the replica goes away.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ObjectState } from '../../server/features/writes/types';
import { replicaUnavailable, startReplica, type TestReplica } from '../support/replica';
import { spawnServer } from '../support/spawn-server';
import { adminQuery, cloneDatabase } from '../support/test-database';

const source = inject('database');
const unavailable = source.kind === 'postgres' ? await replicaUnavailable(source.adminUrl) : 'not on PostgreSQL';
// CI makes replication possible (.ci/run): there, a replica that cannot be made is a failure, not a skip.
if (unavailable && source.kind === 'postgres' && process.env.GRIDMAP_TEST_REPLICA === 'required') throw new Error(unavailable);

describe.runIf(!unavailable)('reads from a streaming replica', () => {
  let replica: TestReplica;
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let drop: () => Promise<void>;
  let primaryUrl = '';
  let database = '';
  const cookies = { admin: '', leader: '' };
  let areaId = '';

  beforeAll(async () => {
    const clone = await cloneDatabase(source);
    drop = clone.drop;
    primaryUrl = clone.config.databaseUrl!;
    database = new URL(primaryUrl).pathname.slice(1);
    replica = await startReplica(source.kind === 'postgres' ? source.adminUrl : '');
    server = await spawnServer(clone.config, { DATABASE_READ_URL: replica.urlFor(database) });
    for (const role of ['admin', 'leader'] as const) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `demo-${role}`, password: `gridmap-${role}` }),
      });
      expect(res.status).toBe(200);
      cookies[role] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
    const layer = (await (await get('/api/layers/areas', 'admin')).json()) as { features: Array<{ properties: { id: string } }> };
    areaId = layer.features[0]!.properties.id;
  });
  afterAll(async () => {
    await server?.stop();
    replica?.remove();
    await drop?.();
  });

  const cookieJar = { admin: [] as string[], leader: [] as string[] };
  async function get(path: string, who: keyof typeof cookies) {
    const res = await fetch(server.url + path, { headers: { cookie: [cookies[who], ...cookieJar[who]].join('; ') } });
    remember(res, who);
    return res;
  }
  function remember(res: Response, who: keyof typeof cookies) {
    for (const c of res.headers.getSetCookie()) if (c.startsWith('gridmap_wrote=')) cookieJar[who] = [c.split(';')[0]!];
  }
  const areaName = async (who: keyof typeof cookies) => {
    const layer = (await (await get('/api/layers/areas', who)).json()) as { features: Array<{ properties: { id: string; name: string } }> };
    return layer.features.find((f) => f.properties.id === areaId)!.properties.name;
  };
  const replay = (on: boolean) => replica.query(database, `SELECT ${on ? 'pg_wal_replay_resume()' : 'pg_wal_replay_pause()'}`);

  it('serves a layer from the replica: a change it has not replayed is not seen yet, then is', async () => {
    await replay(false);
    await adminQuery(primaryUrl, `UPDATE contracted_areas SET name = '主库直接改名' WHERE id = '${areaId}'`);
    expect(await areaName('leader')).not.toBe('主库直接改名');
    await replay(true);
    await expect.poll(() => areaName('leader'), { timeout: 20_000 }).toBe('主库直接改名');
  });

  it('lets the writer read its own write at once, while others see it when the replica has it', async () => {
    await replay(false);
    const before = (await (await get(`/api/areas/${areaId}`, 'admin')).json()) as ObjectState;
    const saved = await fetch(`${server.url}/api/areas/${areaId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: cookies.admin },
      body: JSON.stringify({ version: before.version, changes: { name: '写后即读片区' } }),
    });
    expect(saved.status).toBe(200);
    remember(saved, 'admin');
    expect(cookieJar.admin).toHaveLength(1);
    expect(await areaName('admin')).toBe('写后即读片区');
    expect(await areaName('leader')).toBe('主库直接改名');
    await replay(true);
    await expect.poll(() => areaName('leader'), { timeout: 20_000 }).toBe('写后即读片区');
  });

  it('falls back to the primary when the replica goes away', async () => {
    replica.halt();
    await expect.poll(async () => (await get('/api/layers/areas', 'leader')).status, { timeout: 15_000 }).toBe(200);
    for (let i = 0; i < 5; i++) expect(await areaName('leader')).toBe('写后即读片区');
    expect(server.output()).toContain('read replica: down');
  });
});
