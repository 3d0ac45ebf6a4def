// The batch look-up end to end over HTTP: a real .xlsx and real CSV files (UTF-8 and GBK) built
// from the demo city's own addresses, uploaded as bytes, matched, and read back; bad files,
// another user's job and the progress counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/analysis/csv';
import type { BatchStatus } from '../../server/features/batch/service';
import { startTestApi, type TestApi } from '../support/api-client';
import { loginDemo } from '../support/accounts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADDED = ['社区', '片区', '片长', '电话', '匹配方式', '匹配度'];
const GARBAGE = ['Lorem ipsum dolor sit amet', 'QQQQ-9999-ZZZZ'];

interface Truth {
  community: string;
  area: string;
  lead: string;
  phone: string;
}

let api: TestApi;
let staff: string;
let leader: string;
let admin: string;
let tmp: string;
/** Addresses that name exactly one building, with that building's area and lead from the database. */
const known = new Map<string, Truth>();
/** Every building's address, once. */
let everyAddress: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  [staff, leader, admin] = [await loginDemo(api, 'staff'), await loginDemo(api, 'leader'), await loginDemo(api, 'admin')];
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-batch-'));
  const buildings = await api.json<FeatureCollection>('/api/layers/buildings');
  const count = new Map<string, number>();
  for (const f of buildings.features) count.set(f.properties!.address, (count.get(f.properties!.address) ?? 0) + 1);
  everyAddress = [...count.keys()];
  const picked = buildings.features.filter((f) => count.get(f.properties!.address) === 1).filter((_, i) => i % 97 === 0).slice(0, 25);
  const rows = await api.ctx.db
    .knex('contracted_areas as a')
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where('a.region', api.ctx.region)
    .whereIn('a.id', picked.map((f) => f.properties!.areaId))
    .select('a.id', 'a.name as area', 'c.name as community', 'a.lead_name as lead', 'a.lead_phone as phone');
  const byArea = new Map(rows.map((r) => [r.id as string, r as Truth]));
  for (const f of picked) known.set(f.properties!.address, byArea.get(f.properties!.areaId)!);
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await api.close();
});

const upload = (bytes: Uint8Array, type: string, cookie?: string, query = '') =>
  api.request(`/api/lookup/batch${query}`, { method: 'POST', cookie, headers: { 'content-type': type }, body: bytes as Uint8Array<ArrayBuffer> });

/** Polls until the job is finished; every status seen, in order. */
async function follow(id: string, cookie: string): Promise<BatchStatus[]> {
  const seen: BatchStatus[] = [];
  for (;;) {
    const res = await api.request(`/api/lookup/batch/${id}`, { cookie });
    expect(res.status).toBe(200);
    seen.push((await res.json()) as BatchStatus);
    if (seen.at(-1)!.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runBatch(bytes: Uint8Array, type: string, cookie: string, query = '') {
  const res = await upload(bytes, type, cookie, query);
  const started = (await res.json()) as BatchStatus;
  expect(res.status, JSON.stringify(started)).toBe(202);
  const seen = await follow(started.id, cookie);
  return { started, seen, final: seen.at(-1)! };
}

const bom = (bytes: ArrayBuffer) => new Uint8Array(bytes).subarray(0, 3).join(',');
const decodeCsv = (bytes: ArrayBuffer) => parseCsv(new TextDecoder().decode(bytes));
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** GBK bytes for text, from the inverse of Node's own GB18030 decoder over the two-byte range. */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

describe('batch look-up of an .xlsx list', () => {
  it('gives the workbook back with its columns untouched, the area and lead added, and the garbage rows listed as unmatched', async () => {
    const addresses = [...known.keys()];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['序号', '姓名', '住址', '备注']);
    const lines = [...addresses, ...GARBAGE].map((address, i) => [i + 1, `居民${i + 1}`, address, i % 2 ? '回访' : '']);
    lines.forEach((l) => sheet.addRow(l));
    sheet.getCell('B2').font = { bold: true };
    const file = path.join(tmp, '名单.xlsx');
    await workbook.xlsx.writeFile(file);

    const { started, final } = await runBatch(fs.readFileSync(file), XLSX, staff, `?name=${encodeURIComponent('名单.xlsx')}`);
    expect(started).toMatchObject({ total: lines.length, column: '住址', format: 'xlsx' });
    expect(final).toMatchObject({ state: 'done', done: lines.length, total: lines.length });
    expect(final.matched + final.unmatched).toBe(lines.length);
    expect(final.unmatchedRows!.map((r) => r.address)).toEqual(expect.arrayContaining(GARBAGE));

    const res = await api.request(`/api/lookup/batch/${started.id}/result`, { cookie: staff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('名单-匹配结果.xlsx');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await res.arrayBuffer());
    const out = back.getWorksheet('名单')!;
    expect(out.getRow(1).values).toEqual([undefined, '序号', '姓名', '住址', '备注', ...ADDED]);
    expect(out.getCell('B2').font?.bold).toBe(true);
    let matchedKnown = 0;
    lines.forEach((line, i) => {
      const row = out.getRow(i + 2);
      expect([1, 2, 3, 4].map((c) => row.getCell(c).value ?? '')).toEqual(line);
      const truth = known.get(line[2] as string);
      const added = [5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value);
      if (truth && added[4] !== '未匹配') {
        matchedKnown++;
        expect(added.slice(0, 4)).toEqual([truth.community, truth.area, truth.lead, truth.phone]);
        expect(added[5]).toBeGreaterThan(0);
      }
      if (!truth) expect(added[4]).toBe('未匹配');
    });
    // A building's own full address finds that building.
    expect(matchedKnown).toBe(addresses.length);

    const unmatched = back.getWorksheet('未匹配')!;
    expect(unmatched.getRow(1).values).toEqual([undefined, '行号', '序号', '姓名', '住址', '备注']);
    const listed = unmatched.getSheetValues().slice(2).map((v) => (v as unknown[])[4]);
    expect(listed).toEqual(expect.arrayContaining(GARBAGE));
    expect(listed.length).toBe(final.unmatched);
  });
});

describe('batch look-up of a CSV list', () => {
  const header = ['name', 'address', 'note'];
  const records = () => [...known.keys()].slice(0, 10).map((a, i) => [`居民 "${i}"`, a, 'a, b']).concat(GARBAGE.map((g) => ['x', g, '']));
  const toCsv = (rows: string[][]) => [header, ...rows].map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');

  it('gives UTF-8 CSV with a BOM back, the rows as they came plus the added columns, and the unmatched rows as their own CSV', async () => {
    const rows = records();
    const { started, final } = await runBatch(new TextEncoder().encode(toCsv(rows)), 'text/csv', staff);
    expect(started.column).toBe('address');
    expect(final).toMatchObject({ state: 'done', done: rows.length, matched: rows.length - GARBAGE.length, unmatched: GARBAGE.length });

    const res = await api.request(`/api/lookup/batch/${started.id}/result`, { cookie: staff });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = await res.arrayBuffer();
    expect(bom(bytes)).toBe('239,187,191');
    const [outHeader, ...outRows] = decodeCsv(bytes);
    expect(outHeader).toEqual([...header, ...ADDED]);
    outRows.forEach((r, i) => {
      expect(r.slice(0, 3)).toEqual(rows[i]);
      const truth = known.get(rows[i]![1]!);
      if (truth) expect(r.slice(3, 7)).toEqual([truth.community, truth.area, truth.lead, truth.phone]);
      else expect(r[7]).toBe('未匹配');
    });

    const un = await api.request(`/api/lookup/batch/${started.id}/unmatched`, { cookie: staff });
    const [unHeader, ...unRows] = decodeCsv(await un.arrayBuffer());
    expect(unHeader).toEqual(['行号', ...header]);
    expect(unRows.map((r) => r[2])).toEqual(GARBAGE);
    expect(unRows.map((r) => Number(r[0]))).toEqual(GARBAGE.map((_, i) => rows.length - GARBAGE.length + i + 2));
  });

  it('reads a GBK CSV as Excel saves it in China, and answers in UTF-8', async () => {
    const rows = records();
    const gbk = encodeGbk(toCsv(rows).replace('address', '地址'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const { started, final } = await runBatch(gbk, 'text/csv', staff);
    expect(started.column).toBe('地址');
    expect(final.matched).toBe(rows.length - GARBAGE.length);
    const [, ...outRows] = decodeCsv(await (await api.request(`/api/lookup/batch/${started.id}/result`, { cookie: staff })).arrayBuffer());
    expect(outRows.map((r) => r[1])).toEqual(rows.map((r) => r[1]));
  });

  it('masks the lead phone for a leader', async () => {
    const rows = records();
    const { started } = await runBatch(new TextEncoder().encode(toCsv(rows)), 'text/csv', leader);
    const [, ...outRows] = decodeCsv(await (await api.request(`/api/lookup/batch/${started.id}/result`, { cookie: leader })).arrayBuffer());
    const truth = known.get(rows[0]![1]!)!;
    expect(outRows[0]!.slice(3, 7)).toEqual([truth.community, truth.area, truth.lead, masked(truth.phone)]);
  });

  it('takes the column named in ?column= over the detected one, and says which columns exist when it is not there', async () => {
    const csv = new TextEncoder().encode(`住址,家庭地址\r\n无,${[...known.keys()][0]}\r\n`);
    const { started, final } = await runBatch(csv, 'text/csv', staff, `?column=${encodeURIComponent('家庭地址')}`);
    expect(started.column).toBe('家庭地址');
    expect(final.matched).toBe(1);
    const res = await upload(csv, 'text/csv', staff, '?column=street');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('住址, 家庭地址');
  });

  it('finds the first text column when no header says address', async () => {
    const csv = new TextEncoder().encode(`id,where,phone\r\n1,${[...known.keys()][0]},13800000000\r\n2,${GARBAGE[0]},13800000001\r\n`);
    const { started, final } = await runBatch(csv, 'text/csv', staff);
    expect(started.column).toBe('where');
    expect(final).toMatchObject({ matched: 1, unmatched: 1 });
  });
});

describe('names that look like formulas', () => {
  it('are text in the CSV (a leading apostrophe) and text cells in the .xlsx', async () => {
    const [address, truth] = [...known.entries()][0]!;
    const k = api.ctx.db.knex;
    const area = await k('contracted_areas').where({ region: api.ctx.region, name: truth.area }).first('id');
    await k('contracted_areas').where({ region: api.ctx.region, id: area.id }).update({ name: '=1+2' });
    try {
      const csv = await runBatch(new TextEncoder().encode(`地址\r\n${address}\r\n`), 'text/csv', staff);
      const [, row] = decodeCsv(await (await api.request(`/api/lookup/batch/${csv.started.id}/result`, { cookie: staff })).arrayBuffer());
      expect(row![2]).toBe("'=1+2");

      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('s').addRows([['地址'], [address]]);
      const xlsx = await runBatch(new Uint8Array(await workbook.xlsx.writeBuffer()), XLSX, staff);
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(await (await api.request(`/api/lookup/batch/${xlsx.started.id}/result`, { cookie: staff })).arrayBuffer());
      const cell = back.worksheets[0]!.getCell('C2');
      expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, '=1+2']);
    } finally {
      await k('contracted_areas').where({ region: api.ctx.region, id: area.id }).update({ name: truth.area });
    }
  });
});

describe('bad uploads', () => {
  const cases: Array<[string, Uint8Array, string, number, RegExp]> = [
    ['a type that is neither CSV nor .xlsx', new TextEncoder().encode('地址\n某地'), 'text/plain', 415, /CSV/],
    ['an empty file', new Uint8Array(), 'text/csv', 400, /empty/],
    ['a header without rows', new TextEncoder().encode('地址\r\n'), 'text/csv', 400, /no rows/],
    ['no column that could be an address', new TextEncoder().encode('id,phone\n1,13800000000\n2,13800000001\n'), 'text/csv', 400, /no address column/],
    ['a binary file sent as CSV', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), 'text/csv', 400, /not text/],
    ['CSV bytes sent as .xlsx', new TextEncoder().encode('地址\n某地\n'), XLSX, 400, /not an \.xlsx/],
    ['a corrupt .xlsx', new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(200).fill(7)]), XLSX, 400, /cannot be read/],
    ['an unclosed quote', new TextEncoder().encode('地址\n"某地\n'), 'text/csv', 400, /quoted field/],
    ['more than 100,000 rows', new TextEncoder().encode('地址\n' + '某地\n'.repeat(100_001)), 'text/csv', 413, /100000/],
    ['more than 10 MB', new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41), 'text/csv', 413, /10 MB/],
  ];

  it.each(cases)('refuses %s with a clear message', async (_, bytes, type, status, message) => {
    const res = await upload(bytes, type, staff);
    const body = await res.json();
    expect(res.status).toBe(status);
    expect(body.error).toMatch(message);
    expect(body.id).toBeUndefined();
  });

  it('asks the anonymous to log in before reading a byte', async () => {
    expect((await upload(new TextEncoder().encode('地址\n某地'), 'text/csv')).status).toBe(401);
  });
});

describe('whose batch it is', () => {
  it("answers another user's requests for a job with 404, and the owner's with the job", async () => {
    const { started } = await runBatch(new TextEncoder().encode(`地址\r\n${[...known.keys()][0]}\r\n`), 'text/csv', staff);
    for (const suffix of ['', '/result', '/unmatched']) {
      expect((await api.request(`/api/lookup/batch/${started.id}${suffix}`, { cookie: admin })).status, suffix).toBe(404);
      expect((await api.request(`/api/lookup/batch/${started.id}${suffix}`)).status, suffix).toBe(401);
      expect((await api.request(`/api/lookup/batch/${started.id}${suffix}`, { cookie: staff })).status, suffix).toBe(200);
    }
  });
});

describe('progress', () => {
  it('counts up to the total as a long list with repeated addresses runs', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 3 ? everyAddress[i % everyAddress.length] : GARBAGE[i % 2]));
    const { seen, final } = await runBatch(new TextEncoder().encode(`地址\n${lines.join('\n')}\n`), 'text/csv', staff);
    const dones = seen.map((s) => s.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(final).toMatchObject({ state: 'done', done: 3000, total: 3000, matched: 2000, unmatched: 1000 });
    expect(final.unmatchedRows).toHaveLength(500);
  });
});
