// Reading the files a county hands over: workbooks as offices keep them (written here with
// exceljs: a title above the header, a header merged over two rows, numbers as text, blank,
// note and total rows, full-width characters, formulas, the header repeated on every printed
// page), CSV without merges, GIS files as features, and the limits on rows and unzipped bytes.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FileProblem } from '../../server/analysis/areas-io/problem';
import { readSource } from '../../server/analysis/onboarding/source';
import { unzipWithin } from '../../server/analysis/onboarding/zip-guard';
import type { Source, TableSource } from '../../server/analysis/onboarding/types';
import { LAYER_SPECS } from '../../server/domain/layers';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function problemOf(reading: Promise<Source>): Promise<FileProblem> {
  try {
    await reading;
  } catch (err) {
    if (err instanceof FileProblem) return err;
    throw err;
  }
  throw new Error('the file was read');
}

const asTable = (source: Source): TableSource => {
  if (source.kind !== 'table') throw new Error(`read as ${source.kind}`);
  return source;
};
const cellsOf = (table: TableSource, header: string) => {
  const column = table.columns.find((c) => c.header === header);
  if (!column) throw new Error(`no column ${header} in ${table.columns.map((c) => c.header).join(', ')}`);
  return table.rows.map((r) => r.cells[column.index]);
};

/** An organisations roster as a town office keeps it. */
const roster = (wb: ExcelJS.Workbook) => {
  const ws = wb.addWorksheet('党组织');
  ws.addRow(['江城街道党组织基本情况统计表']);
  ws.mergeCells('A1:G1');
  ws.addRow(['填报单位：江城街道党工委　　　　　填报日期：2026年11月']);
  ws.addRow(['序号', '党组织名称', '组织类别', '基本情况', null, '书记', '所在单位']);
  ws.addRow([null, null, null, '党员数', '党员志愿者', null, null]);
  ws.mergeCells('D3:E3');
  for (const c of 'ABCFG') ws.mergeCells(`${c}3:${c}4`);
  ws.addRow([1, '江城街道党工委 ', '党委', '９３０', { formula: 'D5/10', result: 93 }, '孙勇忠', '江城街道']);
  ws.addRow([2, '桃康社区党委', '党委', '1,203', '40', '王 芳', '桃康社区']);
  ws.addRow([]);
  ws.addRow([3, '桃康社区第一片区党支部', '党支部', 38, 5, '李强  ', '桃康社区第一片区']);
  ws.addRow([null, '合  计', null, 2171, 138]);
  ws.addRow(['注：党员数以 2026 年 10 月底党员统计为准。']);
  ws.mergeCells('A10:G10');
  ws.addRow(['填表人：张三', null, null, '审核人：李四']);
};

describe('an .xlsx roster as offices keep it', () => {
  it('finds the header below the title rows and names two-row merged headers by their group', async () => {
    const table = asTable(await readSource({ name: '党组织.xlsx', bytes: await workbook(roster) }, { spec: LAYER_SPECS.organisations }));
    expect(table.sheet).toBe('党组织');
    expect(table.headerLines).toEqual([3, 4]);
    expect(table.columns.map((c) => c.header)).toEqual(['序号', '党组织名称', '组织类别', '基本情况/党员数', '基本情况/党员志愿者', '书记', '所在单位']);
  });

  it('says which lines it skipped and why: titles, blanks, totals and notes', async () => {
    const table = asTable(await readSource({ name: '党组织.xlsx', bytes: await workbook(roster) }, { spec: LAYER_SPECS.organisations }));
    expect(table.rows.map((r) => r.line)).toEqual([5, 6, 8]);
    expect(table.skipped).toEqual([
      { line: 1, reason: 'title' }, { line: 2, reason: 'title' }, { line: 7, reason: 'blank' },
      { line: 9, reason: 'total' }, { line: 10, reason: 'note' }, { line: 11, reason: 'note' },
    ]);
  });

  it('gives normalised text: full-width digits, trailing and inner spaces, formula results, numbers', async () => {
    const table = asTable(await readSource({ name: '党组织.xlsx', bytes: await workbook(roster) }, { spec: LAYER_SPECS.organisations }));
    expect(cellsOf(table, '党组织名称')).toEqual(['江城街道党工委', '桃康社区党委', '桃康社区第一片区党支部']);
    expect(cellsOf(table, '基本情况/党员数')).toEqual(['930', '1,203', '38']);
    expect(cellsOf(table, '基本情况/党员志愿者')).toEqual(['93', '40', '5']);
    expect(cellsOf(table, '书记')).toEqual(['孙勇忠', '王 芳', '李强']);
    expect(table.columns.find((c) => c.header === '组织类别')!.samples).toEqual(['党委', '党委', '党支部']);
  });

  it('skips the header repeated on each printed page and carries a cell merged down the rows to each of them', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('旧村名');
      ws.addRow(['所属社区', '旧村名']);
      ws.addRow(['桃康社区', '蒋庄村']);
      ws.addRow([null, '李庄村']);
      ws.mergeCells('A2:A3');
      ws.addRow(['所属社区', '旧村名']);
      ws.addRow(['沿江社区', '王庄村']);
    });
    const table = asTable(await readSource({ name: 'aliases.xlsx', bytes }, { spec: LAYER_SPECS.aliases }));
    expect(table.rows.map((r) => r.cells)).toEqual([['桃康社区', '蒋庄村'], ['桃康社区', '李庄村'], ['沿江社区', '王庄村']]);
    expect(table.skipped).toEqual([{ line: 4, reason: 'repeated_header' }]);
  });

  it('reads the first sheet shown unless one is named, and lists the sheets when the named one is missing', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('字典', { state: 'hidden' }).addRows([['类别'], ['党委']]);
      wb.addWorksheet('一月').addRows([['社区', '旧村名'], ['桃康社区', '蒋庄村']]);
      wb.addWorksheet('二月').addRows([['社区', '旧村名'], ['沿江社区', '王庄村']]);
    });
    expect(asTable(await readSource({ name: 'a.xlsx', bytes })).sheet).toBe('一月');
    const second = asTable(await readSource({ name: 'a.xlsx', bytes }, { sheet: '二月' }));
    expect([second.sheet, second.sheets, second.rows[0]!.cells]).toEqual(['二月', ['字典', '一月', '二月'], ['沿江社区', '王庄村']]);
    const missing = await problemOf(readSource({ name: 'a.xlsx', bytes }, { sheet: '三月' }));
    expect([missing.code, missing.params]).toEqual(['import_sheet_missing', { sheet: '三月', sheets: ['字典', '一月', '二月'] }]);
  });

  it('refuses a sheet with more data rows than the limit, and one without a header', async () => {
    const rows = await workbook((wb) => wb.addWorksheet('s').addRows([['社区', '旧村名'], ...Array.from({ length: 11 }, (_, i) => ['桃康社区', `村${i}`])]));
    const tooMany = await problemOf(readSource({ name: 'a.xlsx', bytes: rows }, { maxRows: 10 }));
    expect([tooMany.code, tooMany.params.max]).toEqual(['import_too_many_rows', 10]);
    expect(asTable(await readSource({ name: 'a.xlsx', bytes: rows }, { maxRows: 11 })).rows).toHaveLength(11);
    const numbers = await workbook((wb) => wb.addWorksheet('s').addRows([[1, 2, 3], [4, 5, 6]]));
    expect((await problemOf(readSource({ name: 'a.xlsx', bytes: numbers }))).code).toBe('import_no_header');
  });
});

describe('a CSV', () => {
  it('finds a two-row header without merges by the gap under its group', async () => {
    const csv = '江城街道楼栋统计表,,,,\n楼栋编号,地址,基本情况,,党员数\n,,户数,人口,\nB000001,江城街道1幢,51,141,6\n合计,,51,141,6\n';
    const table = asTable(await readSource({ name: 'buildings.csv', bytes: strToU8(csv) }, { spec: LAYER_SPECS.buildings }));
    expect(table.headerLines).toEqual([2, 3]);
    expect(table.columns.map((c) => c.header)).toEqual(['楼栋编号', '地址', '基本情况/户数', '基本情况/人口', '党员数']);
    expect(table.rows.map((r) => r.cells)).toEqual([['B000001', '江城街道1幢', '51', '141', '6']]);
    expect(table.encoding).toBe('utf-8');
  });

  it('takes a first data row of text for data, not for more header', async () => {
    const csv = '所属社区,旧村名\n桃康社区,蒋庄村\n';
    const table = asTable(await readSource({ name: 'aliases.csv', bytes: strToU8(csv) }, { spec: LAYER_SPECS.aliases }));
    expect([table.headerLines, table.rows.length]).toEqual([[1], 1]);
  });
});

describe('GIS files and what is not a file we read', () => {
  it('reads GeoJSON as features with a column per property and its first values', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [1, 2, 3].map((i) => ({ type: 'Feature', properties: { 楼栋编号: `B00000${i}`, 户数: i * 10, 备注: i === 2 ? '新建' : null }, geometry: { type: 'Point', coordinates: [120 + i / 100, 32] } })),
    };
    const source = await readSource({ name: 'buildings.geojson', bytes: strToU8(JSON.stringify(geojson)) });
    if (source.kind !== 'features') throw new Error('not features');
    expect(source.columns).toEqual([
      { index: 0, header: '楼栋编号', samples: ['B000001', 'B000002', 'B000003'] },
      { index: 1, header: '户数', samples: ['10', '20', '30'] },
      { index: 2, header: '备注', samples: ['新建'] },
    ]);
    expect(source.features).toHaveLength(3);
  });

  it('reads KML and zipped shapefiles as features, and counts a .dbf\'s records against the limit before reading them', async () => {
    const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures', name)));
    const kml = await readSource({ name: 'areas.kml', bytes: fixture('areas/areas.kml') });
    expect(kml.kind === 'features' && [kml.features.length, kml.declared?.label]).toEqual([4, 'EPSG:4326']);
    expect(kml.columns.map((c) => c.header)).toContain('name');
    const villages = await readSource({ name: 'villages.zip', bytes: fixture('city/villages.zip') });
    expect(villages.kind === 'features' && [villages.features.length, villages.declared?.label, villages.encoding]).toEqual([40, 'EPSG:4528', 'gb18030']);
    const tooMany = await problemOf(readSource({ name: 'villages.zip', bytes: fixture('city/villages.zip') }, { maxRows: 39 }));
    expect([tooMany.code, tooMany.params]).toEqual(['import_too_many_rows', { max: 39, count: 40 }]);
  });

  it('refuses a zip that declares more unpacked bytes than allowed, before inflating it', async () => {
    const zip = zipSync({ 'big.shp': new Uint8Array(2_000_000), 'big.dbf': new Uint8Array(10) });
    const problem = await problemOf(readSource({ name: 'big.zip', bytes: zip }, { maxUnzippedBytes: 1_000_000 }));
    expect([problem.code, problem.params]).toEqual(['import_zip_too_large', { size: 2_000_010, max: 1_000_000 }]);
    expect(problem.message).toMatch(/unpacks to 2 MB, more than the limit of 1 MB/);
  });

  it('refuses an entry that inflates past the size the zip declares for it, when the zip lies', () => {
    const zip = zipSync({ 'a.dbf': new Uint8Array(1_000_000) });
    const view = new DataView(zip.buffer);
    const directory = zip.findIndex((_, i) => i + 4 <= zip.length && view.getUint32(i, true) === 0x02014b50);
    view.setUint32(directory + 24, 1000, true);
    let refused: unknown;
    try {
      unzipWithin(zip, 10_000);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(FileProblem);
    expect((refused as FileProblem).code).toBe('zip_size_lies');
    expect((refused as FileProblem).params).toEqual({ name: 'a.dbf', size: 1000 });
  });

  it('refuses entries whose bytes overlap, before inflating any', () => {
    const zip = zipSync({ 'a.dbf': new Uint8Array(1000), 'b.dbf': new Uint8Array(1000) });
    const view = new DataView(zip.buffer);
    const headers = [...zip.keys()].filter((i) => i + 4 <= zip.length && view.getUint32(i, true) === 0x02014b50);
    // The second entry's directory record points at the first entry's bytes.
    view.setUint32(headers[1]! + 42, view.getUint32(headers[0]! + 42, true), true);
    expect(() => unzipWithin(zip, 10_000)).toThrow(expect.objectContaining({ code: 'zip_overlapping' }));
  });

  it('refuses an old .xls by its bytes and a file of no format by its name', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await problemOf(readSource({ name: '名单.xlsx', bytes: xls }))).code).toBe('import_xls_old');
    expect((await problemOf(readSource({ name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]) }))).code).toBe('import_format_unknown');
    expect((await problemOf(readSource({ name: 'empty.csv', bytes: new Uint8Array() }))).code).toBe('import_file_empty');
  });
});
