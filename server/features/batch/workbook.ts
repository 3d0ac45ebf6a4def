// .xlsx in, .xlsx out (exceljs): the first sheet is the list. The answer is the uploaded workbook
// itself with the look-up columns added right of the last used column and a sheet 未匹配 of
// the rows that found nothing; every other cell, sheet and style stays as it came.
import ExcelJS from 'exceljs';
import { chooseAddressColumn } from '../../analysis/address-column';
import { HttpError } from '../../http/errors';
import { MAX_ROWS, type ListRow, type UploadedList } from './list';

export const UNMATCHED_SHEET = '未匹配';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  // An .xlsx is a zip; anything else would only make exceljs fail later with a vaguer message.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new HttpError(400, 'the file is not an .xlsx workbook (not a zip archive)');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its own Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new HttpError(400, `the .xlsx workbook cannot be read: ${(err as Error).message}`);
  }
  return workbook;
}

function firstSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HttpError(400, 'the workbook has no sheet');
  return sheet;
}

const rowText = (row: ExcelJS.Row, width: number) => Array.from({ length: width }, (_, i) => row.getCell(i + 1).text.trim());

export async function readXlsxList(bytes: Buffer, column?: string): Promise<UploadedList> {
  const sheet = firstSheet(await load(bytes));
  if (sheet.rowCount > MAX_ROWS + 1) throw new HttpError(413, `the sheet has ${sheet.rowCount - 1} rows; at most ${MAX_ROWS} are looked up at once`);
  let width = 0;
  sheet.eachRow((row) => (width = Math.max(width, row.cellCount)));
  const header = rowText(sheet.getRow(1), width);
  const rows: ListRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells = rowText(row, width);
    if (cells.some(Boolean)) rows.push({ line, cells });
  });
  if (!rows.length) throw new HttpError(400, `the sheet "${sheet.name}" has no rows below its header row`);
  const choice = chooseAddressColumn(header, rows.map((r) => r.cells), column);
  if ('problem' in choice) throw new HttpError(400, choice.problem);
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
