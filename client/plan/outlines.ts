// An area's preview outline, as the server will derive it on save: the Voronoi cells of its
// buildings, joined and clipped to the community. The cells are computed once per community
// (buildings do not move); an area's outline only when its buildings change.
import { bbox, featureCollection, intersect, point, polygon, union, voronoi } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PlanBuilding } from '../api/planTypes';

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

/** The union of the buildings' cells clipped to the community; null for no buildings. */
export function areaOutline(cells: Cells, buildingIds: readonly string[], community: Outline): Outline | null {
  const own = [...new Set(buildingIds.map((id) => cells.get(id)).filter((c): c is Polygon => !!c))];
  if (!own.length) return null;
  const joined: Feature<Outline> | null = own.length === 1 ? polygon(own[0]!.coordinates) : union(featureCollection(own.map((c) => polygon(c.coordinates))));
  if (!joined) return null;
  const clipped = intersect(featureCollection<Outline>([joined, { type: 'Feature', properties: {}, geometry: community }]));
  return clipped?.geometry ?? null;
}

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
