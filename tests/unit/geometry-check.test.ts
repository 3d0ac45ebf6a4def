import { describe, expect, it } from 'vitest';
import { say } from '../../server/domain/messages';
import { checkGeometry, MAX_VERTICES, type CheckResult } from '../../server/analysis/geometry-check';

const square = [[120.28, 31.91], [120.29, 31.91], [120.29, 31.92], [120.28, 31.92], [120.28, 31.91]];
const polygon = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings });

function problemOf(result: CheckResult) {
  if (result.ok) throw new Error('expected the geometry to be refused');
  return result.problem;
}

describe('accepted geometries', () => {
  it('takes a Polygon and a MultiPolygon for polygonal objects, dropping altitude', () => {
    expect(checkGeometry(polygon(square), 'polygonal')).toEqual({ ok: true, geometry: polygon(square) });
    const withAltitude = square.map(([x, y]) => [x, y, 5]);
    expect(checkGeometry({ type: 'MultiPolygon', coordinates: [[withAltitude]] }, 'polygonal')).toEqual({
      ok: true,
      geometry: { type: 'MultiPolygon', coordinates: [[square]] },
    });
  });

  it('takes a Point for point objects', () => {
    expect(checkGeometry({ type: 'Point', coordinates: [120.28, 31.91] }, 'point')).toEqual({ ok: true, geometry: { type: 'Point', coordinates: [120.28, 31.91] } });
  });
});

describe('refused as malformed (400)', () => {
  it.each([
    ['not an object', 'POLYGON((0 0))', /GeoJSON geometry object/],
    ['no type', { coordinates: [] }, /GeoJSON geometry object/],
    ['a feature instead of a geometry', { type: 'Feature', geometry: polygon(square) }, /Polygon or MultiPolygon, not Feature/],
    ['the wrong geometry type', { type: 'LineString', coordinates: square }, /Polygon or MultiPolygon, not LineString/],
    ['coordinates missing', { type: 'Polygon' }, /coordinates must be an array/],
    ['a ring that is not an array', polygon('ring'), /ring 0: a ring must be an array/],
    ['a position that is not numbers', polygon([...square.slice(0, 2), ['120.29', '31.92'], ...square.slice(3)]), /ring 0, position 2: a position must be \[longitude, latitude\]/],
  ])('%s', (_name, input, message) => {
    const problem = problemOf(checkGeometry(input, 'polygonal'));
    expect(problem.status).toBe(400);
    expect(problem.message).toMatch(message);
  });

  it('a polygon given where a point belongs', () => {
    expect(problemOf(checkGeometry(polygon(square), 'point'))).toMatchObject({ status: 400, message: 'geometry must be Point, not Polygon' });
  });

  it('a point with a single number', () => {
    expect(problemOf(checkGeometry({ type: 'Point', coordinates: [120.28] }, 'point'))).toMatchObject({ status: 400, message: expect.stringMatching(/^the point: /) });
  });
});

describe('refused as unacceptable geometry (422), naming the place', () => {
  it('an unclosed ring, at its last position', () => {
    const open = square.slice(0, 4).concat([[120.281, 31.91]]);
    const problem = problemOf(checkGeometry({ type: 'MultiPolygon', coordinates: [[square], [square, open]] }, 'polygonal'));
    expect(problem).toMatchObject({ status: 422, where: { polygon: 1, ring: 1, position: 4 } });
    expect(problem.message).toMatch(/^polygon 1, ring 1: the ring is not closed/);
    expect(say(problem, 'zh')).toMatch(/^多边形 1、环 1：环没有闭合，最后一个坐标 \[120\.281, 31\.91\]/);
  });

  it('a ring of fewer than 4 positions', () => {
    const problem = problemOf(checkGeometry(polygon([square[0], square[1], square[0]]), 'polygonal'));
    expect(problem).toMatchObject({ status: 422, where: { ring: 0 } });
    expect(problem.message).toMatch(/at least 4 positions.*has 3/);
  });

  it('a polygon without rings and a multipolygon without polygons', () => {
    expect(problemOf(checkGeometry(polygon(), 'polygonal'))).toMatchObject({ status: 422, message: expect.stringMatching(/outer ring/) });
    expect(problemOf(checkGeometry({ type: 'MultiPolygon', coordinates: [] }, 'polygonal'))).toMatchObject({ status: 422 });
  });

  it('a coordinate that is not finite (JSON 1e400 parses to Infinity)', () => {
    const ring = JSON.parse(JSON.stringify(square).replace('120.29,31.91', '1e400,31.91'));
    const problem = problemOf(checkGeometry(polygon(ring), 'polygonal'));
    expect(problem).toMatchObject({ status: 422, where: { ring: 0, position: 1 } });
    expect(problem.message).toMatch(/finite/);
  });

  it('longitude and latitude out of range', () => {
    const badLon = square.map((p, i) => (i === 2 ? [190, 31.92] : p));
    expect(problemOf(checkGeometry(polygon(badLon), 'polygonal'))).toMatchObject({
      status: 422,
      message: 'ring 0, position 2: longitude 190 is outside -180..180',
    });
    expect(problemOf(checkGeometry({ type: 'Point', coordinates: [31.91, 120.28] }, 'point'))).toMatchObject({
      status: 422,
      message: 'the point: latitude 120.28 is outside -90..90',
    });
    expect(say(problemOf(checkGeometry({ type: 'Point', coordinates: [31.91, 120.28] }, 'point')), 'zh')).toBe('该点：纬度 120.28 超出 -90..90（是否把经纬度写反了？）');
  });

  it('more vertices than the cap, counted over all rings', () => {
    const ring = Array.from({ length: MAX_VERTICES / 2 }, (_, i) => [120 + i * 1e-6, 31.9]);
    ring.push(ring[0]!);
    expect(problemOf(checkGeometry(polygon(ring, ring), 'polygonal'))).toMatchObject({ status: 422, message: expect.stringMatching(/too many vertices/) });
    expect(checkGeometry(polygon(ring), 'polygonal').ok).toBe(true);
  });
});
