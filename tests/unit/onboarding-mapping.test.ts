// Which column holds which field: the names offices write (exact is sure, containing is a
// guess, units in brackets and two-row groups aside), the look of the values, one field per
// column, the user's remembered choice, and the required fields left for the user to choose.
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../server/analysis/onboarding/mapping';
import type { Column } from '../../server/analysis/onboarding/types';
import { LAYER_SPECS } from '../../server/domain/layers';

const columns = (headers: string[], samples: Record<string, string[]> = {}): Column[] =>
  headers.map((header, index) => ({ index, header, samples: samples[header] ?? [] }));

describe('suggestMapping', () => {
  it('is sure of headers offices write, after folding width, dropping units and reading the last part of a two-row header', () => {
    const spec = LAYER_SPECS.centres;
    const { mapping, fields, unsure } = suggestMapping(spec, columns(['序号', '中心名称', '类型', '面积（平方米）', '服务事项', '所属社区', '经度', '纬度', '基本情况/开放时间']));
    expect(mapping).toMatchObject({ name: '中心名称', kind: '类型', floorArea: '面积（平方米）', serviceItems: '服务事项', community: '所属社区', lng: '经度', lat: '纬度', hours: '基本情况/开放时间', code: null });
    expect(fields.floorArea!.confidence).toBe('sure');
    expect(unsure).toEqual([]);
  });

  it('guesses from a header containing a name, and leaves a required field guessed for the user to confirm', () => {
    const spec = LAYER_SPECS.areas;
    const { mapping, fields, unsure } = suggestMapping(spec, columns(['片区名称', '所属社区', '负责同志姓名', '负责人联系电话']));
    expect(mapping.phone).toBe('负责人联系电话');
    expect(fields.phone!.confidence).toBe('guess');
    expect(unsure).toEqual(['lead', 'phone']);
  });

  it('never gives one column to two fields, the better fit taking it', () => {
    const { mapping } = suggestMapping(LAYER_SPECS.communities, columns(['社区名称', '社区类型']));
    expect(mapping.name).toBe('社区名称');
    expect(mapping.kind).toBe('社区类型');
    expect(Object.values(mapping).filter((h) => h === '社区名称')).toHaveLength(1);
  });

  it('knows a column by its values: 11-digit mobiles, 12-digit codes, longitudes and latitudes of China', () => {
    const samples = { 备注: ['13812345678', '139 1234 5678'], 编码A: ['320981100001', '320981100002'], A: ['120.19', '120.2'], B: ['31.99', '32.01'] };
    const areas = suggestMapping(LAYER_SPECS.areas, columns(['片区名称', '所属社区', '负责人', '备注'], samples));
    expect([areas.mapping.phone, areas.fields.phone!.confidence]).toEqual(['备注', 'guess']);
    const towns = suggestMapping(LAYER_SPECS.towns, columns(['编码A', '名称'], samples));
    expect(towns.mapping.code).toBe('编码A');
    const centres = suggestMapping(LAYER_SPECS.centres, columns(['中心名称', 'A', 'B'], samples));
    expect([centres.mapping.lng, centres.mapping.lat]).toEqual(['A', 'B']);
  });

  it("follows the user's remembered choice while its columns are there, and falls back when they are not", () => {
    const spec = LAYER_SPECS.areas;
    const file = columns(['片区名称', '所属社区', '负责人', '联系电话', '备用电话']);
    const remembered = suggestMapping(spec, file, { phone: '备用电话', lead: null });
    expect(remembered.mapping).toMatchObject({ phone: '备用电话', lead: null });
    expect(remembered.fields.phone!.confidence).toBe('sure');
    expect(remembered.unsure).toEqual(['lead']);
    expect(suggestMapping(spec, file, { phone: '旧表的电话' }).mapping.phone).toBe('联系电话');
  });

  it('lists every column that might hold a field, likeliest first', () => {
    const { fields } = suggestMapping(LAYER_SPECS.areas, columns(['负责人电话', '联系电话', '地址']));
    expect(fields.phone!.candidates).toEqual(['联系电话', '负责人电话']);
    expect(fields.buildings!.candidates).toEqual([]);
  });
});
