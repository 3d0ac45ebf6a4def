// Candidate sites as the centres of a hexagonal grid (pointy-top, `spacingM` between neighbouring
// centres) over the points, keeping only cells that hold at least one point: a site where
// nobody lives is no candidate, and a hex grid covers the plane with the least overlap of
// circles at a given spacing.
import type { PointSet } from './points';

export function occupiedHexCentres(points: PointSet, spacingM: number): { lng: number; lat: number }[] {
  if (!(spacingM > 0)) throw new RangeError('spacingM must be positive');
  const { projection } = points;
  const kx = projection.x(1) - projection.x(0);
  const ky = projection.y(1) - projection.y(0);
  const rowH = (spacingM * Math.sqrt(3)) / 2;
  const cells = new Map<string, [number, number]>();
  for (let i = 0; i < points.n; i++) {
    const x = projection.x(points.lng[i]!);
    const y = projection.y(points.lat[i]!);
    // Nearest hex centre: check the two candidate rows, each with its half-spacing offset.
    let best: [number, number] | null = null;
    let bestD = Infinity;
    const r0 = Math.floor(y / rowH);
    for (const r of [r0, r0 + 1]) {
      const offset = r & 1 ? spacingM / 2 : 0;
      const c = Math.round((x - offset) / spacingM);
      const cx = c * spacingM + offset;
      const cy = r * rowH;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD) [best, bestD] = [[r, c], d];
    }
    const [r, c] = best!;
    const key = `${r},${c}`;
    if (!cells.has(key)) cells.set(key, [(c * spacingM + (r & 1 ? spacingM / 2 : 0)) / kx, (r * rowH) / ky]);
  }
  return [...cells.values()].map(([lng, lat]) => ({ lng, lat }));
}
