// An .xlsx sheet as a grid of the texts the office sees: a formula's result, dates and
// numbers as valueText writes them, rich text joined, merged ranges found from their cells. exceljs reads the workbook; it is
// unzipped by us first (within the byte limit) and handed over stored, so exceljs's own
// inflater never meets a zip that lies about its sizes.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { FileProblem } from '../areas-io/problem';
import { normaliseCell, valueText } from './cells';
import type { Grid, GridRow, Merge } from './table';
import { unzipWithin } from './zip-guard';

/** Rows above and below the data (titles, header, notes, totals) allowed beyond the row limit before reading cells. */
const FRAME_ROWS = 100;

/** What the office sees in a cell: a formula's result, a link's text, rich text joined. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return valueText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String(value.error);
  return '';
}

async function load(bytes: Uint8Array, maxBytes: number): Promise<ExcelJS.Workbook> {
  const stored = zipSync(unzipWithin(bytes, maxBytes), { level: 0 });
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its own Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await workbook.xlsx.load(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new FileProblem(400, 'import_xlsx_unreadable', { detail: (err as Error).message });
  }
  return workbook;
}

function chooseSheet(workbook: ExcelJS.Workbook, name: string | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  if (name !== undefined) {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) throw new FileProblem(422, 'import_sheet_missing', { sheet: name, sheets: sheets.map((s) => s.name) });
    return sheet;
  }
  // Offices hide their lookup lists in sheets of their own; the first one shown is the roster.
  const sheet = sheets.find((s) => s.state === 'visible') ?? sheets[0];
  if (!sheet) throw new FileProblem(422, 'import_sheet_empty', { sheet: '' });
  return sheet;
}

export interface WorkbookGrid {
  grid: Grid;
  sheet: string;
  sheets: string[];
}

/** The sheet named (else the first shown) as a grid; `maxRows` of data at most, with room for its frame. */
export async function readWorkbookGrid(bytes: Uint8Array, opts: { sheet?: string; maxRows: number; maxBytes: number }): Promise<WorkbookGrid> {
  const workbook = await load(bytes, opts.maxBytes);
  const sheet = chooseSheet(workbook, opts.sheet);
  if (sheet.actualRowCount === 0) throw new FileProblem(422, 'import_sheet_empty', { sheet: sheet.name });
  if (sheet.actualRowCount > opts.maxRows + FRAME_ROWS) throw new FileProblem(422, 'import_too_many_rows', { max: opts.maxRows, count: sheet.actualRowCount });
  const texts = new Map<number, string[]>();
  const merges = new Map<string, Merge>();
  let last = 0;
  sheet.eachRow((row, line) => {
    last = Math.max(last, line);
    const cells: string[] = [];
    texts.set(line, cells);
    row.eachCell((cell, column) => {
      const master = cell.master;
      if (master === cell) {
        cells[column - 1] = normaliseCell(cellText(cell.value));
        return;
      }
      const range = merges.get(master.address) ?? { top: Number(master.row), bottom: line, left: Number(master.col) - 1, right: column - 1 };
      range.bottom = Math.max(range.bottom, line);
      range.right = Math.max(range.right, column - 1);
      merges.set(master.address, range);
    });
  });
  // Every line up to the last with anything in it, so that blank rows can be named.
  const rows: GridRow[] = Array.from({ length: last }, (_, i) => ({ line: i + 1, cells: Array.from(texts.get(i + 1) ?? [], (c) => c ?? '') }));
  return { grid: { rows, merges: [...merges.values()] }, sheet: sheet.name, sheets: workbook.worksheets.map((s) => s.name) };
}
