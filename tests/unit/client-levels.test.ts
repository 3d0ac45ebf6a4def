import { describe, expect, it } from 'vitest';
import type { PathItem } from '../../client/shared/api/types';
import { childQuery, listedLevel } from '../../client/shared/map/levels';

const path: PathItem[] = [
  { level: 'town', id: 'T01', name: '沿江镇', nameEn: 'Yanjiang' },
  { level: 'community', id: 'C001', name: '桃园社区', nameEn: 'Taoyuan' },
  { level: 'area', id: 'A0001', name: '第一片区', nameEn: 'Area 1' },
  { level: 'group', id: 'G00001', name: '第一党小组', nameEn: 'Group 1' },
  { level: 'building', id: 'B1', name: '1幢', nameEn: 'Bldg 1' },
];

describe('the drill-down hierarchy', () => {
  it('lists each level’s children from the right layer and filter', () => {
    expect(childQuery('city', [])).toEqual({ layer: 'towns', filter: {} });
    expect(childQuery('town', path.slice(0, 1))).toEqual({ layer: 'communities', filter: { town: 'T01' } });
    expect(childQuery('community', path.slice(0, 2))).toEqual({ layer: 'areas', filter: { community: 'C001' } });
    expect(childQuery('area', path.slice(0, 3))).toEqual({ layer: 'groups', filter: { area: 'A0001' } });
    expect(childQuery('group', path.slice(0, 4))).toEqual({ layer: 'buildings', filter: { area: 'A0001' }, groupId: 'G00001' });
  });

  it('shows a building among the other buildings of its group', () => {
    expect(childQuery('building', path)).toEqual({ layer: 'buildings', filter: { area: 'A0001' }, groupId: 'G00001' });
    expect(listedLevel('building')).toBe('building');
    expect(listedLevel('city')).toBe('town');
  });
});
