// Judging a file's coordinate system from its numbers: only where they make it clear (degrees,
// a zone-prefixed X, Web Mercator), a question with the region's zone suggested where they do
// not, never GCJ-02 or BD-09 by itself; Y written first is noticed; and which systems would put
// stray coordinates into the region.
import type { Position } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { crsFromChoice, positionConverter, type SourceCrs } from '../../server/analysis/areas-io/projections';
import { detectCrs, fittingCrs } from '../../server/analysis/onboarding/crs-detect';
import { wgs84ToGcj02 } from '../../server/analysis/crs';
import type { Box } from '../../server/domain/box';
import { say } from '../../server/domain/messages';

/** Around the demo city (a county on the Yangtze near 120°E, 32°N). */
const REGION: Box = [119.9, 31.7, 120.6, 32.3];
const PLACES: Position[] = [[120.19, 31.99], [120.25, 32.05], [120.31, 31.93], [120.05, 32.11], [120.4, 32.2]];
const inSystem = (label: string, places = PLACES) => places.map((p) => proj4('WGS84', crsFromChoice(label)!.proj!).forward([p[0]!, p[1]!]));
const labels = (systems: SourceCrs[]) => systems.map((c) => c.label);
const yFirst = (sample: Position[]) => sample.map(([x, y]) => [y!, x!]);

describe('detectCrs', () => {
  it('takes the system the file declares, whatever the numbers', () => {
    const declared = crsFromChoice('4549')!;
    expect(detectCrs([[120.19, 31.99]], declared)).toEqual({ status: 'declared', crs: declared });
  });

  it('reads degrees as CGCS2000, never as a web map offset', () => {
    const gcj = PLACES.map((p) => wgs84ToGcj02([p[0]!, p[1]!]));
    for (const sample of [PLACES, gcj]) {
      const found = detectCrs(sample, undefined, REGION);
      expect(found.status === 'detected' && [found.crs.label, found.reason.code]).toEqual(['EPSG:4490', 'crs_degrees']);
    }
  });

  it('notices latitude written before longitude and reads it that way round', () => {
    const found = detectCrs(yFirst(PLACES));
    if (found.status !== 'detected') throw new Error(found.status);
    expect([found.crs.label, found.reason.code]).toEqual(['EPSG:4490:yx', 'crs_degrees_swapped']);
    expect(positionConverter(found.crs)([31.99, 120.19])).toEqual([120.19, 31.99]);
  });

  it('names the zone of an X with the zone number in front, also when Y comes first', () => {
    const zoned = inSystem('4528');
    const found = detectCrs(zoned);
    expect(found.status === 'detected' && [found.crs.label, say(found.reason, 'zh')]).toEqual(['EPSG:4528', 'X 坐标带有 40 带的带号：按 CGCS2000 3 度带高斯-克吕格 EPSG:4528 读取']);
    const swapped = detectCrs(yFirst(zoned));
    expect(swapped.status === 'detected' && [swapped.crs.label, swapped.reason.code]).toEqual(['EPSG:4528:yx', 'crs_zone_prefix_swapped']);
    const back = positionConverter((swapped as { crs: SourceCrs }).crs)(yFirst(zoned)[0]!);
    expect(back[0]).toBeCloseTo(120.19, 7);
  });

  it('asks which zone an X without its zone number is in, suggesting the one that lands in the region', () => {
    const plain = inSystem('4549');
    const found = detectCrs(plain, undefined, REGION);
    if (found.status !== 'ambiguous') throw new Error(found.status);
    expect(labels(found.candidates)).toEqual(Array.from({ length: 21 }, (_, i) => `EPSG:${4534 + i}`));
    expect(found.suggested?.label).toBe('EPSG:4549');
    expect(say(found.reason, 'en')).toMatch(/EPSG:4549 lands in the region/);
    const unplaced = detectCrs(plain);
    expect(unplaced.status === 'ambiguous' && unplaced.suggested).toBeUndefined();
  });

  it('detects Web Mercator metres', () => {
    const found = detectCrs(inSystem('3857'));
    expect(found.status === 'detected' && found.crs.label).toBe('EPSG:3857');
  });

  it('is not put off by a mistyped row, but does not choose among mixed kinds of numbers', () => {
    const mostly = [...Array.from({ length: 4 }, () => PLACES).flat(), [0, 0.5e6]];
    expect(detectCrs(mostly).status).toBe('detected');
    const mixed = [...PLACES, ...inSystem('4549')];
    const found = detectCrs(mixed);
    expect(found.status === 'ambiguous' && [found.candidates, found.reason.code]).toEqual([[], 'crs_mixed']);
    expect(detectCrs([]).status === 'ambiguous' && (detectCrs([]) as { reason: { code: string } }).reason.code).toBe('crs_no_positions');
  });
});

describe('fittingCrs', () => {
  it('says which system would put metres that landed outside the region into it', () => {
    expect(labels(fittingCrs(inSystem('4549'), REGION))).toEqual(['EPSG:4549']);
    expect(labels(fittingCrs(yFirst(inSystem('4528')), REGION))).toEqual(['EPSG:4528:yx']);
  });

  it('offers the web map offsets for degrees, which move points by only a few hundred metres', () => {
    expect(labels(fittingCrs(PLACES, REGION))).toEqual(['EPSG:4490', 'GCJ-02', 'BD-09']);
    expect(fittingCrs(PLACES, [100, 20, 101, 21])).toEqual([]);
  });
});
