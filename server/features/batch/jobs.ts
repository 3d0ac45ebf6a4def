// Batch jobs live in the database (batch_jobs, outside the embedded database's journal: a list
// and its answers are wanted for minutes, not kept), so any process behind a balancer answers a
// job's polls, downloads and corrections. The process that took the upload runs it, writing its
// counts as it goes; a running job whose counts stop moving for STALE_MS lost its process and is
// failed. At most MAX_JOBS a city; a job is forgotten LIFETIME_MS after it started, and the oldest
// finished one makes room when the table is full. A job belongs to the user who started it: to
// anyone else it does not exist (404).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { HttpError, notFound } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import type { LookupResult } from '../lookup/types';
import { classOf } from './classes';
import type { UploadedList } from './list';

export const MAX_JOBS = 20;
export const LIFETIME_MS = 60 * 60 * 1000;
/** A running job's counts are written at least this often; silent three times as long, its process is gone. */
const PROGRESS_MS = 1000;
export const STALE_MS = 60_000;

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
  /** Rows whose answer is known: matched, approximate, or (the rest) not found. */
  settled: number;
  /** One per list row, filled as the matching goes; null = no match (or not yet looked up). */
  answers: Array<LookupResult | null>;
  matched: number;
  approximate: number;
  /** The stored row's version: a correction saved on a version another saved first is refused. */
  version: number;
}

/** Counts a row's new answer in its class; `before` (a corrected row's old answer) is taken out first. */
export function settleRow(job: BatchJob, i: number, answer: LookupResult | null, before?: LookupResult | null): void {
  if (before !== undefined) {
    const old = classOf(before);
    if (old !== 'unmatched') job[old]--;
  }
  job.answers[i] = answer;
  const now = classOf(answer);
  if (now !== 'unmatched') job[now]++;
}

type Row = {
  id: string; owner_id: string; started_at: Date; heartbeat_at: Date; file_name: string; bytes: Buffer | null;
  list: UploadedList | string; state: BatchJob['state']; done: number; settled: number; matched: number;
  approximate: number; answers: Array<LookupResult | null> | string | null; version: number;
};
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export class BatchJobs {
  /** When each running job of this process last wrote its counts. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly now: () => number = Date.now,
  ) {}

  async add(owner: AuthUser, fields: Pick<BatchJob, 'bytes' | 'fileName' | 'list'>): Promise<BatchJob> {
    const { region } = this.ctx;
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
      approximate: 0,
      version: 1,
    };
    await this.ctx.db.scratch(async (trx) => {
      // One adder at a time per city, so two cannot both take the last place.
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('batch_jobs:' || ?))`, [region]);
      await trx('batch_jobs').where({ region }).where('started_at', '<', new Date(this.now() - LIFETIME_MS)).delete();
      const held = (await trx('batch_jobs').where({ region }).orderBy('started_at').select('id', 'state', 'heartbeat_at')) as Array<Pick<Row, 'id' | 'state' | 'heartbeat_at'>>;
      if (held.length >= MAX_JOBS) {
        const finished = held.find((j) => this.stateOf(j) !== 'running');
        if (!finished) throw new HttpError(503, 'batch_busy', { max: MAX_JOBS });
        await trx('batch_jobs').where({ region, id: finished.id }).delete();
      }
      await trx('batch_jobs').insert({
        region,
        id: job.id,
        owner_id: job.ownerId,
        started_at: new Date(job.startedAt),
        heartbeat_at: new Date(job.startedAt),
        file_name: job.fileName,
        bytes: job.bytes,
        list: JSON.stringify(job.list),
        state: job.state,
        done: 0,
        settled: 0,
        matched: 0,
        approximate: 0,
        answers: null,
        version: 1,
      });
    });
    this.written.set(job.id, this.now());
    return job;
  }

  async get(id: string, viewer: AuthUser): Promise<BatchJob> {
    const row = (await this.ctx.db.knex('batch_jobs')
      .where({ region: this.ctx.region, id })
      .where('started_at', '>=', new Date(this.now() - LIFETIME_MS))
      .first()) as Row | undefined;
    if (!row || row.owner_id !== viewer.id) throw notFound('job', id);
    const list = parsed(row.list);
    return {
      id: row.id,
      ownerId: row.owner_id,
      startedAt: new Date(row.started_at).getTime(),
      bytes: row.bytes === null ? null : Buffer.from(row.bytes),
      fileName: row.file_name,
      list,
      state: this.stateOf(row),
      done: row.done,
      settled: row.settled,
      answers: row.answers === null ? list.rows.map(() => null) : parsed(row.answers),
      matched: row.matched,
      approximate: row.approximate,
      version: row.version,
    };
  }

  /** A running job's counts, at most once every PROGRESS_MS (or now, when `force`). */
  async progress(job: BatchJob, force = false): Promise<void> {
    if (!force && this.now() - (this.written.get(job.id) ?? 0) < PROGRESS_MS) return;
    this.written.set(job.id, this.now());
    await this.ctx.db.scratch((trx) =>
      trx('batch_jobs').where({ region: this.ctx.region, id: job.id }).update({
        done: job.done, settled: job.settled, matched: job.matched, approximate: job.approximate, heartbeat_at: new Date(this.now()),
      }),
    );
  }

  /**
   * The whole job as it stands: its state, counts, answers and (corrected) list, as the next
   * version. Refused with 409 when another request saved a version first.
   */
  async save(job: BatchJob): Promise<void> {
    this.written.delete(job.id);
    const saved = await this.ctx.db.scratch((trx) =>
      trx('batch_jobs').where({ region: this.ctx.region, id: job.id, version: job.version }).update({
        state: job.state, done: job.done, settled: job.settled, matched: job.matched, approximate: job.approximate,
        answers: JSON.stringify(job.answers), list: JSON.stringify(job.list), heartbeat_at: new Date(this.now()), version: job.version + 1,
      }),
    );
    if (saved === 0) throw new HttpError(409, 'batch_changed');
    job.version++;
  }

  private stateOf(row: Pick<Row, 'state' | 'heartbeat_at'>): BatchJob['state'] {
    return row.state === 'running' && this.now() - new Date(row.heartbeat_at).getTime() > STALE_MS ? 'failed' : row.state;
  }
}
