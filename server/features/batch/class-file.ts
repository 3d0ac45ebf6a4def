// One class of rows (matched, approximate, not found) as a file of its own, in the upload's
// format: the row number in the uploaded file, the row as it stands (corrections included) and
// the look-up's columns, so a class can be handed on or worked through alone.
import ExcelJS from 'exceljs';
import { writeCsv } from '../../analysis/csv';
import { CLASS_LABEL, type RowClass } from './classes';
import type { UploadFormat } from './upload';

const BOM = '\uFEFF';

export async function writeClassFile(
  format: UploadFormat,
  rowClass: RowClass,
  header: string[],
  rows: Array<Array<string | number>>,
): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(BOM + writeCsv([header, ...rows.map((r) => r.map(String))]), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(CLASS_LABEL[rowClass]);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row.map((v) => (v === '' ? null : v)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
