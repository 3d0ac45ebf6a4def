// The city is drawn on a lattice of ~200 m cells. Every administrative unit is a set of
// cells, so units tessellate exactly by construction; the lattice VERTICES are moved
// (a smooth warp plus a small per-vertex jitter) so boundaries look organic, and because
// each vertex is computed once, neighbouring units share their boundary coordinates bit
// for bit.
import type { Position } from 'geojson';
import { hash01, deriveSeed } from './rng.js';

export const CELL_M = 200;
/** Columns: 190 × 200 m ≈ 38 km ≈ 0.40° of longitude at 31.9°N. */
export const NX = 190;
/** Rows: 150 × 200 m = 30 km; the top rows are the Yangtze. */
export const NY = 150;

export const ORIGIN_LNG = 120.0;
export const ORIGIN_LAT = 31.8;
const REF_LAT = 31.93;
// The lattice's own scale, the WGS84 ellipsoid's degree lengths near REF_LAT, not the sphere of
// server/domain/earth.ts: it fixes where the demo city lies, and another scale would move every
// building (up to ~80 m at the far edge) and the test fixtures cut from them.
const M_PER_DEG_LAT = 110_900;
const M_PER_DEG_LNG = 111_320 * Math.cos((REF_LAT * Math.PI) / 180);

export interface Lattice {
  nx: number;
  ny: number;
  /** Per column: first land row (south edge) and first river row (the bank). */
  south: Int32Array;
  bank: Int32Array;
  /** Per cell: 1 land, 2 river, 0 neither. */
  kind: Uint8Array;
  /** Per vertex (index j*(nx+1)+i): warped metric position and its rounded lng/lat. */
  vx: Float64Array;
  vy: Float64Array;
  lng: Float64Array;
  lat: Float64Array;
  /** Per cell: a travel cost used by region growing (rough, spatially correlated). */
  cost: Float64Array;
  warp: (x: number, y: number) => [number, number];
}

export const cellIndex = (i: number, j: number): number => j * NX + i;
export const cellI = (c: number): number => c % NX;
export const cellJ = (c: number): number => Math.floor(c / NX);
export const vertexIndex = (i: number, j: number): number => j * (NX + 1) + i;

export function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function toLngLat(x: number, y: number): Position {
  return [round7(ORIGIN_LNG + x / M_PER_DEG_LNG), round7(ORIGIN_LAT + y / M_PER_DEG_LAT)];
}

/** 4-neighbours inside the lattice (diagonals never count: they would make pinched rings). */
export function neighbours4(c: number): number[] {
  const i = cellI(c);
  const j = cellJ(c);
  const out: number[] = [];
  if (i > 0) out.push(c - 1);
  if (i < NX - 1) out.push(c + 1);
  if (j > 0) out.push(c - NX);
  if (j < NY - 1) out.push(c + NX);
  return out;
}

export function buildLattice(seed: number): Lattice {
  const s = deriveSeed(seed, 'lattice');
  const ph = (k: number): number => hash01(s, k, 7) * Math.PI * 2;

  // Column-wise land extent. Each column is one vertical run, so the land (and the
  // river above it) can never pinch; adjacent columns always overlap by many rows.
  const south = new Int32Array(NX);
  const bank = new Int32Array(NX);
  for (let i = 0; i < NX; i++) {
    south[i] = Math.round(2 + 1.6 * Math.sin(i / 17 + ph(1)) + 0.8 * Math.sin(i / 6.1 + ph(2)));
    bank[i] = Math.round(131 + 4.5 * Math.sin(i / 13 + ph(3)) + 2.2 * Math.sin(i / 4.7 + ph(4)) + 1.2 * Math.sin(i / 2.3 + ph(5)));
  }
  const kind = new Uint8Array(NX * NY);
  for (let j = 0; j < NY; j++) {
    for (let i = 0; i < NX; i++) {
      const c = cellIndex(i, j);
      if (j >= (bank[i] as number)) kind[c] = 2;
      else if (j >= (south[i] as number)) kind[c] = 1;
    }
  }

  // A smooth warp bends the lattice lines into gentle curves; its strain (~0.2) is small
  // enough that every cell stays a convex quadrilateral, so rings stay simple.
  const p = [ph(11), ph(12), ph(13), ph(14)];
  const warp = (x: number, y: number): [number, number] => [
    x + 260 * Math.sin(y / 2300 + (p[0] as number)) + 120 * Math.sin((x + y) / 1300 + (p[1] as number)),
    y + 260 * Math.sin(x / 2600 + (p[2] as number)) + 120 * Math.sin((x - y) / 1500 + (p[3] as number)),
  ];

  const nv = (NX + 1) * (NY + 1);
  const vx = new Float64Array(nv);
  const vy = new Float64Array(nv);
  const lng = new Float64Array(nv);
  const lat = new Float64Array(nv);
  const jitter = CELL_M * 0.2;
  for (let j = 0; j <= NY; j++) {
    for (let i = 0; i <= NX; i++) {
      const v = vertexIndex(i, j);
      const [wx, wy] = warp(i * CELL_M, j * CELL_M);
      const x = wx + (hash01(s, i, j, 1) * 2 - 1) * jitter;
      const y = wy + (hash01(s, i, j, 2) * 2 - 1) * jitter;
      vx[v] = x;
      vy[v] = y;
      const ll = toLngLat(x, y);
      lng[v] = ll[0] as number;
      lat[v] = ll[1] as number;
    }
  }

  // Travel cost: coarse value noise (so regions bulge and bend) times fine noise (so
  // boundaries are ragged rather than straight bisectors).
  const cost = new Float64Array(NX * NY);
  const coarse = (i: number, j: number): number => {
    const g = 9;
    const gi = Math.floor(i / g);
    const gj = Math.floor(j / g);
    const fx = i / g - gi;
    const fy = j / g - gj;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const h = (a: number, b: number): number => hash01(s, a, b, 3);
    const top = h(gi, gj + 1) * (1 - sx) + h(gi + 1, gj + 1) * sx;
    const bot = h(gi, gj) * (1 - sx) + h(gi + 1, gj) * sx;
    return bot * (1 - sy) + top * sy;
  };
  for (let j = 0; j < NY; j++) {
    for (let i = 0; i < NX; i++) {
      cost[cellIndex(i, j)] = (0.6 + 0.8 * coarse(i, j)) * (0.75 + 0.5 * hash01(s, i, j, 4));
    }
  }

  return { nx: NX, ny: NY, south, bank, kind, vx, vy, lng, lat, cost, warp };
}

/** Metric centre of a cell (mean of its four warped corners). */
export function cellCentre(L: Lattice, c: number): [number, number] {
  return cellPoint(L, c, 0.5, 0.5);
}

/**
 * Bilinear point inside a cell. Cells are convex quads, so any (u, v) in [0, 1]² maps
 * inside the cell — this is how buildings are guaranteed to lie inside their area.
 */
export function cellPoint(L: Lattice, c: number, u: number, v: number): [number, number] {
  const i = cellI(c);
  const j = cellJ(c);
  const a = vertexIndex(i, j);
  const b = vertexIndex(i + 1, j);
  const d = vertexIndex(i, j + 1);
  const e = vertexIndex(i + 1, j + 1);
  const x = (1 - u) * (1 - v) * (L.vx[a] as number) + u * (1 - v) * (L.vx[b] as number) + (1 - u) * v * (L.vx[d] as number) + u * v * (L.vx[e] as number);
  const y = (1 - u) * (1 - v) * (L.vy[a] as number) + u * (1 - v) * (L.vy[b] as number) + (1 - u) * v * (L.vy[d] as number) + u * v * (L.vy[e] as number);
  return [x, y];
}

/** Unwarped lattice coordinates of a cell centre, in cells: for cheap distance tests. */
export function cellXY(c: number): [number, number] {
  return [cellI(c) + 0.5, cellJ(c) + 0.5];
}

export function cellDist2(a: number, b: number): number {
  const di = cellI(a) - cellI(b);
  const dj = cellJ(a) - cellJ(b);
  return di * di + dj * dj;
}
