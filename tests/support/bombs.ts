// Zip bombs built byte by byte, as an attacker would: deflated zeros that declare their true or a
// false size, entries that overlap, and a small workbook of a million rows. Nothing is ever
// held inflated here: zeros are deflated as a stream.
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';

/** `bytes` zeros deflated (about bytes / 1000 of output), fed to zlib a megabyte at a time. */
export async function deflatedZeros(bytes: number): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= zeros.length) {
    if (!deflate.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

interface RawEntry {
  name: string;
  /** Deflated data (method 8). */
  data: Uint8Array;
  /** The unpacked size the zip claims. */
  declared: number;
}

const u16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number) => [...u16(v & 0xffff), ...u16(v >>> 16)];

function localHeader(name: Uint8Array, e: RawEntry): Uint8Array {
  return Uint8Array.from([...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(8), ...u16(0), ...u16(0), ...u32(0), ...u32(e.data.length), ...u32(e.declared), ...u16(name.length), ...u16(0), ...name]);
}

function centralHeader(name: Uint8Array, e: RawEntry, offset: number): Uint8Array {
  return Uint8Array.from([
    ...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0x800), ...u16(8), ...u16(0), ...u16(0), ...u32(0),
    ...u32(e.data.length), ...u32(e.declared), ...u16(name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...name,
  ]);
}

/**
 * A zip of the entries, each stored once; `aliases` more directory entries point at the first
 * entry's bytes under other names (the overlapping-entries bomb).
 */
export function rawZip(entries: RawEntry[], aliases = 0): Uint8Array {
  const parts: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const header = localHeader(name, e);
    directory.push(centralHeader(name, e, offset));
    parts.push(header, e.data);
    offset += header.length + e.data.length;
  }
  for (let i = 0; i < aliases; i++) directory.push(centralHeader(strToU8(`${i}-${entries[0]!.name}`), entries[0]!, 0));
  const size = directory.reduce((s, d) => s + d.length, 0);
  const count = directory.length;
  const end = Uint8Array.from([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(size), ...u32(offset), ...u16(0)]);
  return Buffer.concat([...parts, ...directory, end]);
}

/** An .xlsx whose first sheet holds `rows` rows of one address each: a few MB for a million (no CRCs: nothing we run checks them). */
export function manyRowsWorkbook(rows: number): Uint8Array {
  const cells: string[] = [];
  for (let r = 1; r <= rows; r++) cells.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>幸福路${r}号</t></is></c></row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells.join('')}</sheetData></worksheet>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="地址" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': Buffer.from(sheet),
  };
  return rawZip(Object.entries(files).map(([name, bytes]) => ({ name, data: deflateRawSync(bytes, { level: 6 }), declared: bytes.length })));
}
