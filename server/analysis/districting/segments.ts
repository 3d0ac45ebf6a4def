// Does a neighbour-graph edge cross a barrier line? Proper segment intersection with a
// bounding-box prefilter, since most edges are nowhere near a river.

export type Segment = [number, number, number, number];

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

export function segmentsCross(a: Segment, b: Segment): boolean {
  const [ax, ay, bx, by] = a;
  const [cx, cy, dx, dy] = b;
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Barrier segments in a uniform grid of buckets, so an edge tests only the segments near it. */
export class SegmentIndex {
  private readonly buckets = new Map<string, Segment[]>();
  constructor(
    segments: Segment[],
    private readonly cell: number,
  ) {
    for (const s of segments) for (const key of this.keys(s)) (this.buckets.get(key) ?? this.buckets.set(key, []).get(key)!).push(s);
  }

  private keys([ax, ay, bx, by]: Segment): string[] {
    const keys: string[] = [];
    const c = this.cell;
    for (let i = Math.floor(Math.min(ax, bx) / c); i <= Math.floor(Math.max(ax, bx) / c); i++)
      for (let j = Math.floor(Math.min(ay, by) / c); j <= Math.floor(Math.max(ay, by) / c); j++) keys.push(`${i},${j}`);
    return keys;
  }

  crosses(edge: Segment): boolean {
    for (const key of this.keys(edge)) for (const s of this.buckets.get(key) ?? []) if (segmentsCross(edge, s)) return true;
    return false;
  }
}
