// A batch look-up: read the uploaded list, match its addresses in the background while the
// client polls, then write the same file back with the added columns (phones as the owner may
// see them), each class of rows (matched, approximate, not found) as a file of its own, and
// take corrected addresses of single rows to match again in place.
import type { AppContext } from '../../context';
import { say } from '../../domain/messages';
import { HttpError } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { forViewer } from '../lookup/mask';
import { matchAddresses } from '../lookup/service';
import type { Caveat, LookupResult } from '../lookup/types';
import { writeClassFile } from './class-file';
import { classOf, CLASS_LABEL, type RowClass } from './classes';
import { addedCells, ADDED_HEADER, csvText, ROW_NUMBER_HEADER } from './columns';
import { writeCsvResult, writeUnmatchedCsv } from './csv-file';
import { settleRow, type BatchJob, type BatchJobs } from './jobs';
import type { UploadFormat } from './upload';
import { writeXlsxResult } from './workbook';
import { runJob } from '../../runtime/pool';

/** Distinct addresses matched per call: the counts move while a long list runs, and polls get answered between calls. */
const CHUNK = 1000;
/** The status lists this many unmatched rows, and this many rows to check; the rest are in the downloads. */
const UNMATCHED_SHOWN = 500;
/** Corrections sent at once: what a person types and checks in one sitting. */
export const MAX_FIXES = 500;

/** A row to check or correct: its row number in the file, its address, its class, what was found and why it is not sure. */
export interface ReviewRow {
  row: number;
  address: string;
  class: Exclude<RowClass, 'matched'>;
  found: { community: string; area: string; address?: string } | null;
  reasons: Caveat[];
}

export interface BatchStatus {
  id: string;
  state: BatchJob['state'];
  done: number;
  total: number;
  /** Rows the look-up is sure of. */
  matched: number;
  /** Rows with an answer to check (请核对). */
  approximate: number;
  /** Rows with no answer: nothing found, an empty cell, or a building the estate does not have. */
  unmatched: number;
  format: UploadFormat;
  column: string;
  /** How the address column was chosen: named by the user, or suggested by its header or its values. */
  columnBy: 'user' | 'header' | 'values';
  /** The file's headers, to choose another address column from. */
  headers: string[];
  fileName: string;
  /** When failed: why, as every error body says it (code, Chinese, English). */
  code?: 'batch_failed';
  error?: string;
  errorEn?: string;
  /** When done: the first unmatched rows, by their row number in the file. */
  unmatchedRows?: Array<{ row: number; address: string }>;
  /** When done: the first approximate and unmatched rows, in file order, to check and correct. */
  reviewRows?: ReviewRow[];
}

export interface BatchFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

export async function startBatch(
  ctx: AppContext,
  jobs: BatchJobs,
  owner: AuthUser,
  upload: { bytes: Buffer; format: UploadFormat; column?: string; name?: string },
): Promise<BatchStatus> {
  const list = await runJob('file.batchList', { bytes: upload.bytes, format: upload.format, ...(upload.column === undefined ? {} : { column: upload.column }) });
  const fileName = upload.name ?? `addresses.${upload.format}`;
  const job = await jobs.add(owner, { bytes: upload.format === 'xlsx' ? upload.bytes : null, fileName, list });
  void run(ctx, jobs, job);
  return batchStatus(job);
}

async function run(ctx: AppContext, jobs: BatchJobs, job: BatchJob): Promise<void> {
  const { rows, column } = job.list;
  // Each distinct address is asked once: lists repeat them (a household per row), and an
  // address the index does not hold exactly costs a ranked query of its own.
  const rowsOf = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const q = (r.cells[column.index] ?? '').trim();
    if (!q) return;
    const at = rowsOf.get(q);
    if (at) at.push(i);
    else rowsOf.set(q, [i]);
  });
  const queries = [...rowsOf.keys()];
  // An empty cell is unmatched without asking.
  job.settled = job.done = rows.length - queries.reduce((n, q) => n + rowsOf.get(q)!.length, 0);
  try {
    for (let start = 0; start < queries.length; start += CHUNK) {
      const chunk = queries.slice(start, start + CHUNK);
      // Rows behind the first n addresses of the chunk, for the progress inside a call.
      const rowsBefore = [0];
      for (const q of chunk) rowsBefore.push(rowsBefore.at(-1)! + rowsOf.get(q)!.length);
      const base = job.done;
      const answers = await matchAddresses(ctx, chunk, (done) => {
        job.done = base + rowsBefore[done]!;
        void jobs.progress(job).catch(() => {});
      });
      answers.forEach((answer, k) => {
        for (const i of rowsOf.get(chunk[k]!)!) settleRow(job, i, answer);
      });
      job.settled = job.done = base + rowsBefore.at(-1)!;
      await jobs.progress(job);
    }
    job.state = 'done';
  } catch (err) {
    console.error(err);
    job.state = 'failed';
  }
  await jobs.save(job).catch((err: unknown) => console.error(err));
}

export function batchStatus(job: BatchJob): BatchStatus {
  const { list } = job;
  const status: BatchStatus = {
    id: job.id,
    state: job.state,
    done: job.done,
    total: list.rows.length,
    matched: job.matched,
    approximate: job.approximate,
    unmatched: job.settled - job.matched - job.approximate,
    format: list.format,
    column: list.column.name,
    columnBy: list.column.by,
    headers: list.header.filter(Boolean),
    fileName: job.fileName,
    ...(job.state === 'failed' ? { code: 'batch_failed', error: say({ code: 'batch_failed' }, 'zh'), errorEn: say({ code: 'batch_failed' }, 'en') } : {}),
  };
  if (job.state === 'done') {
    status.unmatchedRows = unmatchedRows(job)
      .slice(0, UNMATCHED_SHOWN)
      .map(({ line, cells }) => ({ row: line, address: cells[list.column.index] ?? '' }));
    status.reviewRows = reviewRows(job);
  }
  return status;
}

function reviewRows(job: BatchJob): ReviewRow[] {
  const out: ReviewRow[] = [];
  for (let i = 0; i < job.list.rows.length && out.length < UNMATCHED_SHOWN; i++) {
    const answer = job.answers[i] ?? null;
    const rowClass = classOf(answer);
    if (rowClass === 'matched') continue;
    const { line, cells } = job.list.rows[i]!;
    const found = answer && rowClass === 'approximate' ? { community: answer.community.name, area: answer.area.name, ...(answer.address ? { address: answer.address } : {}) } : null;
    out.push({ row: line, address: cells[job.list.column.index] ?? '', class: rowClass, found, reasons: answer?.caveats ?? [] });
  }
  return out;
}

const unmatchedRows = (job: BatchJob) => job.list.rows.filter((_, i) => classOf(job.answers[i] ?? null) === 'unmatched');

function finished(job: BatchJob): void {
  if (job.state === 'running') throw new HttpError(409, 'batch_running', { done: job.done, rows: job.list.rows.length });
  if (job.state === 'failed') throw new HttpError(409, 'batch_failed');
}

const baseName = (fileName: string) => fileName.replace(/\.(csv|xlsx)$/i, '');

/** The uploaded file with the added columns; the lead's phone as `viewer` may see it. */
export async function batchResult(job: BatchJob, viewer: AuthUser): Promise<BatchFile> {
  finished(job);
  const { list } = job;
  const cells = job.answers.map((answer) => addedCells(answer && forViewer(answer, viewer)));
  const fileName = `${baseName(job.fileName)}-匹配结果.${list.format}`;
  if (list.format === 'csv') {
    const bytes = writeCsvResult(list, { header: ADDED_HEADER, cells: cells.map((row) => row.map(csvText)) });
    return { bytes, contentType: 'text/csv; charset=utf-8', fileName };
  }
  const unmatched = unmatchedRows(job).map((r) => [r.line, ...r.cells]);
  const bytes = await writeXlsxResult(job.bytes!, list, { header: ADDED_HEADER, cells }, { header: [ROW_NUMBER_HEADER, ...list.header], rows: unmatched });
  return { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName };
}

/** One class's rows in the upload's format: row number, the row as it stands, the added columns. */
export async function batchClassFile(job: BatchJob, rowClass: RowClass, viewer: AuthUser): Promise<BatchFile> {
  finished(job);
  const { list } = job;
  const csv = list.format === 'csv';
  const rows = list.rows.flatMap((r, i) => {
    const answer = job.answers[i] ?? null;
    if (classOf(answer) !== rowClass) return [];
    const added = addedCells(answer && forViewer(answer, viewer));
    return [[r.line, ...r.cells, ...(csv ? added.map(csvText) : added)]];
  });
  const bytes = await writeClassFile(list.format, rowClass, [ROW_NUMBER_HEADER, ...list.header, ...ADDED_HEADER], rows);
  const contentType = csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return { bytes, contentType, fileName: `${baseName(job.fileName)}-${CLASS_LABEL[rowClass]}.${list.format}` };
}

/**
 * Corrected addresses of single rows, matched again at once and counted in their new class;
 * the corrected address replaces the cell, so every download carries it. Only finished jobs.
 */
export async function correctRows(ctx: AppContext, jobs: BatchJobs, job: BatchJob, fixes: Array<{ row: number; address: string }>): Promise<BatchStatus> {
  if (job.state === 'running') throw new HttpError(409, 'batch_fix_running');
  finished(job);
  const indexOf = new Map(job.list.rows.map((r, i) => [r.line, i]));
  const at = fixes.map(({ row }) => {
    const i = indexOf.get(row);
    if (i === undefined) throw new HttpError(400, 'batch_no_such_row', { row });
    return i;
  });
  const answers: Array<LookupResult | null> = await matchAddresses(ctx, fixes.map((f) => f.address));
  fixes.forEach((fix, k) => {
    const i = at[k]!;
    const cells = job.list.rows[i]!.cells;
    while (cells.length <= job.list.column.index) cells.push('');
    cells[job.list.column.index] = fix.address;
    settleRow(job, i, answers[k] ?? null, job.answers[i] ?? null);
  });
  await jobs.save(job);
  return batchStatus(job);
}

/** The unmatched rows as CSV, whatever the upload's format: row number, then the original cells. */
export function batchUnmatched(job: BatchJob): BatchFile {
  finished(job);
  const rows = unmatchedRows(job).map((r) => [String(r.line), ...r.cells]);
  return { bytes: writeUnmatchedCsv([ROW_NUMBER_HEADER, ...job.list.header], rows), contentType: 'text/csv; charset=utf-8', fileName: `${baseName(job.fileName)}-未匹配.csv` };
}
