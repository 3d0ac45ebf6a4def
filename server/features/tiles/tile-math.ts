// Web-Mercator tile arithmetic (the XYZ scheme MapLibre requests).

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** A tile's bounds in WGS84 degrees: [west, south, east, north]. */
export function tileBounds({ z, x, y }: TileCoord): [number, number, number, number] {
  const n = 2 ** z;
  const lng = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lng(x), lat(y + 1), lng(x + 1), lat(y)];
}

/** Degrees covered by one of the tile's 4096 grid units (longitude), for simplification. */
export function tileUnitDegrees(z: number): number {
  return 360 / 2 ** z / 4096;
}
