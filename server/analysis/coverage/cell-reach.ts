// What a candidate site reaches, for the siting: the points with demand sorted into a square
// grid, and a candidate's reach kept as the whole cells inside its circle plus the single points
// of the cells its circle cuts. Around a 1 km circle on 125 m cells that is ~200 cells and part
// of the points instead of every point, and a gain is a sum over the cells' uncovered demand.
// A reach is listed only when the siting needs a candidate's exact gain; until then the sum over
// the cells its circle touches bounds it from above at a fraction of the cost. The inside test
// is the one `within` makes (points.ts), so the sets reached are exactly the same.
import { distanceM } from '../distance';
import { EARTH_RADIUS_M, METRES_PER_DEGREE } from '../../domain/earth';
import { QUERY_MARGIN, type PointSet } from './points';

/** Cells per radius: 8 measured as fast as 6 or 12 at 1 km; more cells, more whole ones. */
const CELLS_PER_RADIUS = 8;
const MAX_CELLS = 4_000_000;
// Cell bounds are widened by this much so a point rounded onto a cell's edge still counts inside.
const EDGE_M = 1e-6;

export class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

interface Circle {
  lng: number;
  lat: number;
}

export class CellGrid {
  /**
   * Points with demand, cell by cell: cell c holds places cellStart[c] … cellStart[c + 1], and
   * place k is point order[k] with demand weight[k], in cell cellOf[k]. The siting works on
   * places, so what it reads for one cell lies together in memory.
   */
  readonly order: Int32Array;
  readonly cellStart: Int32Array;
  readonly cellOf: Int32Array;
  readonly weight: Float64Array;
  /** Each cell's demand. */
  readonly cellWeight: Float64Array;
  readonly cellCount: number;
  // The points' metres in cell order too: the tests read memory in sequence.
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly size: number;
  private readonly width: number;
  private readonly height: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly outer2: number;
  private readonly inner2: number;

  constructor(
    private readonly points: PointSet,
    demand: Float64Array,
    private readonly radiusM: number,
  ) {
    const { x, y } = points;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    let withDemand = 0;
    for (let i = 0; i < points.n; i++) {
      if (!(demand[i]! > 0)) continue;
      withDemand++;
      if (x[i]! < minX) minX = x[i]!;
      if (x[i]! > maxX) maxX = x[i]!;
      if (y[i]! < minY) minY = y[i]!;
      if (y[i]! > maxY) maxY = y[i]!;
    }
    if (!withDemand) minX = minY = maxX = maxY = 0;
    // A small radius over a wide spread of points would make too many cells: widen them instead.
    const size = Math.max(radiusM / CELLS_PER_RADIUS, Math.sqrt(((maxX - minX + 1) * (maxY - minY + 1)) / MAX_CELLS));
    const width = Math.floor((maxX - minX) / size) + 1;
    const height = Math.floor((maxY - minY) / size) + 1;
    const cellCount = width * height;
    const cellOfPoint = new Int32Array(points.n).fill(-1);
    const cellStart = new Int32Array(cellCount + 1);
    const cellWeight = new Float64Array(cellCount);
    for (let i = 0; i < points.n; i++) {
      if (!(demand[i]! > 0)) continue;
      const c = Math.floor((y[i]! - minY) / size) * width + Math.floor((x[i]! - minX) / size);
      cellOfPoint[i] = c;
      cellStart[c + 1]!++;
      cellWeight[c]! += demand[i]!;
    }
    for (let c = 0; c < cellCount; c++) cellStart[c + 1]! += cellStart[c]!;
    const order = new Int32Array(withDemand);
    const cellOf = new Int32Array(withDemand);
    const weight = new Float64Array(withDemand);
    this.xs = new Float64Array(withDemand);
    this.ys = new Float64Array(withDemand);
    const fill = cellStart.slice(0, cellCount);
    for (let i = 0; i < points.n; i++) {
      const c = cellOfPoint[i]!;
      if (c < 0) continue;
      const k = fill[c]!++;
      [order[k], cellOf[k], weight[k], this.xs[k], this.ys[k]] = [i, c, demand[i]!, x[i]!, y[i]!];
    }
    [this.order, this.cellStart, this.cellOf, this.weight, this.cellWeight, this.cellCount] = [order, cellStart, cellOf, weight, cellWeight, cellCount];
    [this.size, this.width, this.height, this.minX, this.minY] = [size, width, height, minX, minY];
    this.outer2 = (radiusM * QUERY_MARGIN) ** 2;
    this.inner2 = (radiusM / QUERY_MARGIN) ** 2;
  }

  /** Calls `visit` with each non-empty cell the circle may reach and whether it lies wholly inside. */
  private cellsAround(centre: Circle, visit: (c: number, whole: boolean, qx: number, qy: number) => void): void {
    const { size, width, height, minX, minY, cellStart, outer2, inner2 } = this;
    const outer = Math.sqrt(outer2);
    const qx = this.points.projection.x(centre.lng);
    const qy = this.points.projection.y(centre.lat);
    const cx0 = Math.max(0, Math.floor((qx - outer - minX) / size));
    const cx1 = Math.min(width - 1, Math.floor((qx + outer - minX) / size));
    const cy0 = Math.max(0, Math.floor((qy - outer - minY) / size));
    const cy1 = Math.min(height - 1, Math.floor((qy + outer - minY) / size));
    for (let cy = cy0; cy <= cy1; cy++) {
      const y0 = minY + cy * size - EDGE_M;
      const y1 = y0 + size + 2 * EDGE_M;
      const nearY = qy < y0 ? y0 - qy : qy > y1 ? qy - y1 : 0;
      const farY = Math.max(Math.abs(qy - y0), Math.abs(qy - y1));
      for (let cx = cx0; cx <= cx1; cx++) {
        const c = cy * width + cx;
        if (cellStart[c] === cellStart[c + 1]) continue;
        const x0 = minX + cx * size - EDGE_M;
        const x1 = x0 + size + 2 * EDGE_M;
        const nearX = qx < x0 ? x0 - qx : qx > x1 ? qx - x1 : 0;
        if (nearX * nearX + nearY * nearY > outer2) continue;
        const farX = Math.max(Math.abs(qx - x0), Math.abs(qx - x1));
        visit(c, farX * farX + farY * farY <= inner2, qx, qy);
      }
    }
  }

  /** At least the gain of the candidate: what is left uncovered in every cell its circle touches. */
  bound(centre: Circle, uncovered: Float64Array): number {
    let sum = 0;
    this.cellsAround(centre, (c) => (sum += uncovered[c]!));
    return sum;
  }

  /** Appends the whole cells and the single places the candidate reaches. */
  reach(centre: Circle, cells: IntList, single: IntList): void {
    const { cellStart, order, xs, ys, inner2, outer2, points } = this;
    const ring = ringTest(centre, this.radiusM);
    this.cellsAround(centre, (c, whole, qx, qy) => {
      if (whole) return cells.push(c);
      for (let k = cellStart[c]!; k < cellStart[c + 1]!; k++) {
        const dx = xs[k]! - qx;
        const dy = ys[k]! - qy;
        const d2 = dx * dx + dy * dy;
        if (d2 <= inner2 || (d2 <= outer2 && ring(points.lng[order[k]!]!, points.lat[order[k]!]!))) single.push(k);
      }
    });
  }
}

/**
 * Great-circle distance ≤ radius, for points in the ring the shared projection cannot decide:
 * a projection about the candidate's own latitude is off by under tan(lat) × Δlat (in radians),
 * so with twice that as a margin it decides all but a hair of the ring, and the great-circle
 * distance the rest (at 1 km, 20,000 distances for 5,000 candidates instead of 650,000).
 */
function ringTest(centre: Circle, radiusM: number): (lng: number, lat: number) => boolean {
  const kx = METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180);
  const spread = (QUERY_MARGIN * radiusM) / EARTH_RADIUS_M;
  const off = 2 * (Math.abs(Math.tan((centre.lat * Math.PI) / 180)) + 1) * spread;
  const sure = off < 0.5 ? (radiusM * (1 - off)) ** 2 : -1;
  const beyond = (radiusM * (1 + off)) ** 2;
  return (lng, lat) => {
    const dx = (lng - centre.lng) * kx;
    const dy = (lat - centre.lat) * METRES_PER_DEGREE;
    const d2 = dx * dx + dy * dy;
    if (d2 <= sure) return true;
    if (d2 > beyond) return false;
    return distanceM([centre.lng, centre.lat], [lng, lat]) <= radiusM;
  };
}
