// A record's place from what the file holds: a feature's geometry or a pair of coordinates,
// moved into WGS84 from the file's system and passed through the geometry gate. A point layer
// takes an outline too (a building's footprint): its place is then a point inside it.
import { pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { isPointLayer, type LayerGeometry } from '../../domain/layers';
import { say, type MessageCode, type MessageParams } from '../../domain/messages';
import { checkGeometry, type GeometryShape, type ProblemPlace } from '../geometry-check';

/** A surveyed town boundary runs to tens of thousands of vertices; hand-drawn areas stay under the gate's usual 10,000. */
export const MAX_SURVEYED_VERTICES = 250_000;

export interface Place {
  geometry: Point | Polygon | MultiPolygon;
  footprint?: Polygon | MultiPolygon;
}
export interface PlaceProblem {
  code: MessageCode;
  params: MessageParams;
  where?: ProblemPlace;
}
export type PlaceResult = { place: Place } | { problem: PlaceProblem };

const isPosition = (p: unknown): p is Position => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));

/** Positions that are not number pairs are left as they are, for the gate to name. */
function convert(coordinates: unknown, toWgs84: (p: Position) => Position): unknown {
  return isPosition(coordinates) ? toWgs84(coordinates) : Array.isArray(coordinates) ? coordinates.map((c) => convert(c, toWgs84)) : coordinates;
}

function gate(type: string, coordinates: unknown, shape: GeometryShape): { geometry: Point | Polygon | MultiPolygon } | { problem: PlaceProblem } {
  const checked = checkGeometry({ type, coordinates }, shape, MAX_SURVEYED_VERTICES);
  if (checked.ok) return { geometry: checked.geometry };
  const inner = { code: checked.problem.code, params: checked.problem.params };
  return {
    problem: {
      code: 'record_geometry',
      params: { problemCode: inner.code, problem: say(inner, 'zh'), problemEn: say(inner, 'en') },
      ...(checked.problem.where ? { where: checked.problem.where } : {}),
    },
  };
}

const wrongType = (type: string, layer: LayerGeometry): { problem: PlaceProblem } => ({
  problem: { code: 'record_geometry_type', params: { type, expected: isPointLayer(layer) ? 'point' : 'polygon' } },
});

/** A feature's geometry as the layer takes it; null when the feature has none. */
export function featurePlace(geometry: unknown, layer: LayerGeometry, toWgs84: (p: Position) => Position): PlaceResult | null {
  if (geometry === null || geometry === undefined) return null;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  const name = String(type);
  const polygonal = name === 'Polygon' || name === 'MultiPolygon';
  const moved = convert(coordinates, toWgs84);
  if (isPointLayer(layer)) {
    // A multipoint of one point is how some exports write a point.
    if (name === 'MultiPoint' && Array.isArray(moved) && moved.length === 1) return asPlace(gate('Point', moved[0], 'point'));
    if (name === 'Point') return asPlace(gate('Point', moved, 'point'));
    if (!polygonal) return wrongType(name, layer);
    const outline = gate(name, moved, 'polygonal');
    if ('problem' in outline) return outline;
    const footprint = outline.geometry as Polygon | MultiPolygon;
    const inside = pointOnFeature(footprint).geometry;
    return { place: { geometry: { type: 'Point', coordinates: inside.coordinates }, footprint } };
  }
  if (!polygonal) return wrongType(name, layer);
  return asPlace(gate(name, moved, 'polygonal'));
}

function asPlace(result: ReturnType<typeof gate>): PlaceResult {
  return 'problem' in result ? result : { place: { geometry: result.geometry } };
}

/** A point from a pair of coordinates in the file's system. */
export function pointPlace(position: Position, toWgs84: (p: Position) => Position): PlaceResult {
  return asPlace(gate('Point', toWgs84(position), 'point'));
}
