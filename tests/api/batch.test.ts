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
const ADDED = ['社区', '片区', '片长', '电话', '匹配方式', '匹配度', '结果', '说明'];
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
      const added = [5, 6, 7, 8, 9, 10, 11].map((c) => row.getCell(c).value);
      if (truth && added[4] !== '未匹配') {
        matchedKnown++;
        expect(added.slice(0, 4)).toEqual([truth.community, truth.area, truth.lead, truth.phone]);
        expect(added[5]).toBeGreaterThan(0);
        expect(added[6]).toBe('已匹配');
      }
      if (!truth) expect([added[4], added[6]]).toEqual(['未匹配', '未找到']);
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
    expect(final).toMatchObject({ state: 'done', done: rows.length, matched: rows.length - GARBAGE.length, approximate: 0, unmatched: GARBAGE.length });

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
    expect(await res.json()).toMatchObject({ code: 'batch_no_such_column', error: '没有名为“street”的列；标题行有：住址, 家庭地址', errorEn: expect.stringContaining('住址, 家庭地址') });
  });

  it('suggests a column whose values read as addresses when no header says address, and says how it chose', async () => {
    const csv = new TextEncoder().encode(`id,who,where,phone\r\n1,张三,${[...known.keys()][0]},13800000000\r\n2,李四,${GARBAGE[0]},13800000001\r\n`);
    const { started, final } = await runBatch(csv, 'text/csv', staff);
    expect(started).toMatchObject({ column: 'where', columnBy: 'values', headers: ['id', 'who', 'where', 'phone'] });
    expect(final).toMatchObject({ matched: 1, unmatched: 1 });
  });

  it('asks for the column, listing the headers, when none looks like addresses (姓名,电话 never runs on the names)', async () => {
    const csv = new TextEncoder().encode('姓名,电话\r\n张三,13800000000\r\n李四,13800000001\r\n');
    const res = await upload(csv, 'text/csv', staff);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'batch_pick_column', params: { headers: ['姓名', '电话'] }, error: expect.stringContaining('姓名、电话') });
    const { started } = await runBatch(csv, 'text/csv', staff, `?column=${encodeURIComponent('姓名')}`);
    expect(started).toMatchObject({ column: '姓名', columnBy: 'user' });
  });

  it('takes 居住地址 or 家庭住址 by its header', async () => {
    for (const name of ['居住地址', '家庭住址']) {
      const { started } = await runBatch(new TextEncoder().encode(`姓名,${name}\r\n张三,${[...known.keys()][0]}\r\n`), 'text/csv', staff);
      expect(started).toMatchObject({ column: name, columnBy: 'header' });
    }
  });
});

describe('three classes, each downloadable, and corrections run again in place', () => {
  /** Sure, to check (a sound-alike of 港洲新城, estate only), a building the estate does not have, and nothing. */
  const SOUND_ALIKE = '港州新城三号楼';
  const NO_SUCH_BUILDING = '港洲新城50幢';

  async function classed() {
    const exact = [...known.keys()][0]!;
    const lines = [exact, SOUND_ALIKE, NO_SUCH_BUILDING, GARBAGE[0]!];
    const csv = new TextEncoder().encode(`姓名,地址\r\n${lines.map((l, i) => `居民${i},${l}`).join('\r\n')}\r\n`);
    return { lines, ...(await runBatch(csv, 'text/csv', staff, `?name=${encodeURIComponent('名单.csv')}`)) };
  }
  const download = async (id: string, rowClass: string) => {
    const res = await api.request(`/api/lookup/batch/${id}/download/${rowClass}`, { cookie: staff });
    expect(res.status).toBe(200);
    return { name: decodeURIComponent(res.headers.get('content-disposition')!), rows: decodeCsv(await res.arrayBuffer()) };
  };

  it('counts matched, approximate and not found, says why a row is to be checked, and never answers a building that does not exist', async () => {
    const { final } = await classed();
    expect(final).toMatchObject({ matched: 1, approximate: 1, unmatched: 2 });
    const review = final.reviewRows!;
    expect(review.map((r) => [r.row, r.class])).toEqual([
      [3, 'approximate'],
      [4, 'unmatched'],
      [5, 'unmatched'],
    ]);
    expect(review[0]!.found).toMatchObject({ address: expect.stringContaining('港洲新城3幢') });
    expect(review[0]!.reasons.length).toBeGreaterThan(0);
    expect(review[1]!.found).toBeNull();
    expect(review[1]!.reasons.map((r) => r.zh).join()).toMatch(/没有找到50幢；港洲新城有1-\d+幢/);
  });

  it('gives each class as a file of its own, with the row numbers and the result column', async () => {
    const { started, final } = await classed();
    for (const [rowClass, label, count] of [['matched', '已匹配', final.matched], ['approximate', '请核对', final.approximate], ['unmatched', '未找到', final.unmatched]] as const) {
      const { name, rows } = await download(started.id, rowClass);
      expect(name).toContain(`名单-${label}.csv`);
      const [header, ...body] = rows;
      expect(header).toEqual(['行号', '姓名', '地址', ...ADDED]);
      expect(body).toHaveLength(count);
      for (const r of body) expect(r[9]).toBe(label);
    }
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRows([['地址'], [SOUND_ALIKE]]);
    const xlsx = await runBatch(new Uint8Array(await workbook.xlsx.writeBuffer()), XLSX, staff);
    const res = await api.request(`/api/lookup/batch/${xlsx.started.id}/download/approximate`, { cookie: staff });
    expect(res.headers.get('content-type')).toBe(XLSX);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await res.arrayBuffer());
    expect(back.getWorksheet('请核对')!.getRow(2).getCell(2).value).toBe(SOUND_ALIKE);
  });

  it('matches corrected rows again, only those, moves them to their new class and writes the correction into the downloads', async () => {
    const { started, lines } = await classed();
    const fixed = [...known.keys()][1]!;
    const res = await api.post(`/api/lookup/batch/${started.id}/rows`, { rows: [{ row: 5, address: fixed }] }, staff);
    expect(res.status).toBe(200);
    const after = (await res.json()) as BatchStatus;
    expect(after).toMatchObject({ matched: 2, approximate: 1, unmatched: 1 });
    expect(after.reviewRows!.map((r) => r.row)).toEqual([3, 4]);
    const [, ...result] = decodeCsv(await (await api.request(`/api/lookup/batch/${started.id}/result`, { cookie: staff })).arrayBuffer());
    expect(result.map((r) => r[1])).toEqual([lines[0], lines[1], lines[2], fixed]);
    const truth = known.get(fixed)!;
    expect(result[3]!.slice(2, 6)).toEqual([truth.community, truth.area, truth.lead, truth.phone]);
    expect((await download(started.id, 'matched')).rows.slice(1).map((r) => r[0])).toEqual(['2', '5']);
    // A correction that still finds nothing stays where it was.
    const again = await api.post(`/api/lookup/batch/${started.id}/rows`, { rows: [{ row: 4, address: GARBAGE[1] }] }, staff);
    expect(await again.json()).toMatchObject({ matched: 2, approximate: 1, unmatched: 1 });
  });

  it('refuses corrections of rows the file does not have, bad bodies, and anybody but the owner', async () => {
    const { started } = await classed();
    const fix = (body: unknown, cookie = staff) => api.post(`/api/lookup/batch/${started.id}/rows`, body, cookie);
    const missing = await fix({ rows: [{ row: 99, address: '某地' }] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'batch_no_such_row', error: '文件里没有第 99 行数据' });
    for (const body of [{ rows: [] }, { rows: [{ row: 3, address: ' ' }] }, { rows: [{ row: 3, address: 'a' }, { row: 3, address: 'b' }] }, { rows: [{ row: 3 }] }]) {
      expect((await fix(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await fix({ rows: [{ row: 3, address: '某地' }] }, admin)).status).toBe(404);
    const status = await (await api.request(`/api/lookup/batch/${started.id}`, { cookie: staff })).json();
    expect(status).toMatchObject({ matched: 1, approximate: 1, unmatched: 2 });
  });
});

describe('names that look like formulas', () => {
  it('are text in the CSV (a leading apostrophe) and text cells in the .xlsx', async () => {
    const [address, truth] = [...known.entries()][0]!;
    const { db, region } = api.ctx;
    const area = await db.knex('contracted_areas').where({ region, name: truth.area }).first('id');
    // Through the one write path, as every write goes, so the look-up's memory hears of it.
    const rename = (name: string) =>
      db.write(async (trx, touch) => {
        await trx('contracted_areas').where({ region, id: area.id }).update({ name });
        touch('contracted_areas', { region, id: area.id });
      });
    await rename('=1+2');
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
      await rename(truth.area);
    }
  });
});

describe('bad uploads', () => {
  const cases: Array<[string, Uint8Array, string, number, RegExp]> = [
    ['a type that is neither CSV nor .xlsx', new TextEncoder().encode('地址\n某地'), 'text/plain', 415, /CSV/],
    ['an empty file', new Uint8Array(), 'text/csv', 400, /empty/],
    ['a header without rows', new TextEncoder().encode('地址\r\n'), 'text/csv', 400, /no rows/],
    ['no column that could be an address', new TextEncoder().encode('id,phone\n1,13800000000\n2,13800000001\n'), 'text/csv', 400, /no column looks like addresses/],
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
    expect(body.errorEn).toMatch(message);
    expect([body.code, body.error]).toEqual([expect.stringMatching(/^batch_/), expect.stringMatching(/\p{Script=Han}/u)]);
    expect(body.id).toBeUndefined();
  });

  it('asks the anonymous to log in before reading a byte', async () => {
    expect((await upload(new TextEncoder().encode('地址\n某地'), 'text/csv')).status).toBe(401);
  });
});

describe('whose batch it is', () => {
  it("answers another user's requests for a job with 404, and the owner's with the job", async () => {
    const { started } = await runBatch(new TextEncoder().encode(`地址\r\n${[...known.keys()][0]}\r\n`), 'text/csv', staff);
    for (const suffix of ['', '/result', '/unmatched', '/download/matched']) {
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
