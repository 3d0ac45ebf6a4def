// Automatic building party groups and the rules of a saved grouping, pure: ⌈total ÷ target⌉
// groups, every building once, every group connected and near the target; every broken rule named.
import { describe, expect, it } from 'vitest';
import { checkGrouping } from '../../server/analysis/grouping/check';
import { say } from '../../server/domain/messages';
import { groupCount, proposeGroups, type GroupingBuilding, type GroupMeasure } from '../../server/analysis/grouping/propose';
import { DistrictingInputError } from '../../server/analysis/districting/types';
import { gridCommunity, unreachedPerGroup } from '../support/districting-community';

/** An area's worth of buildings (cols × rows) with party members drawn from the seed. */
function area(cols: number, rows: number, seed: number): GroupingBuilding[] {
  return gridCommunity({ cols, rows, seed, estateBlock: 3 }).map((b, i) => ({
    id: b.id,
    point: b.point,
    partyMembers: (i * 7 + seed) % 9,
    households: b.households,
    population: b.population,
    estateId: b.estateId,
  }));
}

const measure = (b: GroupingBuilding, by: GroupMeasure) => (by === 'buildings' ? 1 : b[by]);

describe('proposeGroups', () => {
  it.each([
    [6, 7, 20, 'partyMembers'],
    [8, 6, 8, 'buildings'],
    [5, 5, 400, 'households'],
    [7, 7, 25, 'partyMembers'],
  ] as const)('%i × %i buildings, target %i %s: ⌈total ÷ target⌉ connected groups, every building once, none far over the target', (cols, rows, target, by) => {
    const buildings = area(cols, rows, cols * rows);
    const total = buildings.reduce((s, b) => s + measure(b, by), 0);
    const proposal = proposeGroups(buildings, target, by);
    expect(proposal.k).toBe(Math.ceil(total / target));
    expect(proposal.groups).toHaveLength(proposal.k);
    const ids = proposal.groups.flatMap((g) => g.buildingIds);
    expect(ids.sort()).toEqual(buildings.map((b) => b.id).sort());
    expect(unreachedPerGroup(buildings, proposal.groups)).toEqual(proposal.groups.map(() => 0));
    const largest = Math.max(...buildings.map((b) => measure(b, by)));
    const byId = new Map(buildings.map((b) => [b.id, b]));
    for (const g of proposal.groups) {
      expect(g.size).toBe(g.buildingIds.reduce((s, id) => s + measure(byId.get(id)!, by), 0));
      expect(g.partyMembers).toBe(g.buildingIds.reduce((s, id) => s + byId.get(id)!.partyMembers, 0));
      expect(g.size).toBeLessThanOrEqual(target + largest);
    }
  });

  it('makes one group of an area with a single building or no party members', () => {
    const [one] = area(1, 1, 3);
    expect(proposeGroups([one!], 10, 'partyMembers').groups).toEqual([expect.objectContaining({ buildingIds: [one!.id] })]);
    const none = area(3, 3, 1).map((b) => ({ ...b, partyMembers: 0 }));
    expect(proposeGroups(none, 10, 'partyMembers').k).toBe(1);
  });

  it('never asks for more groups than buildings, and refuses bad input', () => {
    expect(groupCount(500, 1, 12)).toBe(12);
    expect(groupCount(0, 5, 12)).toBe(1);
    expect(() => groupCount(10, 0, 3)).toThrow(DistrictingInputError);
    expect(() => proposeGroups([], 10, 'buildings')).toThrow(/no buildings/);
    expect(() => proposeGroups(area(2, 2, 1), 10, 'population' as GroupMeasure)).toThrow(/unknown measure/);
  });
});

describe('checkGrouping', () => {
  const buildings = ['B1', 'B2', 'B3', 'B4'];

  it('accepts every building in exactly one named group', () => {
    expect(checkGrouping(buildings, [{ id: 'G1', name: '一组', buildings: ['B1', 'B2'] }, { name: '二组', buildings: ['B3', 'B4'] }], [])).toEqual([]);
  });

  it('names each broken rule and what it concerns', () => {
    const problems = checkGrouping(
      buildings,
      [
        { id: 'G1', name: '一组', buildings: ['B1', 'B1', 'B9'] },
        { id: 'G1', name: '一组', buildings: ['B2'] },
        { name: '三组', buildings: [] },
      ],
      ['G1'],
    );
    expect(problems.map((p) => [p.code, p.ids[0]])).toEqual([
      ['group_kept_and_removed', 'G1'],
      ['building_listed_twice', 'B1'],
      ['building_not_in_area', 'B9'],
      ['group_name_twice', '一组'],
      ['group_listed_twice', 'G1'],
      ['group_kept_and_removed', 'G1'],
      ['group_empty', '#3'],
      ['building_in_no_group', 'B3'],
      ['building_in_no_group', 'B4'],
    ]);
    for (const p of problems) expect(say(p, 'zh')).toContain(p.ids[0].replace(/^#\d$/, '三组'));
  });
});
