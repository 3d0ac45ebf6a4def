// Where the k groups start: seeds shared out among the parts that barriers cut the community
// into (in proportion to their size, largest remainder), and within a part placed far apart
// (farthest-point, the deterministic cousin of k-means++), so growth starts on every bank.
import type { NeighbourGraph } from './graph';

/** Parts of the graph when barrier edges are ignored (or, with `acrossBarriers`, its connected pieces). */
function barrierParts(g: NeighbourGraph, acrossBarriers = false): number[][] {
  const part = new Int32Array(g.n).fill(-1);
  const parts: number[][] = [];
  for (let s = 0; s < g.n; s++) {
    if (part[s]! >= 0) continue;
    const members = [s];
    part[s] = parts.length;
    for (let q = 0; q < members.length; q++) {
      const u = members[q]!;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const v = g.nbr[e]!;
        if ((acrossBarriers || !g.barrier[e]) && part[v]! < 0) {
          part[v] = parts.length;
          members.push(v);
        }
      }
    }
    parts.push(members);
  }
  return parts;
}

function farthestPoints(g: NeighbourGraph, members: number[], count: number): number[] {
  let cx = 0;
  let cy = 0;
  for (const i of members) {
    cx += g.xs[i]!;
    cy += g.ys[i]!;
  }
  cx /= members.length;
  cy /= members.length;
  const dist = new Float64Array(members.length).fill(Infinity);
  const seeds: number[] = [];
  // The first seed is the building farthest from the centre; each next one the farthest from all seeds so far.
  let next = 0;
  let best = -1;
  members.forEach((i, j) => {
    const d = (g.xs[i]! - cx) ** 2 + (g.ys[i]! - cy) ** 2;
    if (d > best) [best, next] = [d, j];
  });
  while (seeds.length < count) {
    const s = members[next]!;
    seeds.push(s);
    // A chosen building is never chosen again, even among duplicates at distance 0.
    dist[next] = -Infinity;
    best = -1;
    members.forEach((i, j) => {
      dist[j] = Math.min(dist[j]!, (g.xs[i]! - g.xs[s]!) ** 2 + (g.ys[i]! - g.ys[s]!) ** 2);
      if (dist[j]! > best) [best, next] = [dist[j]!, j];
    });
  }
  return seeds;
}

export function placeSeeds(g: NeighbourGraph, weight: Float64Array, k: number): number[] {
  const parts = barrierParts(g).map((members) => ({ members, w: members.reduce((s, i) => s + weight[i]!, 0), seeds: 0 }));
  const total = parts.reduce((s, p) => s + p.w, 0);
  // No part can hold more seeds than buildings.
  for (const p of parts) p.seeds = Math.min(p.members.length, Math.floor(total > 0 ? (k * p.w) / total : (k * p.members.length) / g.n));
  let left = k - parts.reduce((s, p) => s + p.seeds, 0);
  const byRemainder = [...parts].sort((a, b) => (total > 0 ? (k * b.w) / total - b.seeds - ((k * a.w) / total - a.seeds) : b.members.length - a.members.length));
  while (left > 0) {
    let placed = false;
    for (const p of byRemainder) {
      if (left > 0 && p.seeds < p.members.length) {
        p.seeds++;
        left--;
        placed = true;
      }
    }
    if (!placed) break;
  }
  givePiecesASeed(g, parts, k);
  return parts.flatMap((p) => (p.seeds ? farthestPoints(g, p.members, p.seeds) : []));
}

/**
 * Growth never leaves a piece of the graph (a community in two parts, a building cut off by the
 * boundary), so every piece needs a seed of its own: the heaviest seedless pieces take one each
 * from parts that hold several, while there are any.
 */
function givePiecesASeed(g: NeighbourGraph, parts: Array<{ members: number[]; w: number; seeds: number }>, k: number): void {
  const pieces = barrierParts(g, true);
  if (pieces.length === 1 || k < 2) return;
  const pieceOf = new Int32Array(g.n);
  pieces.forEach((members, i) => members.forEach((u) => (pieceOf[u] = i)));
  const seedsIn = new Int32Array(pieces.length);
  for (const p of parts) seedsIn[pieceOf[p.members[0]!]!]! += p.seeds;
  const weightOf = (members: number[]) => parts.filter((p) => pieceOf[p.members[0]!] === pieceOf[members[0]!]).reduce((s, p) => s + p.w, 0);
  const seedless = pieces.map((members, i) => ({ i, w: weightOf(members) })).filter((x) => seedsIn[x.i] === 0).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i } of seedless) {
    const donor = parts.filter((p) => p.seeds > 1 || (p.seeds === 1 && seedsIn[pieceOf[p.members[0]!]!]! > 1)).sort((a, b) => b.seeds - a.seeds)[0];
    if (!donor) return;
    donor.seeds--;
    seedsIn[pieceOf[donor.members[0]!]!]!--;
    const taker = parts.filter((p) => pieceOf[p.members[0]!] === i).sort((a, b) => b.w - a.w || b.members.length - a.members.length)[0]!;
    taker.seeds++;
    seedsIn[i]!++;
  }
}
