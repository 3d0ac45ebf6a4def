import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildCardMap, roundMetres } from '../../client/features/cards/cardMap';
import { formatDistance } from '../../client/shared/cards/format';

const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const LAT = 31.9;
/** A square area `side` metres across with its south-west corner at (120.3, 31.9). */
function square(side: number): MultiPolygon {
  const dLng = side / (METRES_PER_DEGREE * Math.cos((LAT * Math.PI) / 180));
  const dLat = side / METRES_PER_DEGREE;
  return { type: 'MultiPolygon', coordinates: [[[[120.3, LAT], [120.3 + dLng, LAT], [120.3 + dLng, LAT + dLat], [120.3, LAT + dLat], [120.3, LAT]]]] };
}
const frame = { width: 300, height: 200, padding: 20 };
const numbers = (path: string) => path.match(/-?\d+(\.\d+)?/g)!.map(Number);

describe('buildCardMap', () => {
  it('draws a square area as a square, centred in the frame, within the padding', () => {
    const map = buildCardMap({ outline: square(400), buildings: [], centre: null, ...frame });
    const xs = numbers(map.outlinePath).filter((_, i) => i % 2 === 0);
    const ys = numbers(map.outlinePath).filter((_, i) => i % 2 === 1);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    expect(Math.abs(w - h)).toBeLessThan(1.5);
    expect(h).toBeCloseTo(160, 0);
    expect((Math.max(...xs) + Math.min(...xs)) / 2).toBeCloseTo(150, 0);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(20);
    expect(map.outlinePath.startsWith('M')).toBe(true);
    expect(map.outlinePath.endsWith('Z')).toBe(true);
  });

  it('puts north up: a building in the north-east corner is drawn top right', () => {
    const outline = square(400);
    const [, ne] = [outline.coordinates[0]![0]![0]!, outline.coordinates[0]![0]![2]!];
    const map = buildCardMap({ outline, buildings: [[ne[0]!, ne[1]!]], centre: null, ...frame });
    const xs = numbers(map.outlinePath).filter((_, i) => i % 2 === 0);
    const ys = numbers(map.outlinePath).filter((_, i) => i % 2 === 1);
    expect(map.buildings[0]).toEqual({ x: Math.max(...xs), y: Math.min(...ys) });
  });

  it('gives a scale bar whose drawn length is its label in metres at the map scale', () => {
    const map = buildCardMap({ outline: square(400), buildings: [], centre: null, ...frame });
    // 400 m drawn over 160 px: 0.4 px a metre.
    expect(map.scaleBar.metres).toBe(200);
    expect(map.scaleBar.label).toBe('200 m');
    expect(map.scaleBar.length).toBeCloseTo(80, 0);
    expect(buildCardMap({ outline: square(8000), buildings: [], centre: null, ...frame }).scaleBar.label).toBe('2 km');
  });

  it('shows a nearby service centre and widens the frame to it; leaves out a far one', () => {
    const outline = square(400);
    // 200 m north of the square's north edge.
    const near: [number, number] = [120.3, LAT + 600 / METRES_PER_DEGREE];
    const withNear = buildCardMap({ outline, buildings: [], centre: near, ...frame });
    expect(withNear.centre).not.toBeNull();
    expect(withNear.centre!.x).toBeGreaterThanOrEqual(20);
    // 600 m now span the 160 px the 400 m square filled alone: the square is drawn smaller, below the centre.
    const ys = numbers(withNear.outlinePath).filter((_, i) => i % 2 === 1);
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(400 * (160 / 600), 0);
    expect(withNear.centre!.y).toBeLessThan(Math.min(...ys));
    const far = buildCardMap({ outline, buildings: [], centre: [120.4, LAT], ...frame });
    expect(far.centre).toBeNull();
  });

  it('draws every ring of a multipolygon, holes included', () => {
    const a = square(400).coordinates[0]!;
    const b = square(100).coordinates[0]![0]!.map(([x, y]) => [x! + 0.01, y!]);
    const map = buildCardMap({ outline: { type: 'MultiPolygon', coordinates: [a, [b]] }, buildings: [], centre: null, ...frame });
    expect(map.outlinePath.match(/M/g)).toHaveLength(2);
    expect(map.outlinePath.match(/Z/g)).toHaveLength(2);
  });

  it('stays finite for a degenerate outline (all one point)', () => {
    const p = [120.3, LAT];
    const map = buildCardMap({ outline: { type: 'MultiPolygon', coordinates: [[[p, p, p, p]]] }, buildings: [[120.3, LAT]], centre: null, ...frame });
    expect(numbers(map.outlinePath).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(map.buildings[0]!.x)).toBe(true);
  });
});

describe('roundMetres', () => {
  it.each([
    [999, 500],
    [1000, 1000],
    [260, 200],
    [4.9, 2],
    [0.3, 1],
  ])('the longest round length up to %d m is %d m', (max, want) => {
    expect(roundMetres(max)).toBe(want);
  });
});

describe('formatDistance', () => {
  const words = { metres: '约 {n} 米', kilometres: '约 {n} 公里' };
  it.each([
    [3, '约 10 米'],
    [744, '约 740 米'],
    [999, '约 1 公里'],
    [1000, '约 1 公里'],
    [1260, '约 1.3 公里'],
  ])('says %d m as "%s"', (metres, want) => {
    expect(formatDistance(metres, words)).toBe(want);
  });
});
