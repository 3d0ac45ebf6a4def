// An area's preview outline, as the server will derive it on save: the Voronoi cells of its
// buildings, joined and clipped to the community. The cells are computed once per community
// (buildings do not move); an area's outline only when its buildings change.
import { bbox, featureCollection, intersect, point, polygon, voronoi } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { PlanBuilding } from './types';

export type Outline = Polygon | MultiPolygon;

/** Building id → its Voronoi cell (unclipped). Buildings at the same place share one cell. */
export type Cells = ReadonlyMap<string, Polygon>;

export function buildingCells(buildings: readonly PlanBuilding[], community: Outline): Cells {
  const [w, s, e, n] = bbox(community);
  const pad = Math.max(e - w, n - s) * 0.1 + 1e-4;
  const sites = new Map<string, string[]>();
  for (const b of buildings) {
    const at = `${b.lng},${b.lat}`;
    sites.set(at, [...(sites.get(at) ?? []), b.id]);
  }
  const places = [...sites.entries()];
  const cells = new Map<string, Polygon>();
  if (places.length === 1) {
    // One place: its cell is everything.
    const ids = places[0]![1];
    const all = polygon([[[w - pad, s - pad], [e + pad, s - pad], [e + pad, n + pad], [w - pad, n + pad], [w - pad, s - pad]]]).geometry;
    for (const id of ids) cells.set(id, all);
    return cells;
  }
  const points = featureCollection(places.map(([at]) => point(at.split(',').map(Number))));
  const diagram = voronoi(points, { bbox: [w - pad, s - pad, e + pad, n + pad] });
  diagram.features.forEach((cell, i) => {
    if (!cell) return;
    for (const id of places[i]![1]) cells.set(id, cell.geometry);
  });
  return cells;
}

/** Twice the signed area of a closed ring (positive counter-clockwise), in degrees². */
function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return sum;
}

function ringContains(ring: readonly Position[], p: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > p[1]! !== yj! > p[1]! && p[0]! < ((xj! - xi!) * (p[1]! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/**
 * The union of Voronoi cells without a polygon clipper: neighbouring cells share their edges
 * exactly (the same vertices, walked in opposite directions), so the union's boundary is every
 * edge no other chosen cell walks back. Tracing those edges gives outer rings and holes.
 * Linear in the cells' edges; a general union of hundreds of cells took over a second.
 */
export function unionOfCells(cells: readonly Polygon[]): Polygon | MultiPolygon | null {
  const keyOf = (p: Position) => `${p[0]},${p[1]}`;
  const edges = new Map<string, { from: Position; to: Position }>();
  for (const cell of cells) {
    const ring = cell.coordinates[0]!;
    const ccw = signedArea2(ring) > 0;
    for (let i = 1; i < ring.length; i++) {
      const [from, to] = ccw ? [ring[i - 1]!, ring[i]!] : [ring[i]!, ring[i - 1]!];
      const back = `${keyOf(to)}>${keyOf(from)}`;
      if (edges.has(back)) edges.delete(back);
      else edges.set(`${keyOf(from)}>${keyOf(to)}`, { from, to });
    }
  }
  const outgoing = new Map<string, { from: Position; to: Position }[]>();
  for (const e of edges.values()) {
    const k = keyOf(e.from);
    const list = outgoing.get(k);
    if (list) list.push(e);
    else outgoing.set(k, [e]);
  }
  const rings: Position[][] = [];
  for (const [start, list] of outgoing) {
    while (list.length) {
      let edge = list.pop()!;
      const ring: Position[] = [edge.from];
      for (let guard = edges.size + 1; guard > 0; guard--) {
        ring.push(edge.to);
        const k = keyOf(edge.to);
        if (k === start && !outgoing.get(start)!.length) break;
        const next = outgoing.get(k)?.pop();
        if (!next) break;
        edge = next;
      }
      if (ring.length >= 4) rings.push(ring);
    }
  }
  const outers = rings.filter((r) => signedArea2(r) > 0).map((r) => [r]);
  for (const hole of rings.filter((r) => signedArea2(r) < 0)) {
    const owner = outers.find((o) => ringContains(o[0]!, hole[0]!));
    owner?.push(hole);
  }
  if (!outers.length) return null;
  return outers.length === 1 ? { type: 'Polygon', coordinates: outers[0]! } : { type: 'MultiPolygon', coordinates: outers };
}

/** The union of the buildings' cells clipped to the community; null for no buildings. */
export function areaOutline(cells: Cells, buildingIds: readonly string[], community: Outline): Outline | null {
  const own = [...new Set(buildingIds.map((id) => cells.get(id)).filter((c): c is Polygon => !!c))];
  const joined = unionOfCells(own);
  if (!joined) return null;
  const clipped = intersect(featureCollection<Outline>([polygonFeature(joined), polygonFeature(community)]));
  return clipped?.geometry ?? null;
}

const polygonFeature = (geometry: Outline) => ({ type: 'Feature' as const, properties: {}, geometry });

/**
 * Outlines per area key, reusing the previous outline of an area whose buildings are unchanged
 * (an edit usually touches one or two areas).
 */
export function areaOutlines(
  cells: Cells,
  community: Outline,
  members: ReadonlyMap<string, readonly string[]>,
  previous: ReadonlyMap<string, { signature: string; outline: Outline | null }> = new Map(),
): Map<string, { signature: string; outline: Outline | null }> {
  const next = new Map<string, { signature: string; outline: Outline | null }>();
  for (const [key, ids] of members) {
    const signature = [...ids].sort().join('|');
    const before = previous.get(key);
    next.set(key, before && before.signature === signature ? before : { signature, outline: areaOutline(cells, ids, community) });
  }
  return next;
}
