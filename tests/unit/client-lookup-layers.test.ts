// The look-up answer on the map: its layers (area outline, marker) and the camera's frame.
import { describe, expect, it } from 'vitest';
import type { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { UnitFeature } from '../../client/shared/api/types';
import { LOOKUP_AREA_LINE, LOOKUP_MARKER } from '../../client/shared/map/colors';
import type { LngLat } from '../../client/shared/map/coordinates';
import { buildLookupLayers } from '../../client/features/lookup/layers';
import { lookupFrame } from '../../client/features/lookup/frame';

const area: UnitFeature = {
  type: 'Feature',
  id: 'A1',
  properties: { id: 'A1', name: '一片区' },
  geometry: { type: 'Polygon', coordinates: [[[120, 31], [120.01, 31], [120.01, 31.01], [120, 31.01], [120, 31]]] },
};
const place: LngLat = [120.005, 31.005];

describe('buildLookupLayers', () => {
  it('draws nothing before there is an answer', () => {
    expect(buildLookupLayers({ area: null, location: null })).toEqual([]);
  });

  it('outlines the area below the labels and marks the place above them', () => {
    const layers = buildLookupLayers({ area, location: place, beforeId: 'labels-first' });
    expect(layers.map((l) => l.id)).toEqual(['lookup-area', 'lookup-marker']);
    const outline = layers[0] as GeoJsonLayer;
    expect(outline.props.data).toEqual({ type: 'FeatureCollection', features: [area] });
    expect(outline.props.getLineColor).toEqual(LOOKUP_AREA_LINE);
    expect(outline.props.stroked).toBe(true);
    expect((outline.props as unknown as { beforeId?: string }).beforeId).toBe('labels-first');
    const marker = layers[1] as ScatterplotLayer<LngLat>;
    expect((marker.props as unknown as { beforeId?: string }).beforeId).toBeUndefined();
    expect(marker.props.data).toEqual([place]);
    expect(marker.props.getFillColor).toEqual(LOOKUP_MARKER);
    const position = marker.props.getPosition as unknown as (p: LngLat) => LngLat;
    expect(position(place)).toEqual(place);
  });

  it('marks a place outside every area without an outline', () => {
    const layers = buildLookupLayers({ area: null, location: place });
    expect(layers.map((l) => l.id)).toEqual(['lookup-marker']);
  });

  it('leaves the map clickable: neither layer takes picks', () => {
    for (const layer of buildLookupLayers({ area, location: place })) expect(layer.props.pickable).toBe(false);
  });

  it('is pure: the same state gives equal layers', () => {
    const a = buildLookupLayers({ area, location: place });
    const b = buildLookupLayers({ area, location: place });
    expect(b.map((l) => [l.id, l.props.data])).toEqual(a.map((l) => [l.id, l.props.data]));
  });
});

describe('lookupFrame', () => {
  it('frames the whole area around the place', () => {
    expect(lookupFrame(area, place)).toEqual([120, 31, 120.01, 31.01]);
  });

  it('widens the frame to a place just outside the area shape', () => {
    expect(lookupFrame(area, [120.02, 30.99])).toEqual([120, 30.99, 120.02, 31.01]);
  });

  it('frames every part of a multipolygon area', () => {
    const twoParts: UnitFeature = {
      ...area,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [[[120, 31], [120.01, 31], [120.01, 31.01], [120, 31]]],
          [[[120.05, 31.05], [120.06, 31.05], [120.06, 31.06], [120.05, 31.05]]],
        ],
      },
    };
    expect(lookupFrame(twoParts, place)).toEqual([120, 31, 120.06, 31.06]);
  });

  it('is just the place while the shape is unknown', () => {
    expect(lookupFrame(null, place)).toEqual([place[0], place[1], place[0], place[1]]);
  });
});
