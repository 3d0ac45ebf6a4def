// deck.gl layers of the coverage map, built from plain state: each centre's reach as a circle in
// metres, the centres as dots by kind (larger with a dark ring when the floor area is ≥ 1000 m²),
// the heatmap of who is beyond reach (or of everyone), proposed new sites and the estate the leader asked to see.
// Pure, like buildGridLayers: the view hands the result to the overlay and never edits layers.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { CentreKind, Coverage, PlacedCentre, ProposedSite } from './api';
import type { RGBA } from '../../shared/map/colors';

/** The legend's colours, one a kind. */
export const KIND_COLORS: Record<CentreKind, RGBA> = {
  party_service: [200, 30, 30, 255],
  convenience: [30, 110, 200, 255],
  labour: [20, 150, 80, 255],
};
export const CLOSED_COLOR: RGBA = [130, 130, 130, 200];
export const SITE_COLOR: RGBA = [130, 60, 200, 255];
const LARGE_RING: RGBA = [30, 30, 30, 255];
const SELECTED_RING: RGBA = [255, 200, 0, 255];
const ESTATE_MARKER: RGBA = [255, 140, 0, 255];

/** Few people → many: from pale yellow to deep red (the heat legend draws the same stops). */
export const HEAT_COLORS: RGBA[] = [
  [255, 255, 178, 255],
  [254, 217, 118, 255],
  [254, 178, 76, 255],
  [253, 141, 60, 255],
  [240, 59, 32, 255],
  [189, 0, 38, 255],
];

export type HeatWeight = 'population' | 'households' | 'partyMembers';
/** Whom the heatmap shows: those beyond every centre's reach, or everyone. */
export type HeatScope = 'uncovered' | 'everyone';
type HeatPoint = Coverage['uncoveredPoints'][number];
/** Where each weight sits in a heat point `[lng, lat, population, households, partyMembers]`. */
const WEIGHT_INDEX: Record<HeatWeight, 2 | 3 | 4> = { population: 2, households: 3, partyMembers: 4 };

export const heatWeight = (mode: HeatWeight) => (p: HeatPoint) => p[WEIGHT_INDEX[mode]];

export interface CoverageLayerState {
  centres: readonly (PlacedCentre & { large?: boolean })[];
  /** Kinds shown and counted; the others are left off the map. */
  kinds: readonly CentreKind[];
  /** The uncovered buildings, or every building (the same shape), as the heat scope says. */
  heatPoints: readonly HeatPoint[];
  weight: HeatWeight;
  selectedId: string | null;
  sites: readonly ProposedSite[];
  /** Radius of the proposed sites, metres. */
  siteRadiusM: number;
  /** An uncovered estate the leader flew to. */
  focus: [number, number] | null;
  /** MapLibre layer to insert the area-like layers below, so basemap labels stay readable. */
  beforeId?: string;
}

export interface CoverageLayerHandlers {
  onSelect?: (centre: PlacedCentre) => void;
  /** A centre is under the pointer (or no longer: null): the map must not pan when it is dragged. */
  onHoverCentre?: (centre: PlacedCentre | null) => void;
  onDrag?: (centre: PlacedCentre, lngLat: [number, number]) => void;
  onDragEnd?: (centre: PlacedCentre, lngLat: [number, number]) => void;
}

/** The fill of a centre's reach: its kind's colour, faint. */
export function reachFill(kind: CentreKind): RGBA {
  const [r, g, b] = KIND_COLORS[kind];
  return [r, g, b, 28];
}

export function centreColor(c: PlacedCentre): RGBA {
  return c.status === 'closed' ? CLOSED_COLOR : KIND_COLORS[c.kind];
}

const dotRadius = (c: PlacedCentre & { large?: boolean }) => (c.large ? 9 : 6);

type Props<T> = ConstructorParameters<typeof ScatterplotLayer<T>>[0] & { beforeId?: string };

export function buildCoverageLayers(state: CoverageLayerState, handlers: CoverageLayerHandlers = {}): Layer[] {
  const shown = state.centres.filter((c) => state.kinds.includes(c.kind));
  const serving = shown.filter((c) => c.status !== 'closed');
  const coordinate = (info: PickingInfo) => (info.coordinate ? ([info.coordinate[0]!, info.coordinate[1]!] as [number, number]) : null);
  const layers: Layer[] = [];

  if (state.heatPoints.length > 0)
    layers.push(
      new HeatmapLayer<HeatPoint>({
        id: 'coverage-heat',
        data: state.heatPoints as HeatPoint[],
        getPosition: (p) => [p[0], p[1]],
        getWeight: heatWeight(state.weight),
        updateTriggers: { getWeight: state.weight },
        radiusPixels: 35,
        intensity: 1,
        threshold: 0.03,
        colorRange: HEAT_COLORS,
        pickable: false,
      }),
    );

  const reach: Props<PlacedCentre> = {
    id: 'coverage-reach',
    data: serving as PlacedCentre[],
    beforeId: state.beforeId,
    getPosition: (c) => [c.lng, c.lat],
    radiusUnits: 'meters',
    getRadius: (c) => c.radiusM,
    getFillColor: (c) => reachFill(c.kind),
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    getLineColor: (c) => KIND_COLORS[c.kind],
    pickable: false,
  };
  layers.push(new ScatterplotLayer<PlacedCentre>(reach));

  if (state.sites.length > 0)
    layers.push(
      new ScatterplotLayer<ProposedSite>({
        id: 'coverage-site-reach',
        data: state.sites as ProposedSite[],
        getPosition: (s) => [s.lng, s.lat],
        radiusUnits: 'meters',
        getRadius: state.siteRadiusM,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getLineColor: SITE_COLOR,
        updateTriggers: { getRadius: state.siteRadiusM },
      }),
      new ScatterplotLayer<ProposedSite>({
        id: 'coverage-sites',
        data: state.sites as ProposedSite[],
        getPosition: (s) => [s.lng, s.lat],
        radiusUnits: 'pixels',
        getRadius: 7,
        getFillColor: [255, 255, 255, 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: SITE_COLOR,
      }),
    );

  const dots: Props<PlacedCentre & { large?: boolean }> = {
    id: 'coverage-centres',
    data: shown as PlacedCentre[],
    getPosition: (c) => [c.lng, c.lat],
    radiusUnits: 'pixels',
    getRadius: (c) => dotRadius(c) + (c.id === state.selectedId ? 3 : 0),
    getFillColor: centreColor,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (c) => (c.id === state.selectedId ? 3 : c.large ? 2.5 : 1),
    getLineColor: (c) => (c.id === state.selectedId ? SELECTED_RING : c.large ? LARGE_RING : [255, 255, 255, 255]),
    updateTriggers: { getRadius: state.selectedId, getLineWidth: state.selectedId, getLineColor: state.selectedId },
    pickable: true,
    onClick: (info) => {
      if (info.object) handlers.onSelect?.(info.object);
      return true;
    },
    onHover: (info) => handlers.onHoverCentre?.(info.object ?? null),
    onDragStart: (info) => {
      if (info.object) handlers.onSelect?.(info.object);
    },
    onDrag: (info) => {
      const at = coordinate(info);
      if (info.object && at) handlers.onDrag?.(info.object, at);
      return true;
    },
    onDragEnd: (info) => {
      const at = coordinate(info);
      if (info.object && at) handlers.onDragEnd?.(info.object, at);
      return true;
    },
  };
  layers.push(new ScatterplotLayer<PlacedCentre & { large?: boolean }>(dots));

  if (state.focus)
    layers.push(
      new ScatterplotLayer<[number, number]>({
        id: 'coverage-focus',
        data: [state.focus],
        getPosition: (p) => p,
        radiusUnits: 'pixels',
        getRadius: 12,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: ESTATE_MARKER,
      }),
    );
  return layers;
}
