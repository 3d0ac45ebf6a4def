// A layer's columns in the import wizard: every field with its column (the server's suggestion
// or the admin's change), the required ones still unanswered, only the changes sent, and the
// file's columns with the fields they are read as over the first rows.
import { describe, expect, it } from 'vitest';
import type { ImportLayerState } from '../../server/features/import/types';
import { fieldRows, fieldsByColumn, mappingChanges, missingFields, sampleRows } from '../../client/features/import/mapping';

const areas: ImportLayerState = {
  layer: 'areas', file: 'areas.xlsx', format: 'xlsx', sheet: '片区', sheets: ['片区'], skipped: [],
  columns: [
    { header: '片区名称', samples: ['第一片区', '第二片区'] },
    { header: '社区', samples: ['C001', 'C001'] },
    { header: '姓名', samples: ['王芳'] },
    { header: '电话', samples: ['13812345678', '13812345679'] },
  ],
  fields: {
    name: { column: '片区名称', confidence: 'sure', candidates: ['片区名称'] },
    community: { column: '社区', confidence: 'sure', candidates: ['社区'] },
    lead: { column: null, confidence: 'none', candidates: [] },
    phone: { column: '电话', confidence: 'guess', candidates: ['电话'] },
  },
  mapping: { name: '片区名称', community: '社区', lead: null, phone: '电话' },
  unsure: ['lead', 'phone'],
  crs: { status: 'none', used: null, candidates: [] },
  mode: 'replace', rows: null, rowProblems: 0, rowErrors: 0, problems: [], preview: [],
};

describe('the fields of a layer', () => {
  it('lists every field with its column and how sure the suggestion is; required unsure fields stand out until answered', () => {
    const rows = fieldRows(areas);
    expect(rows.map((r) => r.name)).toEqual(['code', 'name', 'community', 'lead', 'phone', 'buildings']);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.phone).toMatchObject({ column: '电话', confidence: 'guess', required: true, unsure: false });
    expect(byName.lead).toMatchObject({ column: null, confidence: 'none', required: true, unsure: true });
    expect(byName.code).toMatchObject({ column: null, required: false, unsure: false });
    expect(missingFields(rows).map((r) => r.name)).toEqual(['lead']);
    const answered = fieldRows(areas, { lead: '姓名' });
    expect(answered.find((r) => r.name === 'lead')).toMatchObject({ column: '姓名', unsure: false });
    expect(missingFields(answered)).toEqual([]);
  });

  it('takes a required field’s column away when the admin says none', () => {
    expect(missingFields(fieldRows(areas, { lead: '姓名', name: null })).map((r) => r.name)).toEqual(['name']);
  });

  it('offers longitude, latitude and metres only for tables: a feature file has its own places', () => {
    const centres = { ...areas, layer: 'centres' as const, mapping: {}, fields: {}, unsure: [] };
    expect(fieldRows(centres).map((r) => r.name)).toEqual(expect.arrayContaining(['lng', 'lat', 'x', 'y']));
    expect(fieldRows({ ...centres, format: 'shapefile' }).map((r) => r.name)).not.toEqual(expect.arrayContaining(['lng']));
  });

  it('sends only what differs from the mapping the server holds', () => {
    expect(mappingChanges(areas, { lead: '姓名', name: '片区名称', code: null })).toEqual({ lead: '姓名' });
  });

  it('names for each column the fields read from it, and lines up the first rows', () => {
    const readAs = fieldsByColumn(fieldRows(areas, { lead: '姓名', code: '片区名称' }));
    expect(readAs.get('片区名称')!.map((r) => r.name)).toEqual(['code', 'name']);
    expect(readAs.has('不存在')).toBe(false);
    expect(sampleRows(areas)).toEqual([
      ['第一片区', 'C001', '王芳', '13812345678'],
      ['第二片区', 'C001', '', '13812345679'],
    ]);
  });
});
