// Outline of a cell set, traced exactly from the lattice: a boundary edge is a cell side
// whose neighbour is outside the set. Walking those edges with the set on the left gives
// counter-clockwise exteriors and clockwise holes (RFC 7946) without any floating-point
// polygon union, and shared boundaries come out as identical coordinate sequences.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { NX, NY, cellI, cellJ, vertexIndex, type Lattice } from './lattice.js';

export function outline(L: Lattice, cells: readonly number[], member: (c: number) => boolean): Polygon | MultiPolygon {
  // next[v] = following vertex along the boundary; sets are pinch-free, so each boundary
  // vertex has exactly one outgoing boundary edge.
  const next = new Map<number, number>();
  const add = (from: number, to: number): void => {
    if (next.has(from)) throw new Error(`pinched outline at vertex ${from}`);
    next.set(from, to);
  };
  for (const c of cells) {
    const i = cellI(c);
    const j = cellJ(c);
    const bl = vertexIndex(i, j);
    const br = vertexIndex(i + 1, j);
    const tr = vertexIndex(i + 1, j + 1);
    const tl = vertexIndex(i, j + 1);
    if (j === 0 || !member(c - NX)) add(bl, br);
    if (i === NX - 1 || !member(c + 1)) add(br, tr);
    if (j === NY - 1 || !member(c + NX)) add(tr, tl);
    if (i === 0 || !member(c - 1)) add(tl, bl);
  }
  const starts = [...next.keys()].sort((a, b) => a - b);
  const used = new Set<number>();
  const shells: Array<{ ring: Position[]; area: number; minV: number }> = [];
  const holes: Array<{ ring: Position[]; area: number; probe: number }> = [];
  for (const s of starts) {
    if (used.has(s)) continue;
    const verts: number[] = [];
    let v = s;
    do {
      used.add(v);
      verts.push(v);
      v = next.get(v) as number;
    } while (v !== s);
    // Orientation from integer lattice coordinates: exact, and the warp preserves it.
    let twice = 0;
    for (let k = 0; k < verts.length; k++) {
      const a = verts[k] as number;
      const b = verts[(k + 1) % verts.length] as number;
      const ai = a % (NX + 1);
      const aj = Math.floor(a / (NX + 1));
      const bi = b % (NX + 1);
      const bj = Math.floor(b / (NX + 1));
      twice += ai * bj - bi * aj;
    }
    const ring = verts.map((vv) => [L.lng[vv] as number, L.lat[vv] as number]);
    ring.push([...(ring[0] as Position)]);
    if (twice > 0) shells.push({ ring, area: twice, minV: s });
    else holes.push({ ring, area: -twice, probe: s });
  }
  if (shells.length === 0) throw new Error('empty outline');
  if (shells.length === 1) {
    return { type: 'Polygon', coordinates: [(shells[0] as { ring: Position[] }).ring, ...holes.map((h) => h.ring)] };
  }
  // Several components (only for sets that are not connected): holes go to the shell
  // that contains them.
  const polys: Position[][][] = shells.map((sh) => [sh.ring]);
  for (const h of holes) {
    const p = h.ring[0] as Position;
    const k = shells.findIndex((sh) => pointInRing(p, sh.ring));
    (polys[k < 0 ? 0 : k] as Position[][]).push(h.ring);
  }
  return { type: 'MultiPolygon', coordinates: polys };
}

function pointInRing(p: Position, ring: Position[]): boolean {
  const x = p[0] as number;
  const y = p[1] as number;
  let inside = false;
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
    const xa = (ring[a] as Position)[0] as number;
    const ya = (ring[a] as Position)[1] as number;
    const xb = (ring[b] as Position)[0] as number;
    const yb = (ring[b] as Position)[1] as number;
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}
