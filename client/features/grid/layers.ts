// deck.gl layers of the grid, built from plain state. Pure: the same state gives equal props,
// so the map view only hands the result to the overlay and never edits layers itself.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { Level, UnitCollection, UnitFeature, UnitLevel } from '../../shared/api/types';
import {
  BUILDING_FILL,
  HOVER_FILL,
  OUTLINE,
  SELECTED_FILL,
  SELECTED_LINE,
  UNIT_LINE,
  VILLAGE_FILL,
  VILLAGE_LINE,
  fillFor,
  type RGBA,
} from '../../shared/map/colors';

export interface GridLayerState {
  level: Level;
  /** Level of the units in `units` (the clickable ones). */
  listedLevel: UnitLevel | null;
  units: UnitCollection | null;
  /** Building points drawn over the groups of an area (clickable as buildings). */
  buildings: UnitCollection | null;
  /** Shape of the unit the user is in, drawn as a frame. */
  outline: UnitFeature | null;
  selectedId: string | null;
  /** Administrative villages before consolidation, when that comparison is on. */
  villages: UnitCollection | null;
  /** MapLibre layer to insert below, so basemap labels stay readable over the fills. */
  beforeId?: string;
}

export interface GridLayerHandlers {
  onPick?: (level: UnitLevel, feature: UnitFeature) => void;
}

type Props = GeoJsonLayerProps<UnitFeature['properties']> & { beforeId?: string };

function geoJsonLayer(props: Props): GeoJsonLayer<UnitFeature['properties']> {
  // `beforeId` is read by @deck.gl/maplibre in interleaved mode but is not in the layer's type.
  return new GeoJsonLayer<UnitFeature['properties']>(props);
}

export function unitFill(feature: UnitFeature, selectedId: string | null): RGBA {
  return feature.properties.id === selectedId ? SELECTED_FILL : fillFor(feature.properties.id);
}

export function buildGridLayers(state: GridLayerState, handlers: GridLayerHandlers = {}): Layer[] {
  const layers: Layer[] = [];
  const { selectedId, beforeId } = state;
  const click = (level: UnitLevel) => (info: PickingInfo<UnitFeature>) => {
    if (info.object) handlers.onPick?.(level, info.object);
    return true;
  };

  if (state.units && state.listedLevel) {
    const level = state.listedLevel;
    const points = level === 'building';
    layers.push(
      geoJsonLayer({
        id: `units-${level}`,
        data: state.units,
        beforeId,
        filled: true,
        stroked: true,
        pointType: 'circle',
        getPointRadius: (f) => (f.properties.id === selectedId ? 9 : 6),
        pointRadiusUnits: 'pixels',
        getFillColor: (f) => (points && f.properties.id !== selectedId ? BUILDING_FILL : unitFill(f, selectedId)),
        getLineColor: (f) => (f.properties.id === selectedId ? SELECTED_LINE : UNIT_LINE),
        lineWidthUnits: 'pixels',
        getLineWidth: (f) => (f.properties.id === selectedId ? 3 : 1.5),
        // Colours depend on the selection, which is not part of `data`.
        updateTriggers: { getFillColor: selectedId, getLineColor: selectedId, getLineWidth: selectedId, getPointRadius: selectedId },
        pickable: true,
        autoHighlight: true,
        highlightColor: HOVER_FILL,
        onClick: click(level),
      }),
    );
  }

  if (state.buildings && state.listedLevel !== 'building') {
    layers.push(
      geoJsonLayer({
        id: 'area-buildings',
        data: state.buildings,
        beforeId,
        pointType: 'circle',
        getPointRadius: 4,
        pointRadiusUnits: 'pixels',
        getFillColor: BUILDING_FILL,
        getLineColor: UNIT_LINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        pickable: true,
        autoHighlight: true,
        highlightColor: [214, 40, 40, 255],
        onClick: click('building'),
      }),
    );
  }

  // Over the units, with a faint fill, so both the old village and the new community lines show.
  if (state.villages) {
    layers.push(
      geoJsonLayer({
        id: 'villages-before',
        data: state.villages,
        beforeId,
        filled: true,
        stroked: true,
        getFillColor: VILLAGE_FILL,
        getLineColor: VILLAGE_LINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        pickable: false,
      }),
    );
  }

  if (state.outline && state.outline.geometry.type !== 'Point') {
    layers.push(
      geoJsonLayer({
        id: 'current-outline',
        data: { type: 'FeatureCollection', features: [state.outline] },
        beforeId,
        filled: false,
        stroked: true,
        getLineColor: OUTLINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        pickable: false,
      }),
    );
  }
  return layers;
}
