import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, geometryToWgs84, positionToWgs84, wgs84ToGcj02 } from '../../server/analysis/crs';

/** Ground distance in metres between two nearby lon/lat points (equirectangular is plenty here). */
function metres(a: [number, number], b: [number, number]): number {
  const dx = (a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
  const dy = (a[1] - b[1]) * 110_540;
  return Math.hypot(dx, dy);
}

// Reference pairs published with the widely used coordtransform library (wandergis/coordtransform,
// test/app.js), all computed from the point (116.404, 39.915) in Beijing.
const P: [number, number] = [116.404, 39.915];
const REF = {
  wgs84ToGcj02: [116.41024449916938, 39.91640428150164] as [number, number],
  gcj02ToBd09: [116.41036949371029, 39.92133699351021] as [number, number],
  // Its inverses are the one-step approximations; ours iterate, so they may differ by a metre or two.
  bd09ToGcj02OneStep: [116.39762729119315, 39.90865673957631] as [number, number],
  gcj02ToWgs84OneStep: [116.39775550083061, 39.91359571849836] as [number, number],
};

describe('forward transforms match the published reference values', () => {
  it('WGS84 → GCJ-02', () => {
    const [lon, lat] = wgs84ToGcj02(P);
    expect(lon).toBeCloseTo(REF.wgs84ToGcj02[0], 10);
    expect(lat).toBeCloseTo(REF.wgs84ToGcj02[1], 10);
  });

  it('GCJ-02 → BD-09', () => {
    const [lon, lat] = gcj02ToBd09(P);
    expect(lon).toBeCloseTo(REF.gcj02ToBd09[0], 10);
    expect(lat).toBeCloseTo(REF.gcj02ToBd09[1], 10);
  });
});

describe('inverse transforms reach sub-metre accuracy', () => {
  it('GCJ-02 → WGS84 brings the reference GCJ-02 point back to where it came from', () => {
    expect(metres(gcj02ToWgs84(REF.wgs84ToGcj02), P)).toBeLessThan(0.01);
  });

  it('BD-09 → GCJ-02 brings the reference BD-09 point back to where it came from', () => {
    expect(metres(bd09ToGcj02(REF.gcj02ToBd09), P)).toBeLessThan(0.01);
  });

  it('agrees with the one-step approximations to within their own error of a few metres', () => {
    const gcj = gcj02ToWgs84(P);
    const bd = bd09ToGcj02(P);
    expect(metres(gcj, REF.gcj02ToWgs84OneStep)).toBeLessThan(3);
    expect(metres(bd, REF.bd09ToGcj02OneStep)).toBeLessThan(3);
    // …and is better than them: the forward transform of our answer lands on the input.
    expect(metres(wgs84ToGcj02(gcj), P)).toBeLessThan(0.01);
    expect(metres(wgs84ToGcj02(REF.gcj02ToWgs84OneStep), P)).toBeGreaterThan(metres(wgs84ToGcj02(gcj), P));
  });

  it('round-trips points across the demo city and the rest of China', () => {
    for (const p of [[120.28, 31.91], [121.47, 31.23], [87.6, 43.8], [126.6, 45.75], [110.3, 20.0]] as Array<[number, number]>) {
      expect(metres(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(0.01);
      expect(metres(positionToWgs84(gcj02ToBd09(wgs84ToGcj02(p)), 'BD09'), p)).toBeLessThan(0.01);
    }
  });
});

describe('declared systems', () => {
  it('takes WGS84 and CGCS2000 as they are and drops altitude', () => {
    expect(positionToWgs84([120.28, 31.91, 12], 'WGS84')).toEqual([120.28, 31.91]);
    expect(positionToWgs84([120.28, 31.91], 'CGCS2000')).toEqual([120.28, 31.91]);
  });

  it('moves GCJ-02 input by the several hundred metres of the offset', () => {
    const shift = metres(positionToWgs84([120.28, 31.91], 'GCJ02'), [120.28, 31.91]);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
  });

  it('leaves GCJ-02 coordinates outside China unshifted, as the offset itself does', () => {
    expect(positionToWgs84([2.35, 48.85], 'GCJ02')).toEqual([2.35, 48.85]);
  });

  it('converts every position of a polygon, keeping its rings closed', () => {
    const ring = [[120.28, 31.91], [120.29, 31.91], [120.29, 31.92], [120.28, 31.91]];
    const out = geometryToWgs84({ type: 'MultiPolygon', coordinates: [[ring]] }, 'BD09');
    if (out.type !== 'MultiPolygon') throw new Error(`expected a MultiPolygon, got ${out.type}`);
    const converted = out.coordinates[0]![0]!;
    expect(converted).toHaveLength(4);
    expect(converted[0]).toEqual(converted[3]);
    converted.forEach((p, i) => expect(metres(p as [number, number], ring[i] as [number, number])).toBeGreaterThan(500));
    expect(geometryToWgs84({ type: 'Point', coordinates: [120.28, 31.91] }, 'WGS84')).toEqual({ type: 'Point', coordinates: [120.28, 31.91] });
  });
});
