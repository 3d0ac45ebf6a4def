// deck.gl layers of the import's preview map, pure from the wizard's state: the city as it is
// (towns and communities outlined in grey), each staged layer drawn over it (boundaries filled,
// places as dots), rows with an error in red and with a warning in orange, the problems' own
// places (overlaps, gaps, invalid vertices) in red, and the problem the admin picked ringed.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { LAYER_ORDER, LAYER_SPECS, type ImportLayer } from '../../../server/domain/layers';
import type { PreviewCollection, PreviewFeature } from '../../../server/features/import/types';
import type { UnitCollection } from '../../shared/api/types';
import { fillFor, type RGBA } from '../../shared/map/colors';

export interface PreviewLayerState {
  /** The city as it is now: the staged layers are drawn over it. */
  current: { towns: UnitCollection | null; communities: UnitCollection | null };
  staged: Partial<Record<ImportLayer, PreviewCollection>>;
  /** The staged layers the admin keeps on the map. */
  shown: ReadonlySet<ImportLayer>;
  /** The problems' own places. */
  problems: readonly Geometry[];
  /** The picked problem's place. */
  selected: Geometry | null;
  beforeId?: string;
}

export interface PreviewHandlers {
  /** A staged row was clicked: its layer and line in the file. */
  onPick?: (layer: ImportLayer, line: number) => void;
}

const CURRENT_LINE: RGBA = [90, 90, 110, 200];
const ERROR: RGBA = [214, 40, 40, 255];
const ERROR_FILL: RGBA = [214, 40, 40, 140];
const WARNING: RGBA = [230, 140, 30, 255];
const WARNING_FILL: RGBA = [230, 140, 30, 120];
const LINE: RGBA = [40, 70, 160, 255];
const DOT: RGBA = [40, 70, 160, 220];
const SELECTED: RGBA = [20, 20, 20, 255];

/** Dots in pixels: a county's buildings are many and small, its centres few. */
const DOT_RADIUS: Partial<Record<ImportLayer, number>> = { buildings: 3, centres: 6, pairings: 5 };

type Props<P> = GeoJsonLayerProps<P> & { beforeId?: string };
// `beforeId` is read by @deck.gl/maplibre in interleaved mode but is not in the layer's type.
const geoJsonLayer = <P>(props: Props<P>) => new GeoJsonLayer<P>(props);

type Row = PreviewFeature['properties'];

export function stagedFill(layer: ImportLayer, f: { properties: Row }): RGBA {
  if (f.properties.severity === 'error') return ERROR_FILL;
  if (f.properties.severity === 'warning') return WARNING_FILL;
  return LAYER_SPECS[layer].geometry.endsWith('polygon') ? fillFor(f.properties.code ?? f.properties.name) : DOT;
}

export function stagedLine(f: { properties: Row }): RGBA {
  return f.properties.severity === 'error' ? ERROR : f.properties.severity === 'warning' ? WARNING : LINE;
}

const collection = (geometries: readonly Geometry[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: geometries.map((geometry): Feature => ({ type: 'Feature', properties: {}, geometry })),
});

export function buildPreviewLayers(state: PreviewLayerState, handlers: PreviewHandlers = {}): Layer[] {
  const { beforeId } = state;
  const layers: Layer[] = [];
  for (const [key, data] of [['towns', state.current.towns], ['communities', state.current.communities]] as const) {
    if (!data?.features.length) continue;
    layers.push(geoJsonLayer({ id: `import-current-${key}`, data, beforeId, filled: false, stroked: true, getLineColor: CURRENT_LINE, lineWidthUnits: 'pixels', getLineWidth: key === 'towns' ? 2.5 : 1 }));
  }
  // Boundaries first, places over them, in the order the layers are read.
  for (const layer of LAYER_ORDER) {
    const data = state.staged[layer];
    if (!data || !state.shown.has(layer)) continue;
    const polygons = LAYER_SPECS[layer].geometry.endsWith('polygon');
    layers.push(
      geoJsonLayer<Row>({
        id: `import-staged-${layer}`,
        data,
        beforeId,
        filled: true,
        stroked: true,
        pointType: 'circle',
        pointRadiusUnits: 'pixels',
        getPointRadius: (f) => (DOT_RADIUS[layer] ?? 4) + (f.properties.severity ? 2 : 0),
        getFillColor: (f) => stagedFill(layer, f),
        getLineColor: (f) => stagedLine(f),
        lineWidthUnits: 'pixels',
        getLineWidth: (f) => (f.properties.severity ? 3 : polygons ? 1.5 : 0.5),
        pickable: true,
        onClick: (info: PickingInfo<Feature<Geometry, Row>>) => {
          if (info.object) handlers.onPick?.(layer, info.object.properties.line);
          return true;
        },
      }),
    );
  }
  layers.sort((a, b) => rank(a.id) - rank(b.id));
  if (state.problems.length) {
    layers.push(
      geoJsonLayer({ id: 'import-problems', data: collection(state.problems), beforeId, filled: true, stroked: true, getFillColor: ERROR_FILL, getLineColor: ERROR, lineWidthUnits: 'pixels', getLineWidth: 2, pointType: 'circle', pointRadiusUnits: 'pixels', getPointRadius: 7 }),
    );
  }
  if (state.selected) {
    layers.push(
      geoJsonLayer({ id: 'import-selected', data: collection([state.selected]), beforeId, filled: false, stroked: true, getLineColor: SELECTED, lineWidthUnits: 'pixels', getLineWidth: 3, pointType: 'circle', pointRadiusUnits: 'pixels', getPointRadius: 12 }),
    );
  }
  return layers;
}

/** Current outlines, then staged boundaries, then staged places. */
function rank(id: string): number {
  if (id.startsWith('import-current')) return 0;
  const layer = id.replace('import-staged-', '') as ImportLayer;
  return LAYER_SPECS[layer]?.geometry.endsWith('polygon') ? 1 : 2;
}
