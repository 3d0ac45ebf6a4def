// .xlsx in, .xlsx out (exceljs): the first sheet is the list. The answer is the uploaded workbook
// itself with the look-up columns added right of the last used column and a sheet 未匹配 of
// the rows that found nothing; every other cell, sheet and style stays as it came.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { FileProblem } from '../../analysis/areas-io/problem';
import { countSheetRows } from '../../analysis/onboarding/xlsx-rows';
import { unzipWithin } from '../../analysis/onboarding/zip-guard';
import { chooseAddressColumn } from '../../analysis/address-column';
import { fromMessage, HttpError } from '../../http/errors';
import { MAX_ROWS, type ListRow, type UploadedList } from './list';

export const UNMATCHED_SHEET = '未匹配';

/** What the workbook may unpack to: a sheet of MAX_ROWS addresses is a few tens of MB. */
const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

/**
 * The rows are counted as the sheet inflates, and every part is unzipped by us within the byte
 * limit and handed to exceljs stored, so neither a million rows nor a zip bomb gets further.
 */
function guarded(bytes: Buffer): Buffer {
  try {
    const rows = countSheetRows(bytes, MAX_ROWS + 1, MAX_UNZIPPED_BYTES);
    if (rows > MAX_ROWS + 1) throw new HttpError(413, 'batch_too_many_rows', { rows: `${MAX_ROWS}+`, max: MAX_ROWS });
    const stored = zipSync(unzipWithin(bytes, MAX_UNZIPPED_BYTES), { level: 0 });
    return Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    // Not a zip at all is the batch's own "cannot be read"; a bomb keeps the zip's own words.
    if (err.status === 400) throw new HttpError(400, 'batch_xlsx_unreadable', { detail: err.message });
    throw fromMessage(err.status, err);
  }
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  // An .xlsx is a zip; anything else would only make exceljs fail later with a vaguer message.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new HttpError(400, 'batch_not_xlsx');
  const workbook = new ExcelJS.Workbook();
  const stored = guarded(bytes);
  try {
    // exceljs types its own Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await workbook.xlsx.load(stored as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new HttpError(400, 'batch_xlsx_unreadable', { detail: (err as Error).message });
  }
  return workbook;
}

function firstSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HttpError(400, 'batch_no_sheet');
  return sheet;
}

const rowText = (row: ExcelJS.Row, width: number) => Array.from({ length: width }, (_, i) => row.getCell(i + 1).text.trim());

export async function readXlsxList(bytes: Buffer, column?: string): Promise<UploadedList> {
  const sheet = firstSheet(await load(bytes));
  if (sheet.rowCount > MAX_ROWS + 1) throw new HttpError(413, 'batch_too_many_rows', { rows: sheet.rowCount - 1, max: MAX_ROWS });
  let width = 0;
  sheet.eachRow((row) => (width = Math.max(width, row.cellCount)));
  const header = rowText(sheet.getRow(1), width);
  const rows: ListRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells = rowText(row, width);
    if (cells.some(Boolean)) rows.push({ line, cells });
  });
  if (!rows.length) throw new HttpError(400, 'batch_sheet_no_rows', { sheet: sheet.name });
  const choice = chooseAddressColumn(header, rows.map((r) => r.cells), column);
  if ('problem' in choice) throw fromMessage(400, choice.problem);
  return { format: 'xlsx', width, sheet: sheet.name, header, rows, column: choice };
}

export async function writeXlsxResult(
  bytes: Buffer,
  list: UploadedList & { format: 'xlsx' },
  added: { header: string[]; cells: Array<Array<string | number>> },
  unmatched: { header: string[]; rows: Array<Array<string | number>> },
): Promise<Buffer> {
  const workbook = await load(bytes);
  const sheet = firstSheet(workbook);
  const put = (line: number, cells: Array<string | number>) => {
    const row = sheet.getRow(line);
    cells.forEach((value, i) => (row.getCell(list.width + 1 + i).value = value === '' ? null : value));
  };
  put(1, added.header);
  list.rows.forEach((r, i) => put(r.line, added.cells[i]!));
  let name = UNMATCHED_SHEET;
  for (let n = 2; workbook.getWorksheet(name); n++) name = `${UNMATCHED_SHEET} (${n})`;
  const out = workbook.addWorksheet(name);
  out.addRow(unmatched.header);
  for (const row of unmatched.rows) out.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
