// A point inside each polygon to hang its label on (and for tests to click). The centroid of a
// concave or ring-shaped unit can fall outside it, so take the middle of the widest horizontal
// run through the polygon instead.
import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import type { UnitCollection, UnitFeature } from '../api/types';

export type LabelRank = 'town' | 'community' | 'unit';
export interface LabelProps {
  id: string;
  name: string;
  nameEn: string;
  rank: LabelRank;
}

function rings(feature: UnitFeature): Position[][][] {
  const g = feature.geometry;
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(sum / 2);
}

/** Crossings of the horizontal line y with all rings of one polygon, sorted. */
function crossings(polygon: Position[][], y: number): number[] {
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
  }
  return xs.sort((a, b) => a - b);
}

export function interiorPoint(feature: UnitFeature): [number, number] | null {
  const g = feature.geometry;
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  const polygons = rings(feature);
  if (polygons.length === 0) return null;
  const polygon = polygons.reduce((best, p) => (ringArea(p[0]) > ringArea(best[0]) ? p : best));
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of polygon[0]) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  // Try several heights (nudged so the scan line misses vertices) and keep the widest run:
  // it lies well inside the unit, away from thin arms where a label or a click would not fit.
  let best: [number, number] | null = null;
  let width = 0;
  for (let k = 1; k < 12; k++) {
    const y = minY + (maxY - minY) * (k / 12 + 0.0013);
    const xs = crossings(polygon, y);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1] - xs[i] > width) {
        width = xs[i + 1] - xs[i];
        best = [(xs[i] + xs[i + 1]) / 2, y];
      }
    }
  }
  return best;
}

export function labelPoints(collection: UnitCollection | null, rank: LabelRank): Feature<Point, LabelProps>[] {
  if (!collection) return [];
  const out: Feature<Point, LabelProps>[] = [];
  for (const f of collection.features) {
    if (f.geometry.type === 'Point') continue; // buildings are labelled by the list, not the map
    const at = interiorPoint(f);
    if (!at) continue;
    const p = f.properties;
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: { id: p.id, name: p.name ?? '', nameEn: p.nameEn ?? '', rank },
    });
  }
  return out;
}

export function labelCollection(...parts: Feature<Point, LabelProps>[][]): FeatureCollection<Point, LabelProps> {
  return { type: 'FeatureCollection', features: parts.flat() };
}
