// Batch jobs kept in the database, as several processes share them: each store below is what one
// process holds, all on one database copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../server/features/auth/service';
import { BatchJobs, LIFETIME_MS, MAX_JOBS, STALE_MS } from '../../server/features/batch/jobs';
import type { UploadedList } from '../../server/features/batch/list';
import { startTestApi, type TestApi } from '../support/api-client';

const user = (id: string): AuthUser => ({ id, username: id, displayName: id, role: 'staff', towns: [], areas: [] });
const list: UploadedList = {
  format: 'csv', delimiter: ',', encoding: 'utf-8', header: ['地址'], rows: [{ line: 2, cells: ['某路1号'] }], column: { index: 0, name: '地址', by: 'header' },
};
const fields = { bytes: null, fileName: 'a.csv', list };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
const clear = () => api.ctx.db.knex('batch_jobs').delete();

describe('batch jobs in the database', () => {
  it("shows a job to its owner from another process, and to nobody else (404)", async () => {
    await clear();
    const job = await new BatchJobs(api.ctx).add(user('a'), fields);
    const elsewhere = new BatchJobs(api.ctx);
    const seen = await elsewhere.get(job.id, user('a'));
    expect(seen).toMatchObject({ id: job.id, state: 'running', fileName: 'a.csv', list });
    await expect(elsewhere.get(job.id, user('b'))).rejects.toMatchObject({ status: 404 });
  });

  it('carries the counts as they run and the answers when done to the other processes', async () => {
    await clear();
    const here = new BatchJobs(api.ctx);
    const job = await here.add(user('a'), fields);
    job.done = job.settled = 1;
    await here.progress(job, true);
    expect(await new BatchJobs(api.ctx).get(job.id, user('a'))).toMatchObject({ state: 'running', done: 1 });
    job.state = 'done';
    await here.save(job);
    expect(await new BatchJobs(api.ctx).get(job.id, user('a'))).toMatchObject({ state: 'done', done: 1, answers: [null], version: 2 });
  });

  it('refuses the second of two corrections saved on the same version, keeping the first', async () => {
    await clear();
    const job = await new BatchJobs(api.ctx).add(user('a'), fields);
    const [one, two] = [new BatchJobs(api.ctx), new BatchJobs(api.ctx)];
    const [a, b] = [await one.get(job.id, user('a')), await two.get(job.id, user('a'))];
    a.list.rows[0]!.cells[0] = '第一处改正';
    b.list.rows[0]!.cells[0] = '第二处改正';
    await one.save(a);
    await expect(two.save(b)).rejects.toMatchObject({ status: 409, code: 'batch_changed' });
    expect((await one.get(job.id, user('a'))).list.rows[0]!.cells[0]).toBe('第一处改正');
  });

  it('forgets a job once its lifetime is over', async () => {
    await clear();
    let now = Date.now();
    const jobs = new BatchJobs(api.ctx, () => now);
    const job = await jobs.add(user('a'), fields);
    now += LIFETIME_MS - 1000;
    expect((await jobs.get(job.id, user('a'))).id).toBe(job.id);
    now += 2000;
    await expect(jobs.get(job.id, user('a'))).rejects.toMatchObject({ status: 404 });
  });

  it('calls a running job failed when its process stopped writing its counts', async () => {
    await clear();
    let now = Date.now();
    const jobs = new BatchJobs(api.ctx, () => now);
    const job = await jobs.add(user('a'), fields);
    now += STALE_MS + 1000;
    expect((await jobs.get(job.id, user('a'))).state).toBe('failed');
  });

  it('makes room by dropping the oldest finished job, and refuses with 503 when all are running', async () => {
    await clear();
    let now = Date.now();
    const jobs = new BatchJobs(api.ctx, () => (now += 10));
    const held = [];
    for (let i = 0; i < MAX_JOBS; i++) held.push(await jobs.add(user('a'), fields));
    await expect(jobs.add(user('a'), fields)).rejects.toMatchObject({ status: 503 });
    for (const i of [3, 7]) {
      held[i]!.state = i === 3 ? 'done' : 'failed';
      await jobs.save(held[i]!);
    }
    await jobs.add(user('a'), fields);
    await expect(jobs.get(held[3]!.id, user('a'))).rejects.toMatchObject({ status: 404 });
    expect((await jobs.get(held[7]!.id, user('a'))).state).toBe('failed');
  });
});
