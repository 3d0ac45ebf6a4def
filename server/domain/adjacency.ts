// Which buildings of a community are neighbours: those whose Voronoi cells (all the community's
// buildings as sites, in lng/lat degrees, as the painted outline is drawn on the page and in
// PostGIS) share a boundary of positive length inside the community. That shared boundary is
// the Voronoi edge dual to a Delaunay edge, clipped to the community polygon: two buildings on
// either side of a bay of the boundary are Delaunay neighbours, but their cells meet outside
// the community, so their areas' outlines would not. Buildings at one spot share one cell.
import Delaunator from 'delaunator';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Neighbours of point i are nbr[start[i] .. start[i + 1]), in the caller's order of points. */
export interface Adjacency {
  n: number;
  start: Int32Array;
  nbr: Int32Array;
}

/** A shared boundary shorter than this (degrees, about 0.1 mm) is a touch at a corner, as PostGIS's 1e-9 grid sees it. */
const MIN_SHARED = 1e-9;

type Segment = [number, number, number, number];

/** The polygon's edges in horizontal strips, for point-in-polygon and segment crossings near a place. */
class Boundary {
  private readonly edges: Segment[] = [];
  private readonly strips: Segment[][];
  private readonly y0: number;
  private readonly h: number;
  readonly diag: number;
  constructor(shape: Polygon | MultiPolygon) {
    const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
    for (const rings of polygons)
      for (const ring of rings) for (let i = 1; i < ring.length; i++) this.edges.push([ring[i - 1]![0]!, ring[i - 1]![1]!, ring[i]![0]!, ring[i]![1]!]);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [ax, ay, bx, by] of this.edges) {
      minX = Math.min(minX, ax, bx);
      maxX = Math.max(maxX, ax, bx);
      minY = Math.min(minY, ay, by);
      maxY = Math.max(maxY, ay, by);
    }
    const count = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(this.edges.length))));
    this.y0 = minY;
    this.h = Math.max((maxY - minY) / count, 1e-12);
    this.diag = Math.hypot(maxX - minX, maxY - minY);
    this.strips = Array.from({ length: count }, () => []);
    for (const e of this.edges) for (let s = this.strip(Math.min(e[1], e[3])); s <= this.strip(Math.max(e[1], e[3])); s++) this.strips[s]!.push(e);
  }

  private strip(y: number): number {
    return Math.max(0, Math.min(this.strips.length - 1, Math.floor((y - this.y0) / this.h)));
  }

  /** Even-odd over every ring: holes and several parts count as they should. */
  contains(x: number, y: number): boolean {
    let inside = false;
    for (const [ax, ay, bx, by] of this.strips[this.strip(y)]!) {
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
    return inside;
  }

  /** Length of the segment inside the polygon: cut where it crosses an edge, each piece judged by its middle. */
  lengthInside([px, py, qx, qy]: Segment): number {
    const dx = qx - px;
    const dy = qy - py;
    const cuts = [0, 1];
    for (let s = this.strip(Math.min(py, qy)); s <= this.strip(Math.max(py, qy)); s++) {
      for (const [ax, ay, bx, by] of this.strips[s]!) {
        const ex = bx - ax;
        const ey = by - ay;
        const den = dx * ey - dy * ex;
        if (den === 0) continue;
        const t = ((ax - px) * ey - (ay - py) * ex) / den;
        const u = ((ax - px) * dy - (ay - py) * dx) / den;
        if (t > 0 && t < 1 && u >= 0 && u <= 1) cuts.push(t);
      }
    }
    cuts.sort((a, b) => a - b);
    const length = Math.hypot(dx, dy);
    let inside = 0;
    for (let i = 1; i < cuts.length; i++) {
      const [a, b] = [cuts[i - 1]!, cuts[i]!];
      if (b - a <= 0) continue;
      const m = (a + b) / 2;
      if (this.contains(px + m * dx, py + m * dy)) inside += (b - a) * length;
    }
    return inside;
  }
}

function circumcentre(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): [number, number] {
  const dx = bx - ax;
  const dy = by - ay;
  const ex = cx - ax;
  const ey = cy - ay;
  const bl = dx * dx + dy * dy;
  const cl = ex * ex + ey * ey;
  const d = 2 * (dx * ey - dy * ex);
  return [ax + (ey * bl - dy * cl) / d, ay + (dx * cl - ex * bl) / d];
}

/** Pairs of distinct sites whose cells share a boundary of positive length (inside `within`, when given). */
function siteNeighbours(xs: Float64Array, ys: Float64Array, within: Boundary | null): [number, number][] {
  const m = xs.length;
  if (m < 2) return [];
  const shared = (s: Segment, unbounded: boolean) => (within ? within.lengthInside(s) : unbounded ? Infinity : Math.hypot(s[2] - s[0], s[3] - s[1])) > MIN_SHARED;
  const coords = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) [coords[2 * i], coords[2 * i + 1]] = [xs[i]!, ys[i]!];
  const d = new Delaunator(coords);
  // Far enough that a ray's segment leaves the community (or the sites' spread) on every side.
  let reach = within?.diag ?? 0;
  for (let i = 0; i < m; i++) reach = Math.max(reach, Math.hypot(xs[i]! - xs[0]!, ys[i]! - ys[0]!));
  reach = 4 * reach + 1;
  const pairs: [number, number][] = [];
  if (d.triangles.length === 0) {
    // All sites on one line: consecutive ones are separated by their whole perpendicular bisector.
    for (let h = 1; h < d.hull.length; h++) {
      const [a, b] = [d.hull[h - 1]!, d.hull[h]!];
      const [mx, my] = [(xs[a]! + xs[b]!) / 2, (ys[a]! + ys[b]!) / 2];
      const len = Math.hypot(xs[b]! - xs[a]!, ys[b]! - ys[a]!);
      const [nx, ny] = [(-(ys[b]! - ys[a]!) / len) * reach, ((xs[b]! - xs[a]!) / len) * reach];
      if (shared([mx - nx, my - ny, mx + nx, my + ny], true)) pairs.push([a, b]);
    }
    return pairs;
  }
  const centres = new Float64Array(2 * (d.triangles.length / 3));
  for (let t = 0; t < d.triangles.length / 3; t++) {
    const [a, b, c] = [d.triangles[3 * t]!, d.triangles[3 * t + 1]!, d.triangles[3 * t + 2]!];
    [centres[2 * t], centres[2 * t + 1]] = circumcentre(xs[a]!, ys[a]!, xs[b]!, ys[b]!, xs[c]!, ys[c]!);
  }
  for (let e = 0; e < d.triangles.length; e++) {
    const opposite = d.halfedges[e]!;
    if (opposite >= 0 && opposite < e) continue;
    const next = e % 3 === 2 ? e - 2 : e + 1;
    const [a, b] = [d.triangles[e]!, d.triangles[next]!];
    const t = Math.floor(e / 3);
    const [cx, cy] = [centres[2 * t]!, centres[2 * t + 1]!];
    if (opposite >= 0) {
      const u = Math.floor(opposite / 3);
      if (shared([cx, cy, centres[2 * u]!, centres[2 * u + 1]!], false)) pairs.push([a, b]);
      continue;
    }
    // A hull edge: its Voronoi edge is a ray from the circumcentre, away from the triangle's third site.
    const third = d.triangles[next % 3 === 2 ? next - 2 : next + 1]!;
    const len = Math.hypot(xs[b]! - xs[a]!, ys[b]! - ys[a]!);
    let [nx, ny] = [-(ys[b]! - ys[a]!) / len, (xs[b]! - xs[a]!) / len];
    if (nx * (xs[third]! - xs[a]!) + ny * (ys[third]! - ys[a]!) > 0) [nx, ny] = [-nx, -ny];
    if (shared([cx, cy, cx + nx * reach, cy + ny * reach], true)) pairs.push([a, b]);
  }
  return pairs;
}

/**
 * The neighbour graph of points given as [lng, lat]. With `within` (the community), cells are
 * neighbours only where their shared boundary lies inside it; without, anywhere in the plane.
 */
export function buildingAdjacency(points: readonly (readonly [number, number] | Position)[], within?: Polygon | MultiPolygon | null): Adjacency {
  const n = points.length;
  const siteOf = new Int32Array(n);
  const firstAt = new Map<string, number>();
  const firsts: number[] = [];
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const key = `${points[i]![0]},${points[i]![1]}`;
    const site = firstAt.get(key);
    if (site === undefined) {
      firstAt.set(key, firsts.length);
      siteOf[i] = firsts.length;
      firsts.push(i);
    } else {
      siteOf[i] = site;
      edges.push([firsts[site]!, i]);
    }
  }
  const xs = Float64Array.from(firsts, (i) => points[i]![0]!);
  const ys = Float64Array.from(firsts, (i) => points[i]![1]!);
  for (const [a, b] of siteNeighbours(xs, ys, within ? new Boundary(within) : null)) edges.push([firsts[a]!, firsts[b]!]);
  const degree = new Int32Array(n);
  for (const [a, b] of edges) {
    degree[a]!++;
    degree[b]!++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const nbr = new Int32Array(start[n]!);
  for (const [a, b] of edges) {
    nbr[fill[a]!++] = b;
    nbr[fill[b]!++] = a;
  }
  return { n, start, nbr };
}

/** How many connected pieces the members form in the graph (0 for none). */
export function piecesOf(adj: Adjacency, members: readonly number[]): number {
  const wanted = new Set(members);
  const seen = new Set<number>();
  let pieces = 0;
  for (const s of wanted) {
    if (seen.has(s)) continue;
    pieces++;
    seen.add(s);
    const stack = [s];
    while (stack.length) {
      const u = stack.pop()!;
      for (let e = adj.start[u]!; e < adj.start[u + 1]!; e++) {
        const v = adj.nbr[e]!;
        if (wanted.has(v) && !seen.has(v)) {
          seen.add(v);
          stack.push(v);
        }
      }
    }
  }
  return pieces;
}
