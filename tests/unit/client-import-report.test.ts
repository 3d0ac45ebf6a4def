// The import's report as the wizard reads it: errors first in layer order, filtered by kind,
// layer and words, counted per layer; each problem's place (its own geometry or point, else its
// row's place in the staged layer) and the box to fly to; the towns' totals added up.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ImportProblem, PreviewCollection, TownTotals } from '../../server/features/import/types';
import { boxOf, cityTotals, countByLayer, filterProblems, NO_FILTER, problemPlace, sortProblems } from '../../client/features/import/report';

const square: Polygon = { type: 'Polygon', coordinates: [[[120, 31], [120.1, 31], [120.1, 31.2], [120, 31.2], [120, 31]]] };
const problem = (p: Partial<ImportProblem> & Pick<ImportProblem, 'layer' | 'code'>): ImportProblem => ({ severity: 'error', message: p.code, messageEn: p.code, ...p }) as ImportProblem;

const problems = [
  problem({ layer: 'centres', code: 'record_located_by_address', severity: 'warning', row: 8, message: '第 8 行：按地址定位' }),
  problem({ layer: 'buildings', code: 'building_in_no_community', row: 12, id: 'B000012', message: '楼栋“桃康新村1幢”不在任何社区内' }),
  problem({ layer: 'towns', code: 'overlap', geometry: square, message: '“江城街道”与“白沙镇”重叠 20 m²' }),
  problem({ layer: 'buildings', code: 'duplicate_code', row: 3, message: '代码“B000001”与第 2 行重复' }),
];

describe('the problem list', () => {
  it('lists errors before warnings, then by layer in reading order, then by row', () => {
    expect(sortProblems(problems).map((p) => `${p.layer}:${p.row ?? '-'}`)).toEqual(['towns:-', 'buildings:3', 'buildings:12', 'centres:8']);
  });

  it('filters by kind, by layer and by words in the sentence, code, unit or row', () => {
    const describe = (p: ImportProblem) => p.message;
    expect(filterProblems(problems, { ...NO_FILTER, severity: 'warning' }, describe).map((p) => p.layer)).toEqual(['centres']);
    expect(filterProblems(problems, { ...NO_FILTER, layer: 'buildings' }, describe)).toHaveLength(2);
    expect(filterProblems(problems, { ...NO_FILTER, text: '桃康' }, describe).map((p) => p.id)).toEqual(['B000012']);
    expect(filterProblems(problems, { ...NO_FILTER, text: 'b000012' }, describe)).toHaveLength(1);
    expect(filterProblems(problems, { ...NO_FILTER, layer: 'buildings', text: '12 社区' }, describe)).toHaveLength(1);
    expect(filterProblems(problems, { ...NO_FILTER, text: 'OVERLAP' }, describe).map((p) => p.layer)).toEqual(['towns']);
    expect(filterProblems(problems, NO_FILTER, describe)).toHaveLength(4);
  });

  it('counts errors and warnings per layer in reading order', () => {
    expect(countByLayer(problems)).toEqual([
      { layer: 'towns', errors: 1, warnings: 0 },
      { layer: 'buildings', errors: 2, warnings: 0 },
      { layer: 'centres', errors: 0, warnings: 1 },
    ]);
  });
});

describe('where a problem is', () => {
  const staged: Partial<Record<'buildings', PreviewCollection>> = {
    buildings: {
      type: 'FeatureCollection', truncated: false,
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [120.05, 31.1] }, properties: { line: 12, name: '桃康新村1幢', code: 'B000012', severity: 'error' } }],
    },
  };

  it('is its own geometry or point first, else its row in the staged layer, else nowhere', () => {
    expect(problemPlace(problems[2]!, staged)).toBe(square);
    expect(problemPlace(problem({ layer: 'towns', code: 'gap', location: [120.2, 31.3] }), staged)).toEqual({ type: 'Point', coordinates: [120.2, 31.3] });
    expect(problemPlace(problems[1]!, staged)).toEqual({ type: 'Point', coordinates: [120.05, 31.1] });
    expect(problemPlace(problems[3]!, staged)).toBeNull();
    expect(problemPlace(problems[0]!, staged)).toBeNull();
  });

  it('is framed by the box around it, a point by a box of no size', () => {
    expect(boxOf([square])).toEqual([120, 31, 120.1, 31.2]);
    expect(boxOf([{ type: 'Point', coordinates: [120.05, 31.1] }])).toEqual([120.05, 31.1, 120.05, 31.1]);
    expect(boxOf([{ type: 'GeometryCollection', geometries: [square, { type: 'Point', coordinates: [121, 30] }] }])).toEqual([120, 30, 121, 31.2]);
    expect(boxOf([null])).toBeNull();
  });
});

describe('the towns’ totals', () => {
  it('add up to the city', () => {
    const town = (id: string, n: number): TownTotals => ({ id, name: id, communities: n, villages: n, areas: n, buildings: n * 10, households: n * 100, population: n * 300, partyMembers: n * 20, centres: n, organisations: n });
    expect(cityTotals([town('T01', 1), town('T10', 2)])).toEqual({ communities: 3, villages: 3, areas: 3, buildings: 30, households: 300, population: 900, partyMembers: 60, centres: 3, organisations: 3 });
    expect(cityTotals([]).population).toBe(0);
  });
});
