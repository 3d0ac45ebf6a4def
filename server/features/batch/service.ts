// A batch look-up: read the uploaded list, match its addresses in the background while the
// client polls, then write the same file back with the added columns (phones as the owner may
// see them) and the rows that found nothing.
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { forViewer } from '../lookup/mask';
import { matchAddresses } from '../lookup/service';
import { addedCells, ADDED_HEADER, csvText, ROW_NUMBER_HEADER } from './columns';
import { readCsvList, writeCsvResult, writeUnmatchedCsv } from './csv-file';
import type { BatchJob, BatchJobs } from './jobs';
import type { UploadFormat } from './upload';
import { readXlsxList, writeXlsxResult } from './workbook';

/** Distinct addresses matched per call: the counts move while a long list runs, and polls get answered between calls. */
const CHUNK = 1000;
/** The status lists this many unmatched rows; the rest are in the downloads. */
const UNMATCHED_SHOWN = 500;

export interface BatchStatus {
  id: string;
  state: BatchJob['state'];
  done: number;
  total: number;
  matched: number;
  unmatched: number;
  format: UploadFormat;
  column: string;
  fileName: string;
  error?: string;
  /** When done: the first unmatched rows, by their row number in the file. */
  unmatchedRows?: Array<{ row: number; address: string }>;
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
  const list = upload.format === 'csv' ? readCsvList(upload.bytes, upload.column) : await readXlsxList(upload.bytes, upload.column);
  const fileName = upload.name ?? `addresses.${upload.format}`;
  const job = jobs.add(owner, { bytes: upload.format === 'xlsx' ? upload.bytes : null, fileName, list });
  void run(ctx, job);
  return batchStatus(job);
}

async function run(ctx: AppContext, job: BatchJob): Promise<void> {
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
      const answers = await matchAddresses(ctx, chunk, (done) => (job.done = base + rowsBefore[done]!));
      answers.forEach((answer, k) => {
        const at = rowsOf.get(chunk[k]!)!;
        for (const i of at) job.answers[i] = answer;
        if (answer) job.matched += at.length;
      });
      job.settled = job.done = base + rowsBefore.at(-1)!;
    }
    job.state = 'done';
  } catch (err) {
    console.error(err);
    job.state = 'failed';
    job.error = 'the look-up failed part-way; please upload the file again';
  }
}

export function batchStatus(job: BatchJob): BatchStatus {
  const { list } = job;
  const status: BatchStatus = {
    id: job.id,
    state: job.state,
    done: job.done,
    total: list.rows.length,
    matched: job.matched,
    unmatched: job.settled - job.matched,
    format: list.format,
    column: list.column.name,
    fileName: job.fileName,
    ...(job.error ? { error: job.error } : {}),
  };
  if (job.state === 'done') {
    status.unmatchedRows = unmatchedRows(job)
      .slice(0, UNMATCHED_SHOWN)
      .map(({ line, cells }) => ({ row: line, address: cells[list.column.index] ?? '' }));
  }
  return status;
}

const unmatchedRows = (job: BatchJob) => job.list.rows.filter((_, i) => !job.answers[i]);

function finished(job: BatchJob): void {
  if (job.state === 'running') throw new HttpError(409, `the batch is still running (${job.done} of ${job.list.rows.length} rows)`);
  if (job.state === 'failed') throw new HttpError(409, job.error ?? 'the batch failed');
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

/** The unmatched rows as CSV, whatever the upload's format: row number, then the original cells. */
export function batchUnmatched(job: BatchJob): BatchFile {
  finished(job);
  const rows = unmatchedRows(job).map((r) => [String(r.line), ...r.cells]);
  return { bytes: writeUnmatchedCsv([ROW_NUMBER_HEADER, ...job.list.header], rows), contentType: 'text/csv; charset=utf-8', fileName: `${baseName(job.fileName)}-未匹配.csv` };
}
