// The what-if's change list: one value the leader reads and the server gets, kept minimal.
import { describe, expect, it } from 'vitest';
import type { PlacedCentre } from '../../client/api/coverage';
import {
  addCentre, changeList, closeCentre, isUnchanged, moveCentre, nextAddedId, NO_CHANGES, offsetMetres, placeCentres, reopenCentre, setKindRadius, setRadius, undoChange,
  type AddedCentre,
} from '../../client/coverage/whatIf';
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
