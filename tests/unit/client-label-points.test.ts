import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import type { UnitFeature } from '../../client/shared/api/types';
import { interiorPoint, labelPoints } from '../../client/shared/map/labelPoints';

function inside([x, y]: [number, number], ring: Position[]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) hit = !hit;
  }
  return hit;
}

describe('interiorPoint', () => {
  it('stays inside a U-shaped unit whose centroid lies outside it', () => {
    const ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const feature: UnitFeature = { type: 'Feature', properties: { id: 'U' }, geometry: { type: 'Polygon', coordinates: [ring] } };
    const p = interiorPoint(feature);
    expect(p).not.toBeNull();
    expect(inside(p!, ring)).toBe(true);
  });

  it('uses the largest part of a multipolygon and skips points for labels', () => {
    const small = [[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]];
    const big = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    const feature: UnitFeature = { type: 'Feature', properties: { id: 'M', name: '甲' }, geometry: { type: 'MultiPolygon', coordinates: [[small], [big]] } };
    expect(inside(interiorPoint(feature)!, big)).toBe(true);
    const point: UnitFeature = { type: 'Feature', properties: { id: 'P' }, geometry: { type: 'Point', coordinates: [1, 1] } };
    const labels = labelPoints({ type: 'FeatureCollection', features: [feature, point] }, 'town');
    expect(labels.map((l) => l.properties)).toEqual([{ id: 'M', name: '甲', nameEn: '', rank: 'town' }]);
  });
});
