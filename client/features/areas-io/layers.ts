// deck.gl layers of an import preview: the community's current areas as thin outlines, the
// imported areas filled, and the places a save was refused for (overlaps, parts outside) in red.
// Pure, built from the areas-io store's state.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { fillFor, type RGBA } from '../../shared/map/colors';

export interface ImportLayerState {
  current: MultiPolygon[];
  imported: { name: string; geometry: Polygon | MultiPolygon }[];
  problems: Geometry[];
  /** Index of the imported area to stand out (a warning or refusal is about it). */
  highlighted?: number;
}

const CURRENT_LINE: RGBA = [70, 70, 90, 200];
const IMPORTED_LINE: RGBA = [30, 60, 160, 255];
const HIGHLIGHT_LINE: RGBA = [214, 40, 40, 255];
const PROBLEM_FILL: RGBA = [214, 40, 40, 150];

const feature = <G extends Geometry>(geometry: G, properties: Record<string, unknown> = {}): Feature<G> => ({ type: 'Feature', properties, geometry });

export function buildImportLayers(state: ImportLayerState): Layer[] {
  return [
    new GeoJsonLayer({
      id: 'import-current',
      data: state.current.map((g) => feature(g)),
      filled: false,
      stroked: true,
      getLineColor: CURRENT_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    new GeoJsonLayer<{ index: number; name: string }>({
      id: 'import-preview',
      data: state.imported.map((a, index) => feature(a.geometry, { index, name: a.name })),
      filled: true,
      stroked: true,
      getFillColor: (f) => fillFor(f.properties.name),
      getLineColor: (f) => (f.properties.index === state.highlighted ? HIGHLIGHT_LINE : IMPORTED_LINE),
      lineWidthUnits: 'pixels',
      getLineWidth: (f) => (f.properties.index === state.highlighted ? 4 : 2),
      updateTriggers: { getLineColor: state.highlighted, getLineWidth: state.highlighted },
    }),
    new GeoJsonLayer({
      id: 'import-problems',
      data: state.problems.map((g) => feature(g)),
      filled: true,
      stroked: true,
      getFillColor: PROBLEM_FILL,
      getLineColor: HIGHLIGHT_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pointRadiusUnits: 'pixels',
      getPointRadius: 8,
    }),
  ];
}

/** The box around everything shown, for the camera; null when there is nothing. */
export function importFrame(state: ImportLayerState): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as number[];
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const g of [...state.current, ...state.imported.map((a) => a.geometry)]) visit(g.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}
