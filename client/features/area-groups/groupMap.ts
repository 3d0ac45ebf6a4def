// The area page's small map as SVG shapes: each building a dot in its group's colour, each
// group's outline the convex hull of its dots, the selected building ringed. Pure: buildings,
// draft and selection in; coordinates in a fixed viewBox out (a local equirectangular view).
import type { GroupBuilding } from '../../../server/features/groups/types';
import type { Draft } from './draft';

export const GROUP_MAP_SIZE = { width: 480, height: 360, margin: 24 };

const PALETTE = ['#c0392b', '#2471a3', '#1e8449', '#b9770e', '#7d3c98', '#117a65', '#a04000', '#2e4053', '#d35400', '#5b2c6f'];
export const groupColour = (index: number) => PALETTE[index % PALETTE.length]!;

export interface MapDot {
  id: string;
  x: number;
  y: number;
  colour: string;
  selected: boolean;
}

export interface MapOutline {
  key: string;
  /** SVG points attribute of the hull. */
  points: string;
  colour: string;
}

export interface GroupMap {
  dots: MapDot[];
  outlines: MapOutline[];
}

type XY = [number, number];

function hull(points: XY[]): XY[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: XY[]) => {
    const out: XY[] = [];
    for (const q of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, q) <= 0) out.pop();
      out.push(q);
    }
    out.pop();
    return out;
  };
  return [...half(p), ...half([...p].reverse())];
}

export function buildGroupMap(buildings: readonly GroupBuilding[], draft: Draft, selected: string | null): GroupMap {
  if (!buildings.length) return { dots: [], outlines: [] };
  const { width, height, margin } = GROUP_MAP_SIZE;
  const lat0 = buildings.reduce((s, b) => s + b.lat, 0) / buildings.length;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const xs = buildings.map((b) => b.lng * kx);
  const ys = buildings.map((b) => b.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1e-9), (height - 2 * margin) / Math.max(maxY - minY, 1e-9));
  // Centred, north up.
  const ox = (width - (maxX - minX) * scale) / 2;
  const oy = (height - (maxY - minY) * scale) / 2;
  const at = new Map(buildings.map((b, i): [string, XY] => [b.id, [ox + (xs[i]! - minX) * scale, height - oy - (ys[i]! - minY) * scale]]));
  const round = (v: number) => Math.round(v * 10) / 10;
  const dots: MapDot[] = [];
  const outlines: MapOutline[] = [];
  draft.groups.forEach((g, i) => {
    const colour = groupColour(i);
    const points = g.buildingIds.map((id) => at.get(id)).filter((p): p is XY => p !== undefined);
    for (const id of g.buildingIds) {
      const p = at.get(id);
      if (p) dots.push({ id, x: round(p[0]), y: round(p[1]), colour, selected: id === selected });
    }
    if (points.length >= 2) outlines.push({ key: g.key, colour, points: hull(points).map(([x, y]) => `${round(x)},${round(y)}`).join(' ') });
  });
  return { dots, outlines };
}
