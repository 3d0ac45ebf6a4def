// The embedded database works in a thread of its own: while it runs a heavy query, the server's
// thread goes on answering (a request that needs no database at once, a timer on time), and
// what crosses between the threads keeps its meaning (rows and their types, PostgreSQL's error
// codes, a transaction's rollback). On PostgreSQL the database is another process anyway.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-client';

// Seconds of PGlite's time on this machine: long enough that a stalled thread shows.
const HEAVY = `SELECT count(*)::int AS n, max(md5(g::text)) AS m FROM generate_series(1, 6000000) AS g`;

describe.runIf(inject('database').kind === 'pglite')('PGlite in its own worker thread', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('answers other requests promptly while a heavy query runs', async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    let heavyDone = 0;
    const heavy = api.ctx.db.knex.raw<{ rows: Array<{ n: number }> }>(HEAVY).then((r) => ((heavyDone = performance.now()), r));
    try {
      // Give the query time to be running in the worker before asking.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const asked = performance.now();
      const res = await api.get('/api/nothing-here');
      const answered = performance.now();
      expect(res.status).toBe(404);
      const { rows } = await heavy;
      expect(rows[0]!.n).toBe(6_000_000);
      const heavyMs = heavyDone - started;
      expect(heavyMs, 'the heavy query was too quick to show anything').toBeGreaterThan(1000);
      expect(answered, `the 404 came ${Math.round(answered - asked)} ms after asking, the heavy query ended at ${Math.round(heavyMs)} ms`).toBeLessThan(heavyDone);
      // Relative to the query's own time: the machine may be loaded, a stalled thread waits it all.
      expect(answered - asked).toBeLessThan(heavyMs / 4);
      expect(longestGap, 'the server thread stalled').toBeLessThan(heavyMs / 4);
      console.log(`[pglite-worker] heavy query ${Math.round(heavyMs)} ms; a request during it ${Math.round(answered - asked)} ms; longest timer gap ${Math.round(longestGap)} ms`);
    } finally {
      clearInterval(ticker);
    }
  });

  it('carries rows with their types, PostgreSQL error codes and rollbacks across the threads', async () => {
    const { knex } = api.ctx.db;
    const { rows } = await knex.raw<{ rows: Array<{ at: Date; n: string; j: { a: number[] }; b: Uint8Array }> }>(
      `SELECT timestamptz '2026-01-02T03:04:05Z' AS at, 12345678901234::bigint AS n, '{"a":[1,2]}'::jsonb AS j, '\\x0102'::bytea AS b`,
    );
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect(rows[0]!.at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(String(rows[0]!.n)).toBe('12345678901234');
    expect(rows[0]!.j).toEqual({ a: [1, 2] });
    expect([...rows[0]!.b]).toEqual([1, 2]);

    await expect(knex.raw('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    await knex.raw('CREATE TEMP TABLE worker_probe (id int PRIMARY KEY)');
    await expect(
      knex.transaction(async (trx) => {
        await trx('worker_probe').insert({ id: 1 });
        await trx('worker_probe').insert({ id: 1 });
      }),
    ).rejects.toMatchObject({ code: '23505', constraint: 'worker_probe_pkey' });
    expect(await knex('worker_probe').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
