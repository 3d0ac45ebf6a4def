// A light request is answered while heavy analyses run: the heavy work is on worker threads,
// so health, a unit and a point look-up come back before the heavy requests sent ahead of them.
// Ordering, not time: the light request is sent once the pool is seen at work with more jobs
// waiting behind, so it must overtake at least the last of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerPool } from '../../server/runtime/pool';
import { loginDemo } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let leader = '';
let townId = '';
let point: [number, number] = [0, 0];

beforeAll(async () => {
  api = await startTestApi();
  leader = await loginDemo(api, 'leader');
  const row = (await api.ctx.db.knex.raw(`SELECT c.town_id, ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat
       FROM buildings b JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
       JOIN communities c ON c.region = a.region AND c.id = a.community_id LIMIT 1`)).rows[0];
  townId = row.town_id;
  point = [Number(row.lng), Number(row.lat)];
  // The look-up's memory is built at a server's start; this one is built now, not in the race.
  expect((await api.request(`/api/lookup/point?lng=${point[0]}&lat=${point[1]}`, { cookie: leader })).status).toBe(200);
}, 240_000);
afterAll(() => api?.close());

const heavySites = () =>
  api.request('/api/coverage/sites', {
    method: 'POST',
    cookie: leader,
    headers: { 'content-type': 'application/json' },
    // Wide reach over every building: seconds of work a job, even since siting got fast.
    body: JSON.stringify({ p: 200, radiusM: 5000, candidates: 'buildings' }),
  });

/** Resolves once the pool runs a job and at least `waiting` more wait behind it; fails if it never does. */
async function poolBusy(waiting: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const load = workerPool().load();
    if (load.running === load.workers && load.waiting >= waiting) return;
    if (Date.now() > deadline) throw new Error(`the pool never held ${waiting} waiting jobs behind its workers: ${JSON.stringify(load)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sends the heavy requests, then `light` once they are all in the pool, and says which finished in what order. */
async function race(heavyCount: number, light: () => Promise<Response>): Promise<string[]> {
  const order: string[] = [];
  const heavy = Array.from({ length: heavyCount }, (_, i) =>
    heavySites().then(async (res) => {
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      order.push(`heavy${i}`);
    }),
  );
  await poolBusy(heavyCount - workerPool().settings.workers);
  const lightDone = light().then(async (res) => {
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    order.push('light');
  });
  await Promise.all([...heavy, lightDone]);
  return order;
}

describe('while heavy analyses run', () => {
  it('health, a unit and a point look-up answer before the heavy requests queued ahead of them have all finished', async () => {
    // Sent together once the pool is at work with a job waiting: one race, so the three meet the
    // same queue (on PGlite the heavy requests' rows load one at a time, and a second race may
    // find each job done before the next is queued).
    const light = async () => {
      const answers = await Promise.all([
        api.get('/api/health'),
        api.request(`/api/units/town/${townId}`, { cookie: leader }),
        api.request(`/api/lookup/point?lng=${point[0]}&lat=${point[1]}`, { cookie: leader }),
      ]);
      for (const res of answers.slice(1)) {
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      return answers[0]!;
    };
    const order = await race(workerPool().settings.workers + 1, light);
    expect(order.indexOf('light')).toBeLessThan(order.length - 1);
  }, 240_000);
});
