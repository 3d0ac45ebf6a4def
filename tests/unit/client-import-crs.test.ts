// The coordinate systems the import wizard offers: an ambiguous file's candidates with the
// suggested one first; a file in degrees with GCJ-02 and BD-09 as explicit choices (Y-first kept);
// a projected file only itself; the server's choice for each label; typed EPSG codes read or refused.
import { describe, expect, it } from 'vitest';
import type { LayerCrs } from '../../server/features/import/types';
import { choiceOf, crsOptions, inDegrees, typedCrs } from '../../client/features/import/crs';

describe('coordinate-system choices', () => {
  it('puts the suggested candidate first and marks it, without choosing it', () => {
    const crs: LayerCrs = { status: 'ambiguous', used: null, candidates: ['EPSG:4548', 'EPSG:4549', 'EPSG:4550'], suggested: 'EPSG:4549' };
    expect(crsOptions(crs)).toEqual([
      { value: 'EPSG:4549', label: 'EPSG:4549', kind: 'suggested' },
      { value: 'EPSG:4548', label: 'EPSG:4548', kind: 'candidate' },
      { value: 'EPSG:4550', label: 'EPSG:4550', kind: 'candidate' },
    ]);
    expect(crsOptions({ ...crs, suggested: undefined }).map((o) => o.kind)).toEqual(['candidate', 'candidate', 'candidate']);
  });

  it('offers GCJ-02 and BD-09 for a file in degrees, and plain CGCS2000 back once a web map was chosen', () => {
    const detected: LayerCrs = { status: 'detected', used: 'EPSG:4490', candidates: [] };
    expect(crsOptions(detected).map((o) => [o.value, o.kind])).toEqual([['EPSG:4490', 'current'], ['gcj02', 'webmap'], ['bd09', 'webmap']]);
    const chosen: LayerCrs = { status: 'chosen', used: 'GCJ-02', candidates: [] };
    expect(crsOptions(chosen).map((o) => [o.value, o.kind])).toEqual([['gcj02', 'current'], ['bd09', 'webmap'], ['EPSG:4490', 'degrees']]);
  });

  it('keeps Y before X in every choice of a file that writes latitude first', () => {
    const swapped: LayerCrs = { status: 'detected', used: 'EPSG:4490:yx', candidates: [] };
    expect(crsOptions(swapped).map((o) => o.value)).toEqual(['EPSG:4490:yx', 'gcj02:yx', 'bd09:yx']);
  });

  it('offers a projected file only its own system, and nothing for a table without places', () => {
    expect(crsOptions({ status: 'declared', used: 'EPSG:4549', candidates: [] })).toEqual([{ value: 'EPSG:4549', label: 'EPSG:4549', kind: 'current' }]);
    expect(crsOptions({ status: 'none', used: null, candidates: [] })).toEqual([]);
  });

  it('names each system as the server takes it', () => {
    expect(['GCJ-02', 'BD-09', 'EPSG:4549', 'EPSG:4528:yx', 'GCJ-02:yx'].map(choiceOf)).toEqual(['gcj02', 'bd09', 'EPSG:4549', 'EPSG:4528:yx', 'gcj02:yx']);
  });

  it('tells degrees from metres', () => {
    expect(['EPSG:4326', 'EPSG:4490:yx', 'GCJ-02', 'BD-09'].every(inDegrees)).toBe(true);
    expect([inDegrees('EPSG:4549'), inDegrees('EPSG:3857'), inDegrees(null)]).toEqual([false, false, false]);
  });

  it('reads a typed EPSG code in the ways people type it, and refuses anything else', () => {
    expect([typedCrs('4549'), typedCrs(' epsg:4528 '), typedCrs('EPSG 4549:yx')]).toEqual(['EPSG:4549', 'EPSG:4528', 'EPSG:4549:yx']);
    expect([typedCrs(''), typedCrs('45'), typedCrs('CGCS2000'), typedCrs('4549x')]).toEqual([null, null, null, null]);
  });
});
