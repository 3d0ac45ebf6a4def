// The in-memory grid's rules on a hand-made city (the comparison with PostGIS over the demo city is
// tests/api/lookup-memory.test.ts): the area holding a point, an edge counted as inside, the
// building a click names only within the radius and only of that area, buildings moved and removed
// in place, the nearest centre by the spheroid among the plane's nearest.
import { describe, expect, it } from 'vitest';
import { GridPlaces, type GridFrame } from '../../server/analysis/grid-places';

const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const frame: GridFrame = {
  towns: [{ id: 'T1', name: '江城街道' }],
  communities: [{ id: 'C1', name: '龙桥社区', townId: 'T1' }],
  areas: [
    { id: 'A1', name: '第一片区', communityId: 'C1', leadName: '张三', leadPhone: '13800000001', outline: [square(120, 31, 0.01)] },
    { id: 'A2', name: '第二片区', communityId: 'C1', leadName: '李四', leadPhone: '13800000002', outline: [square(120.01, 31, 0.01)] },
    // A hole-less area with nothing: an empty outline holds no point.
    { id: 'A3', name: '空片区', communityId: 'C1', leadName: '王五', leadPhone: '13800000003', outline: [] },
  ],
  groups: [{ id: 'G1', name: '1幢党小组' }],
  centres: [
    { id: 'S1', name: '龙桥党群服务中心', kind: 'party_mass', hours: '8:30-17:30', lng: 120.002, lat: 31.002 },
    { id: 'S2', name: '龙桥便民服务站', kind: 'convenience', hours: '9:00-17:00', lng: 120.018, lat: 31.008 },
  ],
};
const building = { id: 'B1', address: '龙桥名苑1幢', lng: 120.005, lat: 31.005, areaId: 'A1', groupId: 'G1' };

describe('GridPlaces', () => {
  it('finds the area holding a point, counts the shared edge as inside (the lower id), and nothing outside', () => {
    const grid = new GridPlaces(frame, [building]);
    expect(grid.at(120.015, 31.005, 40)?.place.area.id).toBe('A2');
    expect(grid.at(120.01, 31.005, 40)?.place.area.id).toBe('A1');
    expect(grid.at(120.03, 31.005, 40)).toBeNull();
    expect(grid.at(120.005, 31.005, 40)?.place).toMatchObject({ town: { name: '江城街道' }, community: { name: '龙桥社区' }, lead: { name: '张三', phone: '13800000001' } });
  });

  it('names the building a click is on, within the radius and of the clicked area only', () => {
    const grid = new GridPlaces(frame, [building, { ...building, id: 'B2', lng: 120.01002, areaId: 'A1' }]);
    const on = grid.at(120.00501, 31.00501, 40)!;
    expect([on.building?.id, Math.round(on.distanceM)]).toEqual(['B1', 1]);
    // 60 m east of B1: no building named, the area still answers.
    expect(grid.at(120.005 + 60 / 95_000, 31.005, 40)!.building).toBeNull();
    // Just across the edge in A2, B2 (of A1) lies 2 m away but is not A2's.
    expect(grid.at(120.0101, 31.005, 40)!.building).toBeNull();
  });

  it('follows a building moved or removed in place', () => {
    const grid = new GridPlaces(frame, [building]);
    grid.putBuilding({ ...building, lng: 120.015, areaId: 'A2' });
    expect(grid.building('B1')?.place.area.id).toBe('A2');
    expect(grid.at(120.005, 31.005, 40)!.building).toBeNull();
    grid.removeBuilding('B1');
    expect(grid.building('B1')).toBeUndefined();
  });

  it('gives the nearest centre and its metres on the spheroid', () => {
    const grid = new GridPlaces(frame, [building]);
    const centre = grid.building('B1')!.place.centre!;
    expect(centre.id).toBe('S1');
    // 0.003° east and north at 31° N: about 286 m east and 333 m north.
    expect(Math.round(centre.distanceM)).toBeGreaterThan(430);
    expect(Math.round(centre.distanceM)).toBeLessThan(445);
    expect(grid.at(120.017, 31.007, 40)!.place.centre!.id).toBe('S2');
  });
});
