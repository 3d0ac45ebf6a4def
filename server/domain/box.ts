// The bounding box of a list of points, in the points' own units (degrees or local metres):
// a shapefile's record and file boxes, a service card's frame.
import type { Position } from 'geojson';

/** [minX, minY, maxX, maxY]; an empty list gives [∞, ∞, −∞, −∞]. */
export type Box = [number, number, number, number];

export function boxOf(points: Position[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x!);
    box[1] = Math.min(box[1], y!);
    box[2] = Math.max(box[2], x!);
    box[3] = Math.max(box[3], y!);
  }
  return box;
}
