// The worker pool on real worker threads: jobs come back with their values, the owners take
// turns, a job past its time budget is stopped and its worker replaced, a full queue refuses.
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../server/http/errors';
import { WorkerPool } from '../../server/runtime/pool';
import type { RuntimeSettings } from '../../server/runtime/settings';
import { WORKER_NICE } from '../../server/runtime/priority';

const settings: RuntimeSettings = { workers: 1, jobSeconds: 60, waitSeconds: 60, jobMemoryMb: 512, queueLimit: 10 };

/** A siting problem on a grid of n × n points, heavy enough to take a while at large p. */
function sites(n: number, p: number) {
  const lng = new Float64Array(n * n);
  const lat = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    lng[i] = 120 + (i % n) * 0.002;
    lat[i] = 32 + Math.floor(i / n) * 0.002;
  }
  return { lng, lat, population: new Float64Array(n * n).fill(10), serving: [], p, radiusM: 1500, candidates: 'buildings' as const, hexSpacingM: 300 };
}

let pool: WorkerPool | undefined;
afterEach(() => pool?.close());

describe('the worker pool', () => {
  it('computes a job on a worker and gives back its value', async () => {
    pool = new WorkerPool(settings);
    const answer = await pool.run('coverage.sites', sites(10, 1), 'a');
    expect(answer.sites).toHaveLength(1);
    expect(answer.population).toBe(1000);
  }, 60_000);

  it("takes owners in turn: B's one job runs before A's second and third", async () => {
    pool = new WorkerPool(settings);
    const order: string[] = [];
    const job = (owner: string, name: string) => pool!.run('coverage.sites', sites(40, 20), owner).then(() => order.push(name));
    await Promise.all([job('a', 'A0'), job('a', 'A1'), job('a', 'A2'), job('b', 'B')]);
    // The worker is still loading when all four arrive, so every job waits and the turns decide.
    expect(order).toEqual(['A0', 'B', 'A1', 'A2']);
  }, 120_000);

  it('stops a job past its time budget with 422 and runs the next on a fresh worker', async () => {
    pool = new WorkerPool({ ...settings, jobSeconds: 0.2 });
    const late = await pool.run('coverage.sites', sites(120, 200), 'a').catch((e: unknown) => e);
    expect(late).toBeInstanceOf(HttpError);
    expect((late as HttpError).status).toBe(422);
    expect((late as HttpError).code).toBe('runtime_too_long');
    const next = await pool.run('coverage.sites', sites(5, 1), 'a');
    expect(next.sites).toHaveLength(1);
  }, 120_000);

  it('refuses with 503 and a Retry-After once the queue is full', async () => {
    pool = new WorkerPool({ ...settings, queueLimit: 1 });
    const runs = [0, 1, 2].map(() => pool!.run('coverage.sites', sites(30, 5), 'a').catch((e: unknown) => e));
    const results = await Promise.all(runs);
    const busy = results.filter((r) => r instanceof HttpError) as HttpError[];
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.status).toBe(503);
    expect(busy[0]!.code).toBe('runtime_busy');
    expect(busy[0]!.extra.retryAfter).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('turns a refusal computed on the worker into the same HttpError', async () => {
    pool = new WorkerPool(settings);
    const refused = await pool.run('coverage.sites', { ...sites(2, 1), p: 10, candidates: 'buildings' }, 'a').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).code).toBe('coverage_too_many_sites');
  }, 60_000);
});

describe.runIf(process.platform === 'linux')('the worker pool beside the requests', () => {
  it('runs its threads at a lower priority than the process, which keeps its own', async () => {
    const niceOf = (task: string) => Number(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[16]);
    const before = new Set(fs.readdirSync('/proc/self/task'));
    pool = new WorkerPool({ ...settings, workers: 2 });
    await pool.run('coverage.sites', sites(10, 1), 'a');
    // The second worker may still be loading its code when the first has answered.
    const lowered = () => fs.readdirSync('/proc/self/task').filter((t) => !before.has(t) && niceOf(t) === WORKER_NICE);
    for (let tries = 0; lowered().length < 2 && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
    expect(lowered()).toHaveLength(2);
    expect(os.getPriority(process.pid)).toBe(0);
    expect(niceOf(String(process.pid))).toBe(0);
  }, 60_000);
});
