// Batch jobs live in this process's memory only: a list and its answers are wanted for minutes,
// not kept. At most MAX_JOBS at once; a job is forgotten LIFETIME_MS after it started, and the
// oldest finished one makes room when the table is full. A job belongs to the user who started
// it: to anyone else it does not exist (404).
import { randomUUID } from 'node:crypto';
import { HttpError, notFound } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import type { LookupResult } from '../lookup/types';
import type { UploadedList } from './list';

export const MAX_JOBS = 20;
export const LIFETIME_MS = 60 * 60 * 1000;

export interface BatchJob {
  id: string;
  ownerId: string;
  startedAt: number;
  /** The uploaded bytes, for an .xlsx: the answer is that workbook with columns added. */
  bytes: Buffer | null;
  fileName: string;
  list: UploadedList;
  state: 'running' | 'done' | 'failed';
  /** Rows looked up so far (the progress bar). */
  done: number;
  /** Rows whose answer is known and counted in `matched` or as unmatched. */
  settled: number;
  /** One per list row, filled as the matching goes; null = no match (or not yet looked up). */
  answers: Array<LookupResult | null>;
  matched: number;
  error?: string;
}

export class BatchJobs {
  private readonly jobs = new Map<string, BatchJob>();

  constructor(private readonly now: () => number = Date.now) {}

  add(owner: AuthUser, fields: Pick<BatchJob, 'bytes' | 'fileName' | 'list'>): BatchJob {
    this.sweep();
    if (this.jobs.size >= MAX_JOBS) {
      const finished = [...this.jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => a.startedAt - b.startedAt)[0];
      if (!finished) throw new HttpError(503, `${MAX_JOBS} batches are running already; try again in a minute`);
      this.jobs.delete(finished.id);
    }
    const job: BatchJob = {
      ...fields,
      id: randomUUID(),
      ownerId: owner.id,
      startedAt: this.now(),
      state: 'running',
      done: 0,
      settled: 0,
      answers: fields.list.rows.map(() => null),
      matched: 0,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string, viewer: AuthUser): BatchJob {
    this.sweep();
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== viewer.id) throw notFound(`batch "${id}"`);
    return job;
  }

  private sweep() {
    const cutoff = this.now() - LIFETIME_MS;
    for (const [id, job] of this.jobs) if (job.startedAt < cutoff) this.jobs.delete(id);
  }
}
