// The area page's grouping draft and its small map, pure: a proposal keeps the saved groups it
// overlaps most, a move empties and removes, the save request names versions, the map draws
// every building once in its group's colour.
import { describe, expect, it } from 'vitest';
import { draftFromProposal, draftOf, groupName, isChanged, moveBuilding, saveRequest } from '../../client/features/area-groups/draft';
import { buildGroupMap, GROUP_MAP_SIZE, groupColour } from '../../client/features/area-groups/groupMap';
import { byGroupNumber, groupNumber, shortAddress } from '../../client/features/area-groups/labels';
import type { GroupingProposal } from '../../server/analysis/grouping/propose';
import type { AreaGrouping, GroupBuilding } from '../../server/features/groups/types';

const building = (id: string, lng: number, lat: number, partyMembers = 2): GroupBuilding => ({ id, address: `${id}幢`, lng, lat, households: 10, population: 25, partyMembers });

const grouping: AreaGrouping = {
  area: { id: 'A1', version: 3, name: '东片区', nameEn: 'East', communityId: 'C1', communityName: '桃康社区', communityNameEn: 'Taokang Community', leadName: '李明', leadPhone: '13800000000', org: { form: '党支部', members: 12, secretary: '王芳' } },
  groups: [
    { id: 'G1', version: 2, name: '东片区第一党小组', nameEn: 'East Group 1', members: 6, org: null, buildings: [building('B1', 120, 32), building('B2', 120.001, 32), building('B3', 120.002, 32)] },
    { id: 'G2', version: 5, name: '东片区第二党小组', nameEn: 'East Group 2', members: 6, org: null, buildings: [building('B4', 120, 32.001), building('B5', 120.001, 32.001), building('B6', 120.002, 32.001)] },
  ],
};

const proposal = (groups: string[][]): GroupingProposal => ({
  k: groups.length,
  targetSize: 4,
  by: 'partyMembers',
  groups: groups.map((ids) => ({ buildingIds: ids, size: ids.length * 2, partyMembers: ids.length * 2, households: 10 * ids.length, buildings: ids.length, contiguous: true })),
  summary: { minSize: 0, maxSize: 0, contiguous: true },
});

describe('grouping draft', () => {
  it('starts as the saved grouping, unchanged', () => {
    const d = draftOf(grouping);
    expect(d.groups.map((g) => [g.key, g.version, g.buildingIds])).toEqual([
      ['G1', 2, ['B1', 'B2', 'B3']],
      ['G2', 5, ['B4', 'B5', 'B6']],
    ]);
    expect(isChanged(grouping, d)).toBe(false);
  });

  it('keeps for each proposed group the saved group it shares most buildings with, names the rest, removes the leftovers', () => {
    const three = draftFromProposal(grouping, proposal([['B4', 'B5'], ['B1', 'B2'], ['B3', 'B6']]));
    expect(three.groups.map((g) => [g.id, g.version, g.name])).toEqual([
      ['G2', 5, '东片区第二党小组'],
      ['G1', 2, '东片区第一党小组'],
      [undefined, undefined, '东片区第三党小组'],
    ]);
    expect(three.removed).toEqual([]);
    const one = draftFromProposal(grouping, proposal([['B1', 'B2', 'B3', 'B4', 'B5', 'B6']]));
    expect(one.groups.map((g) => g.id)).toEqual(['G1']);
    expect(one.removed).toEqual([{ id: 'G2', version: 5 }]);
    expect(isChanged(grouping, one)).toBe(true);
  });

  it('moves a building; a group left empty is removed, and the save request carries versions', () => {
    let d = moveBuilding(draftOf(grouping), 'B1', 'G2');
    expect(d.groups.map((g) => g.buildingIds)).toEqual([['B2', 'B3'], ['B4', 'B5', 'B6', 'B1']]);
    expect(moveBuilding(d, 'B1', 'G2')).toBe(d);
    expect(moveBuilding(d, 'B1', 'nowhere')).toBe(d);
    d = moveBuilding(moveBuilding(d, 'B2', 'G2'), 'B3', 'G2');
    expect(d.groups.map((g) => g.key)).toEqual(['G2']);
    expect(saveRequest(d)).toEqual({
      groups: [{ id: 'G2', version: 5, name: '东片区第二党小组', nameEn: 'East Group 2', buildings: ['B4', 'B5', 'B6', 'B1', 'B2', 'B3'] }],
      removed: [{ id: 'G1', version: 2 }],
    });
  });

  it('names groups in Chinese numerals and in English', () => {
    expect([1, 10, 12, 20, 35].map((n) => groupName(grouping.area, n).name)).toEqual(['东片区第一党小组', '东片区第十党小组', '东片区第十二党小组', '东片区第二十党小组', '东片区第三十五党小组']);
    expect(groupName(grouping.area, 4).nameEn).toBe('East Group 4');
  });
});

describe('buildGroupMap', () => {
  const buildings = grouping.groups.flatMap((g) => g.buildings);

  it('draws every building once inside the view, in its group\'s colour, with one outline a group', () => {
    const map = buildGroupMap(buildings, draftOf(grouping), 'B5');
    expect(map.dots.map((d) => d.id).sort()).toEqual(buildings.map((b) => b.id).sort());
    for (const d of map.dots) {
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x).toBeLessThanOrEqual(GROUP_MAP_SIZE.width);
      expect(d.y).toBeGreaterThanOrEqual(0);
      expect(d.y).toBeLessThanOrEqual(GROUP_MAP_SIZE.height);
      expect(d.colour).toBe(groupColour(['B1', 'B2', 'B3'].includes(d.id) ? 0 : 1));
    }
    expect(map.dots.filter((d) => d.selected).map((d) => d.id)).toEqual(['B5']);
    expect(map.outlines.map((o) => o.key)).toEqual(['G1', 'G2']);
  });

  it('puts north up: a building further north is drawn higher', () => {
    const map = buildGroupMap(buildings, draftOf(grouping), null);
    const y = (id: string) => map.dots.find((d) => d.id === id)!.y;
    expect(y('B4')).toBeLessThan(y('B1'));
  });

  it('draws nothing for an area without buildings', () => {
    expect(buildGroupMap([], { groups: [], removed: [] }, null)).toEqual({ dots: [], outlines: [] });
  });
});

describe('labels', () => {
  it('shortens an address to the part below its community', () => {
    expect(shortAddress('江苏省滨江市江城街道桃康社区丰湾家园11幢', '桃康社区')).toBe('丰湾家园11幢');
    expect(shortAddress('丰湾家园11幢', '别的社区')).toBe('丰湾家园11幢');
    expect(shortAddress('桃康社区', '桃康社区')).toBe('桃康社区');
  });

  it('orders groups by their number, then the unnumbered by name', () => {
    expect(['第十二党小组', '第一', '第二十', '第二', '第十', '甲组', '第3组', '第九十九'].map((name) => groupNumber(name))).toEqual([12, 1, 20, 2, 10, null, 3, 99]);
    expect(groupNumber('第一片区第十二党小组')).toBe(12);
    const names = ['第一片区第十党小组', '第一片区第二党小组', '乙组', '第一片区第十一党小组', '第一片区第一党小组'];
    expect(names.map((name) => ({ name })).sort(byGroupNumber).map((g) => g.name)).toEqual(['第一片区第一党小组', '第一片区第二党小组', '第一片区第十党小组', '第一片区第十一党小组', '乙组']);
  });
});
