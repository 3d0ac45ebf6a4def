import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../server/features/auth/service';
import { BatchJobs, LIFETIME_MS, MAX_JOBS } from '../../server/features/batch/jobs';
import type { UploadedList } from '../../server/features/batch/list';

const user = (id: string): AuthUser => ({ id, username: id, displayName: id, role: 'staff', towns: [] });
const list: UploadedList = {
  format: 'csv', delimiter: ',', encoding: 'utf-8', header: ['地址'], rows: [{ line: 2, cells: ['某路1号'] }], column: { index: 0, name: '地址' },
};
const fields = { bytes: null, fileName: 'a.csv', list };

describe('batch jobs in memory', () => {
  it("shows a job to its owner only: anyone else's request is 404", () => {
    const jobs = new BatchJobs();
    const job = jobs.add(user('a'), fields);
    expect(jobs.get(job.id, user('a'))).toBe(job);
    expect(() => jobs.get(job.id, user('b'))).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('forgets a job once its lifetime is over', () => {
    let now = 0;
    const jobs = new BatchJobs(() => now);
    const job = jobs.add(user('a'), fields);
    now = LIFETIME_MS;
    expect(jobs.get(job.id, user('a'))).toBe(job);
    now = LIFETIME_MS + 1;
    expect(() => jobs.get(job.id, user('a'))).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('makes room by dropping the oldest finished job, and refuses with 503 when all are running', () => {
    let now = 0;
    const jobs = new BatchJobs(() => now++);
    const held = Array.from({ length: MAX_JOBS }, () => jobs.add(user('a'), fields));
    expect(() => jobs.add(user('a'), fields)).toThrow(expect.objectContaining({ status: 503 }));
    held[3]!.state = 'done';
    held[7]!.state = 'failed';
    jobs.add(user('a'), fields);
    expect(() => jobs.get(held[3]!.id, user('a'))).toThrow(expect.objectContaining({ status: 404 }));
    expect(jobs.get(held[7]!.id, user('a'))).toBe(held[7]);
  });
});
