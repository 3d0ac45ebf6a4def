import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeTile, type TileFeature } from '../../server/features/tiles/mvt';
import { tileBounds } from '../../server/features/tiles/tile-math';

const tile = { z: 14, x: 13662, y: 6653 };
const [w, s, e, n] = tileBounds(tile);
/** A position at fractions of the tile (0..1 west→east, north→south). */
const at = (fx: number, fy: number): [number, number] => [w + fx * (e - w), n - fy * (n - s)];
const options = { extent: 4096, buffer: 64 };

function decode(bytes: Uint8Array | null) {
  const layer = new VectorTile(new PbfReader(bytes!)).layers.shapes!;
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}
const ringArea = (ring: { x: number; y: number }[]) => ring.reduce((sum, p, i) => sum + (ring[(i + ring.length - 1) % ring.length]!.x * p.y - p.x * ring[(i + ring.length - 1) % ring.length]!.y), 0);

describe('vector tiles encoded in process', () => {
  it('winds an outer ring positive and its hole negative whatever order they came in, and decodes to the same places', () => {
    // Outer ring counter-clockwise on the ground, hole clockwise: the tile must turn both.
    const outer = [at(0.1, 0.9), at(0.9, 0.9), at(0.9, 0.1), at(0.1, 0.1), at(0.1, 0.9)];
    const hole = [at(0.4, 0.4), at(0.4, 0.6), at(0.6, 0.6), at(0.6, 0.4), at(0.4, 0.4)];
    const features: TileFeature[] = [{ geometry: { type: 'Polygon', coordinates: [outer, hole] }, properties: { id: 'P', items: ['a', 'b'], none: null, n: 3, f: 1.5 } }];
    const [polygon] = decode(encodeTile('shapes', tile, features, options)) as [VectorTileFeature];
    expect(polygon.type).toBe(3);
    const rings = polygon.loadGeometry();
    expect(rings).toHaveLength(2);
    expect(ringArea(rings[0]!)).toBeGreaterThan(0);
    expect(ringArea(rings[1]!)).toBeLessThan(0);
    expect(rings[0]!.map((p) => [p.x, p.y])).toEqual(expect.arrayContaining([[410, 3686], [3686, 410]]));
    expect(polygon.properties).toEqual({ id: 'P', items: '["a","b"]', n: 3, f: 1.5 });
  });

  it('leaves out what falls beyond the buffer or collapses onto one grid point, and answers null for nothing', () => {
    const features: TileFeature[] = [
      { geometry: { type: 'Point', coordinates: at(0.5, 0.5) }, properties: { id: 'in' } },
      { geometry: { type: 'Point', coordinates: at(0.5, -0.05) }, properties: { id: 'beyond the buffer' } },
      { geometry: { type: 'LineString', coordinates: [at(0.5, 0.5), at(0.50001, 0.50001)] }, properties: { id: 'collapsed' } },
      { geometry: { type: 'LineString', coordinates: [at(0.2, 0.2), at(0.8, 0.2)] }, properties: { id: 'line' } },
    ];
    expect(decode(encodeTile('shapes', tile, features, options)).map((f) => [f.properties.id, f.type])).toEqual([['in', 1], ['line', 2]]);
    expect(encodeTile('shapes', tile, [features[1]!, features[2]!], options)).toBeNull();
  });
});
