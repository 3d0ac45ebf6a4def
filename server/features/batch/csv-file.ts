// CSV in, CSV out: the rows as they came, the look-up columns after them, UTF-8 with a BOM so
// Excel opens the Chinese correctly whatever the upload's encoding was.
import { guessDelimiter, parseCsv, writeCsv } from '../../analysis/csv';
import { chooseAddressColumn } from '../../analysis/address-column';
import { decodeText, looksBinary } from '../../analysis/decode-text';
import { fromMessage, HttpError } from '../../http/errors';
import { MAX_ROWS, type UploadedList } from './list';

const BOM = '\uFEFF';

export function readCsvList(bytes: Buffer, column?: string): UploadedList {
  if (looksBinary(bytes)) throw new HttpError(400, 'batch_not_text');
  const { text, encoding } = decodeText(bytes);
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parseCsv(text, delimiter);
  } catch (err) {
    throw new HttpError(400, 'batch_csv_unreadable', { detail: (err as Error).message });
  }
  const [header = [], ...rest] = records;
  const rows = rest
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!rows.length) throw new HttpError(400, 'batch_no_rows');
  if (rows.length > MAX_ROWS) throw new HttpError(413, 'batch_too_many_rows', { rows: rows.length, max: MAX_ROWS });
  const choice = chooseAddressColumn(header, rows.map((r) => r.cells), column);
  if ('problem' in choice) throw fromMessage(400, choice.problem);
  return { format: 'csv', delimiter, encoding, header, rows, column: choice };
}

/** The whole file back: header and every data row with the added cells (blank lines dropped). */
export function writeCsvResult(list: UploadedList & { format: 'csv' }, added: { header: string[]; cells: string[][] }): Buffer {
  const width = Math.max(list.header.length, ...list.rows.map((r) => r.cells.length));
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  const records = [[...pad(list.header), ...added.header], ...list.rows.map((r, i) => [...pad(r.cells), ...added.cells[i]!])];
  return Buffer.from(BOM + writeCsv(records, list.delimiter), 'utf8');
}

/** Unmatched rows with their row number in the uploaded file, under the original header. */
export function writeUnmatchedCsv(header: string[], rows: string[][]): Buffer {
  return Buffer.from(BOM + writeCsv([header, ...rows]), 'utf8');
}
