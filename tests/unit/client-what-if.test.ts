// The what-if's change list: one value the leader reads and the server gets, kept minimal.
import { describe, expect, it } from 'vitest';
import type { CentreEffect, Comparison, PlacedCentre } from '../../client/features/coverage/api';
import type { BBox } from '../../client/shared/api/types';
import { comparisonRows, explain, formatRow } from '../../client/features/coverage/comparison';
import { scopeFrame } from '../../client/features/coverage/scope';
import { en } from '../../client/shared/i18n/en';
import { zh } from '../../client/shared/i18n/zh';
import {
  addCentre, changeList, closeCentre, isUnchanged, moveCentre, nextAddedId, NO_CHANGES, offsetMetres, placeCentres, reopenCentre, setKindRadius, setRadius, undoChange,
  type AddedCentre,
} from '../../client/features/coverage/whatIf';
import { applyChanges } from '../../server/analysis/coverage/what-if';

const added = (id: string): AddedCentre => ({ id, name: `新中心 ${id}`, kind: 'party_service', lng: 120, lat: 32, radiusM: 1000 });
const real: PlacedCentre = { id: 'SC1', name: '一中心', kind: 'convenience', lng: 120.1, lat: 32.1, radiusM: 800, floorAreaM2: 1200, communityId: 'C1', status: 'as_is' };

describe('the what-if change list', () => {
  it('keeps one move for a centre dragged twice, at the last place', () => {
    const w = moveCentre(moveCentre(NO_CHANGES, 'SC1', 120.2, 32.2), 'SC1', 120.3, 32.3);
    expect(w.moved).toEqual([{ id: 'SC1', lng: 120.3, lat: 32.3 }]);
    expect(changeList(w)).toHaveLength(1);
  });

  it('drops the add, not adds a close, when an imagined centre is closed', () => {
    const w = closeCentre(addCentre(NO_CHANGES, added('new-1')), 'new-1');
    expect(w).toEqual(NO_CHANGES);
    expect(isUnchanged(w)).toBe(true);
  });

  it('moves and re-sizes an imagined centre in its add', () => {
    const w = setRadius(moveCentre(addCentre(NO_CHANGES, added('new-1')), 'new-1', 121, 33), 'new-1', 600);
    expect(w.moved).toEqual([]);
    expect(w.radius).toEqual([]);
    expect(w.added).toEqual([{ ...added('new-1'), lng: 121, lat: 33, radiusM: 600 }]);
  });

  it('forgets a real centre’s move and radius once it is closed, and reopening restores it as it was', () => {
    const w = closeCentre(setRadius(moveCentre(NO_CHANGES, 'SC1', 1, 2), 'SC1', 500), 'SC1');
    expect(changeList(w)).toEqual([{ change: 'closed', id: 'SC1' }]);
    expect(closeCentre(w, 'SC1')).toBe(w);
    expect(reopenCentre(w, 'SC1')).toEqual(NO_CHANGES);
  });

  it('counts a radius set back to the centre’s own as no change', () => {
    const w = setRadius(setRadius(NO_CHANGES, 'SC1', 500, 800), 'SC1', 800, 800);
    expect(isUnchanged(w)).toBe(true);
  });

  it('undoes one line and leaves the others', () => {
    const w = addCentre(moveCentre(NO_CHANGES, 'SC1', 1, 2), added('new-1'));
    const list = changeList(w);
    expect(list.map((e) => e.change)).toEqual(['added', 'moved']);
    expect(changeList(undoChange(w, list[1]!))).toEqual([list[0]]);
  });

  it('numbers imagined centres past the highest taken', () => {
    expect(nextAddedId(NO_CHANGES)).toBe('new-1');
    expect(nextAddedId(addCentre(addCentre(NO_CHANGES, added('new-1')), added('new-4')))).toBe('new-5');
  });

  it('places the centres as the what-if leaves them', () => {
    const other: PlacedCentre = { ...real, id: 'SC2' };
    const w = addCentre(closeCentre(setRadius(moveCentre(NO_CHANGES, 'SC1', 121, 33), 'SC1', 300), 'SC2'), added('new-1'));
    const placed = placeCentres([real, other], w);
    expect(placed.map((c) => [c.id, c.status])).toEqual([['SC1', 'changed'], ['SC2', 'closed'], ['new-1', 'added']]);
    expect(placed[0]).toMatchObject({ lng: 121, lat: 33, radiusM: 300, floorAreaM2: 1200 });
    expect(placeCentres([real], NO_CHANGES)[0]).toBe(real);
  });

  it('steps a centre by metres east and north', () => {
    const [lng, lat] = offsetMetres([120, 32], 100, -100);
    expect((lat - 32) * 111_195).toBeCloseTo(-100, 0);
    expect((lng - 120) * 111_195 * Math.cos((32 * Math.PI) / 180)).toBeCloseTo(100, 0);
  });
});

describe('one radius for a whole kind', () => {
  const other: PlacedCentre = { ...real, id: 'SC2', radiusM: 500 };
  const party: PlacedCentre = { ...real, id: 'SC3', kind: 'party_service', radiusM: 1500 };

  it('is one line of the change list, replaced when set again, and undone like any other', () => {
    const w = setKindRadius(setKindRadius(NO_CHANGES, 'convenience', 1200), 'convenience', 2000);
    expect(w.kindRadiusM).toEqual({ convenience: 2000 });
    expect(changeList(w)).toEqual([{ change: 'kindRadius', id: 'convenience', radiusM: 2000 }]);
    expect(undoChange(w, changeList(w)[0]!)).toEqual(NO_CHANGES);
    expect(setKindRadius(w, 'convenience', null)).toEqual(NO_CHANGES);
  });

  it('re-sizes the kind’s centres, not the others, and a centre’s own radius still wins, as the server does', () => {
    const w = setRadius(setKindRadius(NO_CHANGES, 'convenience', 2000), 'SC2', 300);
    const placed = placeCentres([real, other, party], w);
    expect(placed.map((c) => [c.id, c.radiusM, c.status])).toEqual([
      ['SC1', 2000, 'changed'],
      ['SC2', 300, 'changed'],
      ['SC3', 1500, 'as_is'],
    ]);
    expect(applyChanges([real, other, party], w)).toEqual(placed);
  });

  it('leaves a centre that already has that radius as it is', () => {
    expect(placeCentres([real], setKindRadius(NO_CHANGES, 'convenience', real.radiusM))).toEqual([real]);
  });
});

describe('the what-if read out: before → after with differences, and why', () => {
  const totals = (total: number, covered: number) => ({ total, covered, share: covered / total });
  const figures = (population: number, households: number, buildings: number, estates: number, hall: number) => ({
    population: totals(200_000, population),
    households: totals(80_000, households),
    buildings: totals(5_000, buildings),
    partyMembers: totals(10_000, Math.round(population / 20)),
    uncoveredEstates: estates,
    byKind: { party_service: totals(200_000, hall), convenience: totals(200_000, 90_000) },
  });
  const effect = (over: Partial<CentreEffect>): CentreEffect => ({
    id: 'SC1', name: '城东中心', kind: 'party_service', change: 'closed', counted: true, reachedBefore: 0, onlyThis: 0, stillReached: 0, reachedAfter: 0, newlyReached: 0, ...over,
  });
  const number = (n: number) => new Intl.NumberFormat('zh-CN').format(n);
  const text = (c: Comparison) => Object.fromEntries(comparisonRows(c, zh.coverage).map((r) => [r.label, formatRow(r, zh.coverage, number)]));

  it('shows every figure before → after with its signed difference, shares in percentage points', () => {
    const c: Comparison = { before: figures(123_400, 50_000, 3_000, 12, 100_000), after: figures(120_100, 48_800, 2_950, 14, 96_700), lost: 3_300, gained: 0, effects: [] };
    const rows = text(c);
    expect(rows['覆盖人口']).toEqual({ before: '123,400', after: '120,100', difference: '−3,300' });
    expect(rows['覆盖户数']!.difference).toBe('−1,200');
    expect(rows['覆盖楼栋']!.difference).toBe('−50');
    // 61.7 % and 60.05 %: the difference is that of the percentages shown.
    expect(rows['人口覆盖率']).toEqual({ before: '61.7%', after: '60.1%', difference: '−1.6 个百分点' });
    expect(rows['未覆盖楼栋']).toEqual({ before: '2,000', after: '2,050', difference: '+50' });
    expect(rows['未覆盖小区']).toEqual({ before: '12', after: '14', difference: '+2' });
    expect(rows['党员人才服务中心覆盖人口']!.difference).toBe('−3,300');
    expect(rows['便民服务中心覆盖人口']!.difference).toBe('±0');
    expect(Object.keys(rows)).toHaveLength(4 + 4 + 2 + 2);
    // A share that moves less than 0.05 points reads ±0.0, never −0.0.
    const tiny = { ...c, after: { ...c.after, population: totals(200_000, 123_390) } };
    expect(text(tiny)['人口覆盖率']!.difference).toBe('±0.0 个百分点');
  });

  it('says a closed centre changed nothing because the residents it reached are within another centre’s reach, naming 0 reached by it alone', () => {
    const same = figures(123_400, 50_000, 3_000, 12, 100_000);
    const lines = explain({ before: same, after: same, lost: 0, gained: 0, effects: [effect({ reachedBefore: 2_480, stillReached: 2_480 })] }, zh.coverage, number);
    expect(lines).toEqual([
      '覆盖人口不变：没有居民因这些改动失去或获得覆盖。',
      '关闭“城东中心”后，其服务范围内的 2,480 位居民仍在其他服务中心的服务半径内（仅由该中心覆盖的居民：0 位），因此覆盖率不变。',
    ]);
  });

  it('counts those a closed centre alone reached, what a moved one reaches anew, and sets aside kinds not counted', () => {
    const c: Comparison = {
      before: figures(123_400, 50_000, 3_000, 12, 100_000),
      after: figures(120_100, 48_800, 2_950, 14, 96_700),
      lost: 3_300,
      gained: 0,
      effects: [
        effect({ reachedBefore: 5_000, onlyThis: 3_300, stillReached: 1_700 }),
        effect({ id: 'SC2', name: '城西中心', change: 'changed', reachedBefore: 900, stillReached: 900, reachedAfter: 1_200, newlyReached: 0 }),
        effect({ id: 'new-1', name: '新中心 1', change: 'added', reachedAfter: 800 }),
        effect({ id: 'SC9', name: '劳动站', kind: 'labour', counted: false }),
      ],
    };
    expect(explain(c, zh.coverage, number)).toEqual([
      '0 位居民新获覆盖，3,300 位居民失去覆盖。',
      '关闭“城东中心”：其服务范围内 5,000 位居民中，3,300 位仅由该中心覆盖；关闭后仍有 1,700 位在其他服务中心的服务半径内。',
      '“城西中心”改动后，原服务范围内的 900 位居民仍被覆盖，新服务范围内的 1,200 位居民原本已被覆盖，因此覆盖率不变。',
      '新增“新中心 1”：其服务范围内的 800 位居民原本已在其他服务中心的服务半径内，因此覆盖率不变。',
      '另有 1 个改动的服务中心属于未计入统计的类型（劳动保障服务站），不影响上述指标。',
    ]);
    expect(explain(c, en.coverage, (n) => n.toLocaleString('en'))[1]).toBe('Closing “城东中心”: of the 5,000 residents within its radius, 3,300 were reached by it alone; 1,700 remain within another centre’s radius.');
  });

  it('frames the town chosen under 范围 by its box, and the whole city by the box around every town', () => {
    const towns = [
      { id: 'T1', name: '一镇', bbox: [120, 31.8, 120.2, 32] as BBox },
      { id: 'T2', name: '二镇', bbox: [120.15, 31.9, 120.4, 32.06] as BBox },
    ];
    expect(scopeFrame(towns, 'T2')).toEqual([120.15, 31.9, 120.4, 32.06]);
    expect(scopeFrame(towns, 'T2')).not.toBe(towns[1]!.bbox);
    expect(scopeFrame(towns, null)).toEqual([120, 31.8, 120.4, 32.06]);
    expect(scopeFrame([], null)).toBeNull();
    expect(scopeFrame(towns, 'T9')).toBeNull();
  });
});
