// deck.gl layers comparing two versions of an object: land added and removed below, then A and
// B as light fills with outlines (B thinner, above A), so both outlines stay visible everywhere.
// Pure, like buildGridLayers: the history page builds them from the history store's state.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Geometry, Point } from 'geojson';
import type { ShapeDiff } from './diff';
import {
  HISTORY_A_FILL,
  HISTORY_A_LINE,
  HISTORY_ADDED,
  HISTORY_B_FILL,
  HISTORY_B_LINE,
  HISTORY_REMOVED,
  type RGBA,
} from '../../shared/map/colors';

export interface HistoryLayerState {
  a: Geometry | null;
  b: Geometry | null;
  diff: ShapeDiff | null;
}

function shape(id: string, geometry: Geometry, fill: RGBA, line: RGBA, width: number): Layer {
  if (geometry.type === 'Point') {
    return new ScatterplotLayer<Point>({
      id,
      data: [geometry],
      getPosition: (p) => p.coordinates as [number, number],
      radiusUnits: 'pixels',
      getRadius: 8,
      getFillColor: line,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: [255, 255, 255, 255],
    });
  }
  return new GeoJsonLayer({
    id,
    data: [{ type: 'Feature', geometry, properties: {} } as Feature],
    filled: true,
    stroked: true,
    getFillColor: fill,
    getLineColor: line,
    lineWidthUnits: 'pixels',
    getLineWidth: width,
  });
}

function land(id: string, part: Feature | null, fill: RGBA): Layer[] {
  if (!part) return [];
  return [new GeoJsonLayer({ id, data: [part], filled: true, stroked: false, getFillColor: fill })];
}

export function buildHistoryLayers(state: HistoryLayerState): Layer[] {
  const layers: Layer[] = [];
  if (state.diff) layers.push(...land('history-added', state.diff.added, HISTORY_ADDED), ...land('history-removed', state.diff.removed, HISTORY_REMOVED));
  if (state.a) layers.push(shape('history-a', state.a, HISTORY_A_FILL, HISTORY_A_LINE, 4));
  if (state.b) layers.push(shape('history-b', state.b, HISTORY_B_FILL, HISTORY_B_LINE, 2));
  return layers;
}
