// Coordinate systems that clients send: WGS84 and CGCS2000 (the same to within centimetres,
// stored as is), and the two offset systems of Chinese web maps, GCJ-02 (Amap, Tencent) and
// BD-09 (Baidu). Offsets are undone on the way in, so nothing is ever stored shifted. The
// caller always names the system; nothing here guesses it from the numbers.
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

export const INPUT_CRS = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'] as const;
export type InputCrs = (typeof INPUT_CRS)[number];

type LonLat = [number, number];

// The published GCJ-02 parameters: Krasovsky 1940 semi-major axis and eccentricity squared.
const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 shifts only inside China's rough bounding box; outside it equals WGS84. */
const outsideChina = ([lon, lat]: LonLat) => lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02(p: LonLat): LonLat {
  if (outsideChina(p)) return [p[0], p[1]];
  const [lon, lat] = p;
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (shiftLat(lon - 105.0, lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (shiftLon(lon - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

export function gcj02ToBd09([lon, lat]: LonLat): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

// 1e-9° is about 0.1 mm: far below the sub-metre the inverses must reach.
const TOLERANCE_DEG = 1e-9;
const MAX_STEPS = 30;

/**
 * Neither offset has a closed-form inverse (the one-step formulas in circulation are off by up
 * to a couple of metres). The offset changes slowly with position, so fixed-point iteration
 * on the forward transform converges in a handful of steps.
 */
function invert(forward: (p: LonLat) => LonLat, target: LonLat): LonLat {
  let guess: LonLat = [target[0], target[1]];
  for (let step = 0; step < MAX_STEPS; step++) {
    const [fx, fy] = forward(guess);
    const dx = fx - target[0];
    const dy = fy - target[1];
    if (Math.abs(dx) < TOLERANCE_DEG && Math.abs(dy) < TOLERANCE_DEG) break;
    guess = [guess[0] - dx, guess[1] - dy];
  }
  return guess;
}

export const gcj02ToWgs84 = (p: LonLat): LonLat => invert(wgs84ToGcj02, p);
export const bd09ToGcj02 = (p: LonLat): LonLat => invert(gcj02ToBd09, p);

const TO_WGS84: Record<InputCrs, (p: LonLat) => LonLat> = {
  WGS84: (p) => p,
  CGCS2000: (p) => p,
  GCJ02: gcj02ToWgs84,
  BD09: (p) => gcj02ToWgs84(bd09ToGcj02(p)),
};

/** One position into WGS84; any altitude is dropped (storage is two-dimensional). */
export function positionToWgs84(p: Position, crs: InputCrs): LonLat {
  return TO_WGS84[crs]([p[0]!, p[1]!]);
}

/** A checked geometry (see geometry-check.ts) with every position in WGS84. */
export function geometryToWgs84(geometry: Point | Polygon | MultiPolygon, crs: InputCrs): Point | Polygon | MultiPolygon {
  const ring = (r: Position[]) => r.map((p) => positionToWgs84(p, crs));
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: positionToWgs84(geometry.coordinates, crs) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(ring)) };
  }
}
