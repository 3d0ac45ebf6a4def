// deck.gl layers of a look-up answer: the contracted area outlined and a marker at the place.
// Pure, like buildGridLayers: the map page builds them from the lookup store's state.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { UnitFeature } from '../../shared/api/types';
import type { LngLat } from '../../shared/map/coordinates';
import { LOOKUP_AREA_FILL, LOOKUP_AREA_LINE, LOOKUP_MARKER, LOOKUP_MARKER_LINE } from '../../shared/map/colors';

export interface LookupLayerState {
  /** The answer's contracted area, once its shape has arrived. */
  area: UnitFeature | null;
  /** Where the answer is: the building, or the clicked / typed point. */
  location: LngLat | null;
  /** MapLibre layer to insert the area below, so basemap labels stay readable. */
  beforeId?: string;
}

export function buildLookupLayers(state: LookupLayerState): Layer[] {
  const layers: Layer[] = [];
  if (state.area && state.area.geometry.type !== 'Point') {
    // `beforeId` is read by @deck.gl/maplibre in interleaved mode but is not in the layer's type.
    const props: GeoJsonLayerProps<UnitFeature['properties']> & { beforeId?: string } = {
      id: 'lookup-area',
      data: { type: 'FeatureCollection', features: [state.area] },
      beforeId: state.beforeId,
      filled: true,
      stroked: true,
      getFillColor: LOOKUP_AREA_FILL,
      getLineColor: LOOKUP_AREA_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 4,
      pickable: false,
    };
    layers.push(new GeoJsonLayer<UnitFeature['properties']>(props));
  }
  if (state.location) {
    // Drawn above the labels: the marker is what the user looks for.
    layers.push(
      new ScatterplotLayer<LngLat>({
        id: 'lookup-marker',
        data: [state.location],
        getPosition: (p) => p,
        radiusUnits: 'pixels',
        getRadius: 9,
        getFillColor: LOOKUP_MARKER,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: LOOKUP_MARKER_LINE,
        pickable: false,
      }),
    );
  }
  return layers;
}
