// From a read file and its mapping to a layer's records: values parsed by field type, places
// from features or coordinate columns in the file's system, and each problem with its row or
// feature, field and value; a mapping that cannot be used is refused as a whole.
import type { Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CrsNeeded, FileProblem } from '../../server/analysis/areas-io/problem';
import { crsFromChoice, positionConverter } from '../../server/analysis/areas-io/projections';
import { positionsOf, toRecords } from '../../server/analysis/onboarding/records';
import type { FeaturesSource, TableSource } from '../../server/analysis/onboarding/types';
import { LAYER_SPECS } from '../../server/domain/layers';
import { say } from '../../server/domain/messages';

function table(headers: string[], rows: string[][], firstLine = 3): TableSource {
  return {
    kind: 'table', sheet: 's', sheets: ['s'], headerLines: [firstLine - 1], skipped: [],
    columns: headers.map((header, index) => ({ index, header, samples: [] })),
    rows: rows.map((cells, i) => ({ line: firstLine + i, cells })),
  };
}

function features(list: { properties: Record<string, unknown>; geometry: unknown }[], more: Partial<FeaturesSource> = {}): FeaturesSource {
  const keys = [...new Set(list.flatMap((f) => Object.keys(f.properties)))];
  return { kind: 'features', features: list, columns: keys.map((header, index) => ({ index, header, samples: [] })), ...more };
}

const square = (x: number, y: number, d: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

describe('toRecords from a table', () => {
  const centres = table(['中心名称', '类型', '面积', '地址', '经度', '纬度'], [
    ['桃康社区党员人才服务中心', '党群服务中心', '1,720', '桃康新村1幢', '120.1952097', '31.9960874'],
    ['沿江社区便民服务站', '便民服务站', '约300', '沿江路8号', '', ''],
    ['', '劳动保障站', '200', '', '120.2', ''],
    ['某中心', '图书馆', '150', '', '', ''],
  ]);
  const mapping = { name: '中心名称', kind: '类型', floorArea: '面积', address: '地址', lng: '经度', lat: '纬度' };

  it('parses each field by its type and places a row by its longitude and latitude', () => {
    const { records } = toRecords(LAYER_SPECS.centres, centres, mapping);
    expect(records[0]).toMatchObject({
      line: 3,
      values: { name: '桃康社区党员人才服务中心', kind: 'party_service', floorArea: 1720, address: '桃康新村1幢', code: null, radius: null },
      geometry: { type: 'Point', coordinates: [120.1952097, 31.9960874] },
    });
    expect(records).toHaveLength(4);
  });

  it('names the row, the field and the value of every problem; a row without coordinates but with an address is a warning', () => {
    const { problems } = toRecords(LAYER_SPECS.centres, centres, mapping);
    expect(problems.map((p) => [p.line, p.field, p.code, p.severity])).toEqual([
      [4, 'floorArea', 'cell_approximate', 'error'],
      [4, undefined, 'record_located_by_address', 'warning'],
      [5, 'name', 'record_required_empty', 'error'],
      [5, undefined, 'record_half_point', 'error'],
      [6, 'kind', 'cell_choice', 'error'],
      [6, undefined, 'record_no_point', 'error'],
    ]);
    const sentences = problems.slice(0, 4).map((p) => say(p, 'zh'));
    expect(sentences).toEqual([
      '第 4 行“面积（平方米）”：“约300”是估计值，请填写确切的数',
      '第 4 行：没有坐标，将按地址“沿江路8号”定位',
      '第 5 行“中心名称”：必填，但是空的',
      '第 5 行：缺少纬度：坐标须成对填写',
    ]);
  });

  it('reads X/Y columns only in a system the user chose', () => {
    const grid = table(['结对单位', '单位类别', '结对社区', 'X', 'Y'], [['市委办公室机关党支部', '机关', 'C128', '518765.4', '3540321.2']]);
    const mapping = { orgName: '结对单位', orgKind: '单位类别', community: '结对社区', x: 'X', y: 'Y' };
    expect(() => toRecords(LAYER_SPECS.pairings, grid, mapping)).toThrow(/X\/Y columns are projected metres/);
    const cm120 = crsFromChoice('4549')!;
    const { records, problems } = toRecords(LAYER_SPECS.pairings, grid, mapping, cm120);
    expect(problems).toEqual([]);
    const expected = positionConverter(cm120)([518765.4, 3540321.2]);
    expect((records[0]!.geometry as Point).coordinates).toEqual(expected);
  });
});

describe('toRecords from features', () => {
  it("moves boundaries into WGS84 from the file's system and refuses a point where a boundary belongs", () => {
    const gk40 = crsFromChoice('4528')!;
    const source = features([
      { properties: { 名称: '江城街道', 行政区代码: 320981001000 }, geometry: square(40_520_000, 3_540_000, 1000) },
      { properties: { 名称: '城南街道', 行政区代码: '320981002000' }, geometry: { type: 'Point', coordinates: [40_520_000, 3_540_000] } },
      { properties: { 名称: '新港街道', 行政区代码: null }, geometry: null },
    ], { declared: gk40 });
    const { records, problems } = toRecords(LAYER_SPECS.towns, source, { name: '名称', code: '行政区代码' });
    const ring = (records[0]!.geometry as Polygon).coordinates[0]!;
    expect(ring[0]).toEqual(positionConverter(gk40)([40_520_000, 3_540_000]));
    expect(records[0]!.values.code).toBe('320981001000');
    expect(problems.map((p) => [p.line, p.code, p.params.type])).toEqual([[2, 'record_geometry_type', 'Point'], [3, 'record_no_geometry', undefined]]);
    expect(say(problems[0]!, 'zh')).toBe('第 2 个要素：图形是 Point，本图层需要面（多边形）');
  });

  it("passes the geometry gate's own code and place on, in both languages", () => {
    const open = { type: 'Polygon', coordinates: [[[120, 32], [120.01, 32], [120.01, 32.01], [120, 32.01]]] };
    const { problems } = toRecords(LAYER_SPECS.communities, features([{ properties: { 社区名称: '桃康社区', 所属镇街: 'T01', 社区类型: '城市社区' }, geometry: open }]), { name: '社区名称', town: '所属镇街', kind: '社区类型' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'record_geometry', params: { problemCode: 'geometry_ring_not_closed' }, where: { ring: 0, position: 3 } });
    expect(say(problems[0]!, 'en')).toMatch(/^feature 1: /);
  });

  it("turns a building's footprint into a point inside it, keeping the footprint", () => {
    const outline = square(120.1, 32.1, 0.0002);
    const { records, problems } = toRecords(LAYER_SPECS.buildings, features([{ properties: { 地址: '桃康新村1幢' }, geometry: outline }]), { address: '地址' });
    expect(problems).toEqual([]);
    expect(records[0]!.footprint).toEqual(outline);
    const [lng, lat] = (records[0]!.geometry as Point).coordinates;
    expect([lng! > 120.1 && lng! < 120.1002, lat! > 32.1 && lat! < 32.1002]).toEqual([true, true]);
  });

  it('asks for the system of a shapefile without .prj', () => {
    const source = features([{ properties: { 名称: '江城街道' }, geometry: square(520_000, 3_540_000, 1000) }], { undeclared: true });
    expect(() => toRecords(LAYER_SPECS.towns, source, { name: '名称' })).toThrow(CrsNeeded);
  });
});

describe('a mapping that cannot be used', () => {
  const grid = table(['片区名称', '所属社区', '负责人'], [['第一片区', 'C001', '张三']]);

  function refusal(mapping: Record<string, string | null>) {
    try {
      toRecords(LAYER_SPECS.areas, grid, mapping);
    } catch (err) {
      if (err instanceof FileProblem) return [err.code, err.params];
      throw err;
    }
    return 'accepted';
  }

  it('is refused when it leaves a required field without a column, names a column the file lacks or a field the layer lacks', () => {
    expect(refusal({ name: '片区名称', community: '所属社区', lead: '负责人' })).toEqual(['import_mapping_missing', { fields: ['联系电话'], fieldsEn: ['phone'] }]);
    expect(refusal({ name: '片区名称', community: '所属社区', lead: '负责人', phone: '电话' })).toMatchObject(['import_mapping_unknown_column', { column: '电话', columns: ['片区名称', '所属社区', '负责人'] }]);
    expect(refusal({ name: '片区名称', colour: '负责人' })).toMatchObject(['import_mapping_unknown_field', { field: 'colour' }]);
  });
});

describe('positionsOf', () => {
  it('gives positions as written, for the system to be judged by: first vertices of features, coordinate columns of rows', () => {
    const shapes = features([1, 2, 3].map((i) => ({ properties: {}, geometry: square(40_500_000 + i, 3_540_000, 10) })));
    expect(positionsOf(LAYER_SPECS.towns, shapes, {}, 2)).toEqual([[40_500_001, 3_540_000], [40_500_003, 3_540_000]]);
    const rows = table(['中心名称', '经度', '纬度'], [['a', '120.1', '32.1'], ['b', '', ''], ['c', '东经120°30′', '32']]);
    expect(positionsOf(LAYER_SPECS.centres, rows, { name: '中心名称', lng: '经度', lat: '纬度' })).toEqual([[120.1, 32.1], [120.5, 32]]);
  });
});
