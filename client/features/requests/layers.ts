// deck.gl layers of the request map, built from plain state: each request a dot coloured by its
// category or its status, or the hexagons of how many requests fall in each (~500 m across).
// Pure, like the other builders: the view hands the result to the map host.
import type { Layer } from '@deck.gl/core';
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { RequestCategory } from '../../../server/domain/request-categories';
import type { RequestStatus } from '../../../server/domain/requests';
import type { RGBA } from '../../shared/map/colors';
import type { RequestPoints } from './api';

export type MapMode = 'points' | 'hexes';
export type ColorBy = 'category' | 'status';
type Point = RequestPoints['points'][number];

/** One colour a category, told apart on a pale basemap (the legend draws the same). */
export const CATEGORY_COLORS: Record<RequestCategory, RGBA> = {
  repair: [31, 119, 180, 230],
  employment: [255, 127, 14, 230],
  legal: [148, 103, 189, 230],
  mediation: [214, 39, 40, 230],
  party_transfer: [200, 30, 30, 230],
  elderly: [44, 160, 44, 230],
  sanitation: [140, 86, 75, 230],
  other: [127, 127, 127, 230],
};

/** Open ones warm, closed ones quiet. */
export const STATUS_COLORS: Record<RequestStatus, RGBA> = {
  received: [240, 59, 32, 240],
  assigned: [253, 141, 60, 240],
  in_progress: [31, 119, 180, 240],
  reopened: [189, 0, 38, 240],
  closed: [120, 160, 120, 160],
};

/** Few requests → many, as the hex legend draws it. */
export const HEX_COLORS: RGBA[] = [
  [255, 255, 178, 200],
  [254, 217, 118, 200],
  [254, 178, 76, 200],
  [253, 141, 60, 200],
  [240, 59, 32, 200],
  [189, 0, 38, 200],
];
export const HEX_RADIUS_M = 500;

export interface RequestLayerState {
  answer: RequestPoints | null;
  mode: MapMode;
  colorBy: ColorBy;
  /** Categories shown; the others are left off. */
  shown: readonly RequestCategory[];
  beforeId?: string;
}

/** The points of the categories shown. */
export function shownPoints(state: Pick<RequestLayerState, 'answer' | 'shown'>): Point[] {
  const a = state.answer;
  if (!a) return [];
  const shown = new Set(state.shown);
  return a.points.filter((p) => shown.has(a.categories[p[2]]!));
}

// The overlay is interleaved: `beforeId` puts a layer below the basemap's labels.
type PointProps = ConstructorParameters<typeof ScatterplotLayer<Point>>[0] & { beforeId?: string };
type HexProps = ConstructorParameters<typeof HexagonLayer<Point>>[0] & { beforeId?: string };

export function buildRequestLayers(state: RequestLayerState): Layer[] {
  const a = state.answer;
  if (!a) return [];
  const data = shownPoints(state);
  if (state.mode === 'hexes') {
    const hexes: HexProps = {
      id: 'request-hexes',
      beforeId: state.beforeId,
      data,
      getPosition: (p) => [p[0], p[1]],
      radius: HEX_RADIUS_M,
      coverage: 0.9,
      extruded: false,
      gpuAggregation: false,
      colorRange: HEX_COLORS.map(([r, g, b]) => [r, g, b]),
      opacity: 0.75,
    };
    return [new HexagonLayer<Point>(hexes)];
  }
  const colorOf = (p: Point): RGBA => (state.colorBy === 'category' ? CATEGORY_COLORS[a.categories[p[2]]!] : STATUS_COLORS[a.statuses[p[3]]!]);
  const points: PointProps = {
    id: 'request-points',
    beforeId: state.beforeId,
    data,
    getPosition: (p) => [p[0], p[1]],
    getFillColor: colorOf,
    getLineColor: [255, 255, 255, 200],
    lineWidthMinPixels: 0.5,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: 4,
    updateTriggers: { getFillColor: [state.colorBy] },
  };
  return [new ScatterplotLayer<Point>(points)];
}
