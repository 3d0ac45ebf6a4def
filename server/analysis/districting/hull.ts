// Polsby-Popper (4πA/P²) of the convex hull of a group's building points. A hull, not the
// union of Voronoi cells: cheap and independent of where the community's edge is drawn, at the
// price of not seeing dents in the group; 1 is a circle, a thin strip tends to 0.

function cross(ox: number, oy: number, ax: number, ay: number, bx: number, by: number): number {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

/** Andrew's monotone chain; points as [x, y] in metres. */
function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const half = (pts: [number, number][]) => {
    const h: [number, number][] = [];
    for (const q of pts) {
      while (h.length >= 2 && cross(h[h.length - 2]![0], h[h.length - 2]![1], h[h.length - 1]![0], h[h.length - 1]![1], q[0], q[1]) <= 0) h.pop();
      h.push(q);
    }
    h.pop();
    return h;
  };
  return [...half(p), ...half(p.reverse())];
}

export function hullPolsbyPopper(points: [number, number][]): number | null {
  const h = convexHull(points);
  if (h.length < 3) return null;
  let area = 0;
  let perimeter = 0;
  h.forEach((a, i) => {
    const b = h[(i + 1) % h.length]!;
    area += a[0] * b[1] - b[0] * a[1];
    perimeter += Math.hypot(b[0] - a[0], b[1] - a[1]);
  });
  area = Math.abs(area) / 2;
  return area > 0 ? (4 * Math.PI * area) / perimeter ** 2 : null;
}
