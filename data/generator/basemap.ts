// Background features. The Yangtze is traced from the lattice like the land units, so the
// bank is one shared line. Inland rivers, a lake and roads are drawn on top as lines (and
// one small polygon) that do not cut the administrative tessellation.
import type { LineString, Position } from 'geojson';
import type { BasemapFeature } from '../city.js';
import { CELL_M, NX, cellI, cellJ, toLngLat, type Lattice } from './lattice.js';
import { outline } from './outline.js';
import type { Random } from './rng.js';

const CITY_ROADS = ['人民路', '长江路', '建设路', '解放路', '中山路', '滨江路', '文化路', '健康路'];

export function buildBasemap(L: Lattice, seatCells: number[], streetCount: number, rnd: Random): BasemapFeature[] {
  const out: BasemapFeature[] = [];
  const W = NX * CELL_M;
  const riverCells: number[] = [];
  for (let c = 0; c < L.kind.length; c++) if (L.kind[c] === 2) riverCells.push(c);
  out.push({ kind: 'river', name: '长江', geom: outline(L, riverCells, (c) => L.kind[c] === 2) });

  const at = (x: number, y: number): Position => {
    const [wx, wy] = L.warp(x, y);
    return toLngLat(wx, wy);
  };
  const line = (pts: Array<[number, number]>): LineString => ({ type: 'LineString', coordinates: pts.map(([x, y]) => at(x, y)) });
  const bankY = (x: number): number => (L.bank[Math.max(0, Math.min(NX - 1, Math.floor(x / CELL_M)))] as number) * CELL_M;
  const southY = (x: number): number => (L.south[Math.max(0, Math.min(NX - 1, Math.floor(x / CELL_M)))] as number) * CELL_M;

  // Two rivers flowing north into the Yangtze; they end a little inside it.
  for (const [name, fx] of [['新沟河', 0.21], ['横港河', 0.77]] as Array<[string, number]>) {
    const x0 = W * fx;
    const p1 = rnd.range(0, 6.28);
    const p2 = rnd.range(0, 6.28);
    const pts: Array<[number, number]> = [];
    const xAt = (y: number): number => x0 + 700 * Math.sin(y / 2100 + p1) + 250 * Math.sin(y / 650 + p2);
    for (let y = southY(x0); ; y += 400) {
      const x = xAt(y);
      const end = bankY(x) + 400;
      pts.push([x, Math.min(y, end)]);
      if (y >= end) break;
    }
    out.push({ kind: 'river', name, geom: line(pts) });
  }
  {
    const y0 = 10_500;
    const p = rnd.range(0, 6.28);
    const pts: Array<[number, number]> = [];
    for (let x = 0; x <= W; x += 500) pts.push([x, y0 + 600 * Math.sin(x / 3200 + p)]);
    out.push({ kind: 'river', name: '滨江运河', geom: line(pts) });
  }
  {
    // An oxbow lake in the west, well inside the land.
    const cx = W * 0.33;
    const cy = 17_000;
    const a = rnd.range(0, Math.PI);
    const ring: Position[] = [];
    for (let k = 0; k < 32; k++) {
      const t = (k / 32) * Math.PI * 2;
      const ex = 950 * Math.cos(t) * (1 + 0.08 * Math.sin(3 * t));
      const ey = 480 * Math.sin(t);
      ring.push(at(cx + ex * Math.cos(a) - ey * Math.sin(a), cy + ex * Math.sin(a) + ey * Math.cos(a)));
    }
    ring.push([...(ring[0] as Position)]);
    out.push({ kind: 'lake', name: '白鹭湖', geom: { type: 'Polygon', coordinates: [ring] } });
  }

  // Expressways: one along the river, one north–south to the (future) bridge.
  {
    const p = rnd.range(0, 6.28);
    const pts: Array<[number, number]> = [];
    for (let x = 0; x <= W; x += 1000) pts.push([x, 19_000 + 900 * Math.sin(x / 7000 + p)]);
    out.push({ kind: 'expressway', name: '沿江高速', geom: line(pts) });
    const x0 = W * 0.63;
    const q: Array<[number, number]> = [];
    const top = bankY(x0) - 600;
    for (let y = southY(x0); y < top; y += 1000) q.push([x0 + 500 * Math.sin(y / 5000 + p), y]);
    q.push([x0 + 500 * Math.sin(top / 5000 + p), top]);
    out.push({ kind: 'expressway', name: '江海高速', geom: line(q) });
  }

  // Main roads join the town seats: a minimum spanning tree plus each seat's nearest
  // missing link, so the network has a few loops like a real one.
  const seat = seatCells.map((c): [number, number] => [(cellI(c) + 0.5) * CELL_M, (cellJ(c) + 0.5) * CELL_M]);
  const d = (a: number, b: number): number => Math.hypot((seat[a] as number[])[0]! - (seat[b] as number[])[0]!, (seat[a] as number[])[1]! - (seat[b] as number[])[1]!);
  const edges = new Set<string>();
  const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);
  const inTree = new Set<number>([0]);
  while (inTree.size < seat.length) {
    let best: [number, number] | null = null;
    let bd = Infinity;
    for (const a of inTree) {
      for (let b = 0; b < seat.length; b++) {
        if (!inTree.has(b) && d(a, b) < bd) {
          bd = d(a, b);
          best = [a, b];
        }
      }
    }
    const [a, b] = best as [number, number];
    edges.add(key(a, b));
    inTree.add(b);
  }
  for (let a = 0; a < seat.length; a++) {
    const others = seat.map((_, b) => b).filter((b) => b !== a && !edges.has(key(a, b)));
    others.sort((x, y) => d(a, x) - d(a, y));
    const b = others[0];
    if (b !== undefined && d(a, b) < 12_000) edges.add(key(a, b));
  }
  [...edges].sort().forEach((e, n) => {
    const [a, b] = e.split('-').map(Number) as [number, number];
    const [ax, ay] = seat[a] as [number, number];
    const [bx, by] = seat[b] as [number, number];
    const bend = rnd.range(-0.08, 0.08);
    const mx = (ax + bx) / 2 - (by - ay) * bend;
    const my = (ay + by) / 2 + (bx - ax) * bend;
    const steps = Math.max(2, Math.ceil(d(a, b) / 500));
    const pts: Array<[number, number]> = [];
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      pts.push([
        (1 - t) * (1 - t) * ax + 2 * t * (1 - t) * mx + t * t * bx,
        (1 - t) * (1 - t) * ay + 2 * t * (1 - t) * my + t * t * by,
      ]);
    }
    out.push({ kind: 'main_road', name: `X2${String(n + 1).padStart(2, '0')}县道`, geom: line(pts) });
  });

  // A street grid in the old centre, around the street seats.
  let cx = 0;
  let cy = 0;
  for (let s = 0; s < streetCount; s++) {
    cx += (seat[s] as [number, number])[0] / streetCount;
    cy += (seat[s] as [number, number])[1] / streetCount;
  }
  for (let k = 0; k < 8; k++) {
    const off = (k % 4) * 900 - 1350;
    const pts: Array<[number, number]> = [];
    for (let t = -2400; t <= 2400; t += 400) pts.push(k < 4 ? [cx + t, cy + off] : [cx + off, cy + t]);
    out.push({ kind: 'road', name: CITY_ROADS[k] as string, geom: line(pts) });
  }
  return out;
}
