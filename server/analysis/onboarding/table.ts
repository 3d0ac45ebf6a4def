// A sheet as offices keep it, turned into a header and rows: title rows above the header, a
// header over one to three rows (merged group cells give "基本情况/户数"), blank rows, notes
// (注：…, 填表人：…), totals (合计, 总计) and the header repeated on each printed page. The
// header is the row whose cells best match the layer's names for its fields and look like
// names rather than numbers; every line not read as data says why.
import type { LayerSpec } from '../../domain/layers';
import { FileProblem } from '../areas-io/problem';
import { headerKeys } from './header-key';
import type { Column, SkipReason, TableRow } from './types';

export interface GridRow {
  line: number;
  /** Normalised text; a merged range's text is in its top-left cell only. */
  cells: string[];
}
/** A merged range: lines as in GridRow, columns from 0. */
export interface Merge {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
export interface Grid {
  rows: GridRow[];
  merges: Merge[];
}

export interface Table {
  headerLines: number[];
  columns: Column[];
  rows: TableRow[];
  skipped: { line: number; reason: SkipReason }[];
}

/** Where the header may be: title rows and notes above it rarely take more. */
const HEADER_SEARCH = 30;
const MAX_HEADER_LINES = 3;

const NUMERIC = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^\d(\.\d+)?e[+-]?\d+$|^\d{4}-\d{2}-\d{2}/i;
const TOTAL = /^(本页|全镇|全街道|全乡|全市|全县|全区)?(合计|总计|小计|共计)/;
const NOTE = /^(注\d*|备注|说明|填表说明|填表人|填报人|制表人|审核人|审核|负责人|联系人|联系电话|填表日期|填报日期|制表日期|日期|统计时间|统计日期|截止日期|数据来源|单位负责人|分管领导|填报单位|制表单位)[:.、]/;

const filled = (cells: string[]) => cells.filter(Boolean);
const isNumeric = (s: string) => NUMERIC.test(s.replace(/\s/g, ''));

/** How well a cell names one of the layer's fields: 3 for one of its names, 1 for containing one. */
function nameScore(cell: string, names: Set<string>): number {
  if (!cell) return 0;
  const keys = headerKeys(cell);
  if (keys.some((k) => names.has(k))) return 3;
  return keys.some((k) => [...names].some((n) => n.length >= 2 && k.includes(n))) ? 1 : 0;
}

function fieldNames(spec: LayerSpec | undefined): Set<string> {
  if (!spec) return new Set();
  return new Set(spec.fields.flatMap((f) => [f.name, f.zh, ...f.headers]).flatMap((h) => headerKeys(h)));
}

class Sheet {
  readonly width: number;
  private readonly byLine = new Map<number, GridRow>();
  /** The merged ranges over each line: a roster merges a town's cell down hundreds of rows. */
  private readonly mergesOn = new Map<number, Merge[]>();

  constructor(readonly grid: Grid) {
    this.width = grid.rows.reduce((w, r) => Math.max(w, r.cells.findLastIndex(Boolean) + 1), 0);
    for (const row of grid.rows) this.byLine.set(row.line, row);
    for (const m of grid.merges) {
      for (let line = m.top; line <= m.bottom; line++) this.mergesOn.set(line, [...(this.mergesOn.get(line) ?? []), m]);
    }
  }

  cell(line: number, column: number): string {
    return this.byLine.get(line)?.cells[column] ?? '';
  }

  mergeAt(line: number, column: number): Merge | undefined {
    return this.mergesOn.get(line)?.find((m) => m.left <= column && column <= m.right);
  }

  mergesFrom(line: number): Merge[] {
    return (this.mergesOn.get(line) ?? []).filter((m) => m.top === line);
  }

  /** A cell with its merged range's text: what the office sees there. */
  shown(line: number, column: number): string {
    const m = this.mergeAt(line, column);
    return m ? this.cell(m.top, m.left) : this.cell(line, column);
  }
}

/**
 * Is `line` a further row of the header that ends at `above`? Text only, empty under some
 * name above (that name spans both rows), and names under a group: a merged range above it, or
 * (without merges, as in a CSV) a gap in the row above; with the layer known, one of its cells
 * must be a field's name, so that a first data row of text is not taken for a header.
 */
function continuesHeader(sheet: Sheet, first: number, above: number, line: number, names: Set<string>): boolean {
  const row = Array.from({ length: sheet.width }, (_, c) => sheet.cell(line, c));
  if (filled(row).length === 0 || filled(row).some(isNumeric)) return false;
  const headerAbove = (c: number) => [...Array(above - first + 1).keys()].some((i) => sheet.shown(first + i, c) !== '');
  if (!row.some((cell, c) => cell === '' && headerAbove(c))) return false;
  const underGroup = row.some((cell, c) => {
    if (!cell) return false;
    const m = sheet.mergeAt(above, c);
    if (m && m.right > m.left && m.top >= first) return true;
    return sheet.grid.merges.length === 0 && sheet.cell(above, c) === '' && [...Array(c).keys()].some((left) => sheet.cell(above, left) !== '');
  });
  const verticalName = sheet.grid.merges.some((m) => m.top >= first && m.top <= above && m.bottom >= line);
  if (!underGroup && !verticalName) return false;
  return names.size === 0 || sheet.grid.merges.length > 0 || row.some((cell) => nameScore(cell, names) === 3);
}

function headerLinesFrom(sheet: Sheet, first: number, lines: number[], names: Set<string>): number[] {
  const header = [first];
  for (const line of lines.filter((l) => l > first)) {
    if (header.length === MAX_HEADER_LINES || line !== header.at(-1)! + 1 || !continuesHeader(sheet, first, header.at(-1)!, line, names)) break;
    header.push(line);
  }
  return header;
}

/** A row's worth as the header: names of fields above all, text rather than numbers, two cells at least. */
function headerScore(sheet: Sheet, lines: number[], names: Set<string>): number {
  let score = 0;
  for (const line of lines) {
    const cells = filled(Array.from({ length: sheet.width }, (_, c) => sheet.cell(line, c)));
    if (line === lines[0] && cells.length < 2) return -Infinity;
    const numbers = cells.filter(isNumeric).length;
    score += cells.reduce((sum, cell) => sum + nameScore(cell, names) * 10, 0) + (cells.length - numbers) - numbers * 5;
  }
  return score;
}

/**
 * The column's name through the header rows: each row's text (a merged range's for its
 * columns; without merges, a group's name carried right over the gap under which names stand),
 * repeated names said once.
 */
function columnHeader(sheet: Sheet, lines: number[], column: number): string {
  const parts: string[] = [];
  lines.forEach((line, i) => {
    const m = sheet.mergeAt(line, column);
    let text = m && m.top >= lines[0]! ? sheet.cell(m.top, m.left) : sheet.cell(line, column);
    const below = lines.slice(i + 1).some((l) => sheet.cell(l, column) !== '');
    if (!text && !m && sheet.grid.merges.length === 0 && below) {
      for (let left = column - 1; left >= 0 && !text; left--) text = sheet.cell(line, left);
    }
    if (text && parts.at(-1) !== text) parts.push(text);
  });
  return parts.join('/');
}

function isRepeatedHeader(cells: string[], headerRows: string[][]): boolean {
  return headerRows.some((header) => {
    const names = filled(header).length;
    const same = cells.filter((cell, c) => cell !== '' && cell === header[c]).length;
    return same >= Math.max(2, Math.ceil(names * 0.6));
  });
}

function skipReason(sheet: Sheet, row: GridRow, cells: string[], headerRows: string[][]): SkipReason | undefined {
  const texts = filled(cells);
  if (texts.length === 0) return 'blank';
  if (isRepeatedHeader(cells, headerRows)) return 'repeated_header';
  if (texts.slice(0, 3).some((t) => TOTAL.test(t.replace(/\s/g, '')))) return 'total';
  if (NOTE.test(texts[0]!.replace(/\s/g, ''))) return 'note';
  // One sentence merged across most of the row is a note, whatever it starts with.
  const wide = sheet.mergesFrom(row.line).some((m) => m.right - m.left + 1 >= Math.max(3, sheet.width / 2));
  if (wide && texts.length === 1) return 'note';
  return undefined;
}

/** The table in a sheet; `spec` lets the header be found by the layer's names; more than `maxRows` data rows is refused. */
export function tableOf(grid: Grid, sheetName: string, spec: LayerSpec | undefined, maxRows: number): Table {
  const sheet = new Sheet(grid);
  const names = fieldNames(spec);
  const lines = grid.rows.filter((r) => filled(r.cells).length > 0).slice(0, HEADER_SEARCH).map((r) => r.line);
  let best: { lines: number[]; score: number } | undefined;
  for (const line of lines) {
    const header = headerLinesFrom(sheet, line, lines, names);
    const score = headerScore(sheet, header, names);
    if (score > 0 && (!best || score > best.score)) best = { lines: header, score };
  }
  if (!best) throw new FileProblem(422, 'import_no_header', { sheet: sheetName });
  const headerLines = best.lines;
  const last = headerLines.at(-1)!;
  const headerRows = headerLines.map((line) => Array.from({ length: sheet.width }, (_, c) => sheet.cell(line, c)));

  const skipped: Table['skipped'] = [];
  const rows: TableRow[] = [];
  for (const row of grid.rows) {
    if (row.line < headerLines[0]!) {
      skipped.push({ line: row.line, reason: filled(row.cells).length ? 'title' : 'blank' });
      continue;
    }
    if (row.line <= last) continue;
    const cells = Array.from({ length: sheet.width }, (_, c) => sheet.shown(row.line, c));
    const reason = skipReason(sheet, row, cells, headerRows);
    if (reason) {
      skipped.push({ line: row.line, reason });
      continue;
    }
    if (rows.length === maxRows) throw new FileProblem(422, 'import_too_many_rows', { max: maxRows });
    rows.push({ line: row.line, cells });
  }

  const columns: Column[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < sheet.width; c++) {
    const samples = rows.map((r) => r.cells[c]!).filter(Boolean);
    let header = columnHeader(sheet, headerLines, c);
    if (!header && samples.length === 0) continue;
    header ||= `第${c + 1}列`;
    for (let n = 2; taken.has(header); n++) header = `${header.replace(/ \(\d+\)$/, '')} (${n})`;
    taken.add(header);
    columns.push({ index: c, header, samples: samples.slice(0, 5) });
  }
  return { headerLines, columns, rows, skipped };
}
