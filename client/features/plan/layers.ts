// deck.gl layers of the area editor, pure from the plan store's state: the community outline,
// each area's preview outline, buildings coloured by area, the brush, the polygon being drawn,
// and a refused save's problem geometries in red.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { PlanBuilding } from './types';
import type { Outline } from './outlines';
import type { LngLat } from './select';
import type { RGBA } from '../../shared/map/colors';

export interface PlanLayerState {
  community: Outline | null;
  /** Area key → preview outline, in the table's order. */
  outlines: { key: string; outline: Outline | null }[];
  buildings: readonly PlanBuilding[];
  /** Building id → area key (or, while a proposal is previewed, its group's key). */
  colourKey: (buildingId: string) => string | null;
  /** Area key → colour index, stable across edits. */
  colourIndex: ReadonlyMap<string, number>;
  activeKey: string | null;
  brush: { centre: LngLat; radiusM: number } | null;
  drawing: readonly LngLat[];
  problems: readonly Geometry[];
  beforeId?: string;
}

const AREA_COLOURS: [number, number, number][] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75],
  [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207], [0, 90, 50], [120, 60, 160],
];

export function areaColour(index: number, alpha = 255): RGBA {
  const [r, g, b] = AREA_COLOURS[((index % AREA_COLOURS.length) + AREA_COLOURS.length) % AREA_COLOURS.length]!;
  return [r, g, b, alpha];
}

const UNASSIGNED: RGBA = [255, 255, 255, 255];
const UNASSIGNED_LINE: RGBA = [200, 0, 0, 255];
const PROBLEM_FILL: RGBA = [230, 0, 0, 90];
const PROBLEM_LINE: RGBA = [200, 0, 0, 255];
const COMMUNITY_LINE: RGBA = [60, 40, 120, 255];
const DRAW_LINE: RGBA = [20, 20, 20, 255];

type Props = Record<string, unknown> & { beforeId?: string };

export function buildPlanLayers(state: PlanLayerState): Layer[] {
  const layers: Layer[] = [];
  const colourOf = (key: string | null, alpha: number) => {
    const index = key === null ? undefined : state.colourIndex.get(key);
    return index === undefined ? null : areaColour(index, alpha);
  };
  const areaFeatures: Feature<Outline, { key: string }>[] = state.outlines
    .filter((o): o is { key: string; outline: Outline } => o.outline !== null)
    .map((o) => ({ type: 'Feature', properties: { key: o.key }, geometry: o.outline }));
  layers.push(
    new GeoJsonLayer({
      id: 'plan-areas',
      data: { type: 'FeatureCollection', features: areaFeatures },
      beforeId: state.beforeId,
      filled: true,
      stroked: true,
      getFillColor: (f: Feature<Outline, { key: string }>) => colourOf(f.properties.key, f.properties.key === state.activeKey ? 110 : 55) ?? UNASSIGNED,
      getLineColor: (f: Feature<Outline, { key: string }>) => colourOf(f.properties.key, 255) ?? DRAW_LINE,
      getLineWidth: (f: Feature<Outline, { key: string }>) => (f.properties.key === state.activeKey ? 4 : 1.5),
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: [state.activeKey, state.colourIndex], getLineColor: [state.colourIndex], getLineWidth: [state.activeKey] },
      pickable: false,
    } as Props),
  );
  if (state.community) {
    layers.push(
      new GeoJsonLayer({
        id: 'plan-community',
        data: { type: 'Feature', properties: {}, geometry: state.community },
        beforeId: state.beforeId,
        filled: false,
        stroked: true,
        getLineColor: COMMUNITY_LINE,
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        pickable: false,
      } as Props),
    );
  }
  if (state.problems.length) {
    layers.push(
      new GeoJsonLayer({
        id: 'plan-problems',
        data: { type: 'FeatureCollection', features: state.problems.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) },
        filled: true,
        stroked: true,
        getFillColor: PROBLEM_FILL,
        getLineColor: PROBLEM_LINE,
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        pointRadiusUnits: 'pixels',
        getPointRadius: 8,
        pickable: false,
      }),
    );
  }
  layers.push(
    new ScatterplotLayer<PlanBuilding>({
      id: 'plan-buildings',
      data: state.buildings as PlanBuilding[],
      getPosition: (b) => [b.lng, b.lat],
      radiusUnits: 'pixels',
      getRadius: 4,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getFillColor: (b) => colourOf(state.colourKey(b.id), 255) ?? UNASSIGNED,
      getLineColor: (b) => (state.colourKey(b.id) === null ? UNASSIGNED_LINE : [255, 255, 255, 255]),
      updateTriggers: { getFillColor: [state.colourKey, state.colourIndex], getLineColor: [state.colourKey] },
      pickable: false,
    }),
  );
  if (state.drawing.length) {
    layers.push(
      new PathLayer<LngLat[]>({
        id: 'plan-drawing',
        data: [state.drawing.length > 2 ? [...state.drawing, state.drawing[0]!] : [...state.drawing]],
        getPath: (p) => p,
        getColor: DRAW_LINE,
        getWidth: 2,
        widthUnits: 'pixels',
        pickable: false,
      }),
      new ScatterplotLayer<LngLat>({
        id: 'plan-drawing-vertices',
        data: state.drawing as LngLat[],
        getPosition: (p) => p,
        radiusUnits: 'pixels',
        getRadius: 5,
        getFillColor: [255, 255, 255, 255],
        stroked: true,
        getLineColor: DRAW_LINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        pickable: false,
      }),
    );
  }
  if (state.brush) {
    layers.push(
      new ScatterplotLayer<LngLat>({
        id: 'plan-brush',
        data: [state.brush.centre],
        getPosition: (p) => p,
        radiusUnits: 'meters',
        getRadius: state.brush.radiusM,
        filled: true,
        getFillColor: [255, 255, 255, 40],
        stroked: true,
        getLineColor: colourOf(state.activeKey, 255) ?? DRAW_LINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        updateTriggers: { getRadius: [state.brush.radiusM], getLineColor: [state.activeKey] },
        pickable: false,
      }),
    );
  }
  return layers;
}
