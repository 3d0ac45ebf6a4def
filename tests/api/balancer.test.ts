// Several processes behind a real nginx, on one PostgreSQL database: whichever process answers,
// a session holds, a limit counts once, a save is read back, and a process killed mid-load loses
// nothing it acknowledged. The embedded database is one process by its lock: PostgreSQL only.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ObjectState } from '../../server/features/writes/types';
import { nginxInstalled, startBalancer, type BalancedCity } from '../support/balancer';
import { cloneDatabase } from '../support/test-database';

const onPostgres = inject('database').kind === 'postgres';

describe.runIf(onPostgres && nginxInstalled())('three processes behind nginx', () => {
  let city: BalancedCity;
  let admin = '';
  const LOGIN_PER_USER = 6;

  let drop = async () => {};

  beforeAll(async () => {
    const clone = await cloneDatabase(inject('database'));
    drop = clone.drop;
    city = await startBalancer(clone.config, 3, { GRIDMAP_RATE_LOGIN_PER_USER: String(LOGIN_PER_USER) });
    const res = await post('/api/auth/login', { username: 'demo-admin', password: 'gridmap-admin' });
    expect(res.status).toBe(200);
    admin = res.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await city?.stop();
    await drop();
  });

  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(city.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const get = (path: string, cookie = admin) => fetch(city.url + path, { headers: { cookie } });

  it('keeps a session whichever process answers', async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await get('/api/auth/me');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { username: string } }).user.username).toBe('demo-admin');
      upstreams.add(city.upstreamOf(res));
    }
    expect(upstreams.size).toBe(3);
  });

  it('ends a session on every process when it is ended on one: a new role, a logout, a disabled account', async () => {
    const created = await fetch(`${city.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username: 'held-everywhere', displayName: '各处都在', role: 'staff', password: 'held-everywhere-1' }),
    });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; version: number } };
    const signIn = async () => (await post('/api/auth/login', { username: 'held-everywhere', password: 'held-everywhere-1' })).headers.get('set-cookie')!.split(';')[0]!;
    /** Each process has read (and holds) the session: three requests, round robin. */
    const seenEverywhere = async (cookie: string) => {
      const upstreams = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const res = await get('/api/auth/me', cookie);
        expect(res.status).toBe(200);
        upstreams.add(city.upstreamOf(res));
      }
      expect(upstreams.size).toBe(3);
    };
    /** What each process answers next, allowing PostgreSQL's announcement its few milliseconds. */
    const everyProcess = async (cookie: string, settled: (res: Response, body: { user?: { role: string } }) => boolean) => {
      const upstreams = new Set<string>();
      for (let i = 0; i < 3; i++) {
        let res = await get('/api/auth/me', cookie);
        for (let tries = 0; !settled(res, await res.clone().json()) && tries < 20; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          res = await get('/api/auth/me', cookie);
        }
        expect(settled(res, await res.json())).toBe(true);
        upstreams.add(city.upstreamOf(res));
      }
      expect(upstreams.size).toBe(3);
    };
    const patchUser = async (body: object) => {
      const res = await fetch(`${city.url}/api/users/${user.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
    };

    const first = await signIn();
    await seenEverywhere(first);
    await patchUser({ version: 1, role: 'leader' });
    await everyProcess(first, (res, body) => res.status === 200 && body.user?.role === 'leader');

    expect((await post('/api/auth/logout', {}, first)).status).toBeLessThan(300);
    await everyProcess(first, (res) => res.status === 401);

    const second = await signIn();
    await seenEverywhere(second);
    await patchUser({ version: 2, disabled: true });
    await everyProcess(second, (res) => res.status === 401);
  });

  it('counts a login limit once across the processes, not once in each', async () => {
    const statuses: number[] = [];
    const upstreams = new Set<string>();
    for (let i = 0; i < LOGIN_PER_USER + 3; i++) {
      const res = await post('/api/auth/login', { username: 'nobody-here', password: 'wrong-password' });
      statuses.push(res.status);
      upstreams.add(city.upstreamOf(res));
    }
    expect(upstreams.size).toBe(3);
    // Per process, each would have allowed LOGIN_PER_USER: all nine attempts would be 401.
    expect(statuses.slice(0, LOGIN_PER_USER).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(LOGIN_PER_USER)).toEqual([429, 429, 429]);
  });

  it('reads a save back from the next process', async () => {
    const areas = (await (await get('/api/layers/areas')).json()) as { features: Array<{ properties: { id: string } }> };
    const id = areas.features[0]!.properties.id;
    for (let round = 0; round < 3; round++) {
      const before = (await (await get(`/api/areas/${id}`)).json()) as ObjectState;
      const name = `负载均衡第${round + 1}片区`;
      const saved = await fetch(`${city.url}/api/areas/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: admin },
        body: JSON.stringify({ version: before.version, changes: { name } }),
      });
      expect(saved.status).toBe(200);
      const wrote = city.upstreamOf(saved);
      // The next two requests go to the two other processes (round robin).
      for (let i = 0; i < 2; i++) {
        const read = await get(`/api/areas/${id}`);
        expect(city.upstreamOf(read)).not.toBe(wrote);
        const state = (await read.json()) as ObjectState;
        expect(state.attributes.name).toBe(name);
        expect(state.version).toBe(before.version + 1);
      }
    }
  });

  it('hears a write made on another process: the look-up finds the new address, the tile is drawn anew', async () => {
    const layer = (await (await get('/api/layers/buildings')).json()) as { features: Array<{ id: string; geometry: { coordinates: number[] } }> };
    const { id, geometry } = layer.features[7]!;
    const [lng, lat] = geometry.coordinates as [number, number];
    const n = 2 ** 16;
    const tile = `/tiles/buildings/16/${Math.floor(((lng + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n)}.pbf`;
    const address = '负载均衡路99号';
    const search = `/api/lookup?q=${encodeURIComponent(address)}`;
    const found = async (res: Response) => ((await res.json()) as { results: Array<{ building: { id: string } | null; certainty: string }> }).results[0];
    // Each process keeps the tile and its index of addresses, before the write.
    for (let i = 0; i < 6; i++) {
      expect((await get(tile)).status).toBe(200);
      expect((await found(await get(search)))?.building?.id).not.toBe(id);
    }
    expect((await get(tile)).headers.get('x-cache')).toBe('hit');
    const before = (await (await get(`/api/buildings/${id}`)).json()) as ObjectState;
    const saved = await fetch(`${city.url}/api/buildings/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ version: before.version, changes: { address } }),
    });
    expect(saved.status).toBe(200);
    const wrote = city.upstreamOf(saved);
    // The writer's browser sends back the cookie the save set: its next reads hear the write at once.
    const writer = `${admin}; ${saved.headers.get('set-cookie')!.match(/gridmap_wrote=[^;]+/)![0]}`;
    // Round robin: searches on the next, the writer's own and the third process, tiles on each.
    const searchedOn = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await get(search, writer);
      searchedOn.add(city.upstreamOf(res));
      expect(await found(res)).toMatchObject({ building: { id }, certainty: 'exact' });
      const drawn = await get(tile, writer);
      expect(drawn.headers.get('x-cache')).toBe('miss');
      expect(Buffer.from(await drawn.arrayBuffer()).includes(Buffer.from(address))).toBe(true);
    }
    expect([...searchedOn].filter((u) => u !== wrote)).toHaveLength(2);
    // Another user, without that cookie, hears it from PostgreSQL's announcement (a few milliseconds).
    for (let i = 0; i < 3; i++) {
      let answer = await found(await get(search));
      for (let tries = 0; answer?.building?.id !== id && tries < 20; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        answer = await found(await get(search));
      }
      expect(answer?.building?.id).toBe(id);
    }
  });

  it('runs a batch look-up on one process and answers its polls, downloads and corrections on the others', async () => {
    const buildings = (await (await get('/api/layers/buildings')).json()) as { features: Array<{ properties: { address: string } }> };
    const addresses = buildings.features.slice(0, 30).map((f) => f.properties.address);
    const csv = ['地址', ...addresses, '不存在的地方999号'].join('\n');
    const started = await fetch(`${city.url}/api/lookup/batch`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: admin }, body: csv });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const ran = city.upstreamOf(started);
    const answeredBy = new Set<string>();
    let status: { state: string; matched: number; total: number; unmatched: number } = { state: 'running', matched: 0, total: 0, unmatched: 0 };
    for (let polls = 0; status.state === 'running' && polls < 600; polls++) {
      const res = await get(`/api/lookup/batch/${id}`);
      expect(res.status).toBe(200);
      answeredBy.add(city.upstreamOf(res));
      status = (await res.json()) as typeof status;
      if (status.state === 'running') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toMatchObject({ state: 'done', total: 31 });
    expect(status.matched).toBeGreaterThanOrEqual(25);
    expect(status.unmatched).toBeGreaterThanOrEqual(1);
    expect([...answeredBy].filter((u) => u !== ran).length).toBeGreaterThan(0);
    // Round robin: of three downloads in a row, two come from processes that did not run it.
    for (let i = 0; i < 3; i++) {
      const result = await get(`/api/lookup/batch/${id}/result`);
      expect(result.status).toBe(200);
      answeredBy.add(`result ${city.upstreamOf(result)}`);
      expect((await result.text()).split('\n').length).toBeGreaterThanOrEqual(32);
    }
    expect([...answeredBy].filter((u) => u.startsWith('result ') && u !== `result ${ran}`)).toHaveLength(2);
    // The unmatched row corrected through another process, then seen corrected by the third.
    const fix = await fetch(`${city.url}/api/lookup/batch/${id}/rows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ rows: [{ row: 32, address: addresses[0] }] }),
    });
    expect(fix.status).toBe(200);
    const fixed = (await fix.json()) as typeof status;
    expect(fixed.matched).toBe(status.matched + 1);
    const after = (await (await get(`/api/lookup/batch/${id}`)).json()) as typeof status;
    expect(after.matched).toBe(status.matched + 1);
  });

  it('loses nothing acknowledged when a process is killed mid-load, and keeps answering', async () => {
    const areas = (await (await get('/api/layers/areas')).json()) as { features: Array<{ properties: { id: string } }> };
    const ids = areas.features.slice(10, 40).map((f) => f.properties.id);
    const acknowledged = new Map<string, string>();
    let killed = false;
    await Promise.all(
      ids.map(async (id, i) => {
        if (i === 12 && !killed) {
          killed = true;
          void city.processes[1]!.kill();
        }
        const state = (await (await get(`/api/areas/${id}`)).json()) as ObjectState;
        const name = `压力${i}片区`;
        const res = await fetch(`${city.url}/api/areas/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', cookie: admin },
          body: JSON.stringify({ version: state.version, changes: { name } }),
        }).catch(() => null);
        if (res?.status === 200) acknowledged.set(id, name);
      }),
    );
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(ids.length / 2);
    for (const [id, name] of acknowledged) {
      const state = (await (await get(`/api/areas/${id}`)).json()) as ObjectState;
      expect(state.attributes.name).toBe(name);
    }
    // The health check still answers through nginx: the dead process is skipped.
    for (let i = 0; i < 4; i++) expect((await get('/api/health')).status).toBe(200);
  });
});
