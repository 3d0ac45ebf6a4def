// Counting an .xlsx sheet's rows as its XML inflates, before any workbook reader builds the
// whole sheet in memory: a 6 MB workbook of a million rows is refused after about its first
// `limit` rows, in a fraction of a second and a few MB.
import { decodeText } from '../decode-text';
import { readEntryStart } from './zip-guard';

function readText(bytes: Uint8Array, name: string, maxBytes: number): string | undefined {
  let text: string | undefined;
  readEntryStart(bytes, name, maxBytes, (all, whole) => whole && ((text = decodeText(all).text), true));
  return text;
}

const isSpaceOrEnd = (b: number | undefined) => b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
const isNameByte = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** Row elements in the XML, with or without a namespace prefix (`<row r="1">`, `<x:row>`), up to `limit + 1`. */
function countRows(xml: Buffer, limit: number): number {
  let rows = 0;
  for (let at = xml.indexOf('row'); at >= 0 && rows <= limit; at = xml.indexOf('row', at + 3)) {
    if (!isSpaceOrEnd(xml[at + 3])) continue;
    if (xml[at - 1] === 0x3c) rows++;
    else if (xml[at - 1] === 0x3a) {
      let i = at - 2;
      while (i >= 0 && isNameByte(xml[i]!)) i--;
      if (i < at - 2 && xml[i] === 0x3c) rows++;
    }
  }
  return rows;
}

const attribute = (tag: string, name: string) => {
  const raw = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return raw?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
};

/** The path of the sheet named (else the first one shown), as workbook.xml and its relationships say. */
export function sheetPath(bytes: Uint8Array, maxBytes: number, name?: string): string | undefined {
  const sheets = [...(readText(bytes, 'xl/workbook.xml', maxBytes) ?? '').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => m[0]);
  const sheet = name === undefined ? (sheets.find((t) => !/\sstate="(hidden|veryHidden)"/.test(t)) ?? sheets[0]) : sheets.find((t) => attribute(t, 'name') === name);
  const id = sheet && attribute(sheet, 'r:id');
  if (!id) return undefined;
  const rels = [...(readText(bytes, 'xl/_rels/workbook.xml.rels', maxBytes) ?? '').matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]);
  const target = attribute(rels.find((tag) => attribute(tag, 'Id') === id) ?? '', 'Target');
  if (!target) return undefined;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * The rows of the sheet named (else the first shown), counted up to `limit + 1` at most (the
 * rest is not inflated); 0 when the workbook does not say where that sheet is (its reader will).
 */
export function countSheetRows(bytes: Uint8Array, limit: number, maxBytes: number, name?: string): number {
  const path = sheetPath(bytes, maxBytes, name);
  if (!path) return 0;
  let rows = 0;
  readEntryStart(bytes, path, maxBytes, (start) => (rows = countRows(start, limit)) > limit);
  return rows;
}
