import { describe, expect, it, vi } from 'vitest';
import type { GeoJsonLayer } from '@deck.gl/layers';
import type { UnitCollection, UnitFeature } from '../../client/shared/api/types';
import { SELECTED_FILL, SELECTED_LINE } from '../../client/shared/map/colors';
import { buildGridLayers, type GridLayerState } from '../../client/features/grid/layers';

function square(id: string, x: number, extra: Record<string, unknown> = {}): UnitFeature {
  return {
    type: 'Feature',
    id,
    properties: { id, name: `单元${id}`, ...extra },
    geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
  };
}
const collection = (...features: UnitFeature[]): UnitCollection => ({ type: 'FeatureCollection', features });

const base: GridLayerState = {
  level: 'town',
  listedLevel: 'community',
  units: collection(square('C1', 0), square('C2', 1)),
  buildings: null,
  outline: null,
  selectedId: null,
  villages: null,
};

type Accessor<T> = (f: UnitFeature) => T;
const props = (layer: unknown) => (layer as GeoJsonLayer<UnitFeature['properties']>).props;

describe('buildGridLayers', () => {
  it('draws the listed units as one pickable layer named after their level', () => {
    const layers = buildGridLayers(base);
    expect(layers.map((l) => l.id)).toEqual(['units-community']);
    expect(props(layers[0]).pickable).toBe(true);
  });

  it('highlights the selected id and only that one', () => {
    const [layer] = buildGridLayers({ ...base, selectedId: 'C2' });
    const fill = props(layer).getFillColor as unknown as Accessor<number[]>;
    const line = props(layer).getLineColor as unknown as Accessor<number[]>;
    const [c1, c2] = base.units!.features;
    expect(fill(c2)).toEqual(SELECTED_FILL);
    expect(line(c2)).toEqual(SELECTED_LINE);
    expect(fill(c1)).not.toEqual(SELECTED_FILL);
    expect(line(c1)).not.toEqual(SELECTED_LINE);
    // deck.gl re-evaluates colours only when the trigger changes.
    expect(props(layer).updateTriggers).toMatchObject({ getFillColor: 'C2' });
  });

  it('is pure: the same state gives the same layer ids and data', () => {
    const a = buildGridLayers({ ...base, selectedId: 'C1' });
    const b = buildGridLayers({ ...base, selectedId: 'C1' });
    expect(a.map((l) => l.id)).toEqual(b.map((l) => l.id));
    expect(props(a[0]).data).toBe(props(b[0]).data);
  });

  it('reports a click on a unit with its level', () => {
    const onPick = vi.fn();
    const [layer] = buildGridLayers(base, { onPick });
    const feature = base.units!.features[0];
    const onClick = props(layer).onClick as (info: { object?: UnitFeature }) => void;
    onClick({ object: feature });
    expect(onPick).toHaveBeenCalledWith('community', feature);
  });

  it('adds villages before consolidation over the units, and the frame of the current unit on top', () => {
    const layers = buildGridLayers({
      ...base,
      villages: collection(square('V1', 0)),
      outline: square('T1', 0),
      beforeId: 'labels-unit',
    });
    expect(layers.map((l) => l.id)).toEqual(['units-community', 'villages-before', 'current-outline']);
    expect(props(layers[1]).pickable).toBe(false);
    for (const l of layers) expect((l.props as { beforeId?: string }).beforeId).toBe('labels-unit');
  });

  it('draws an area’s buildings as clickable points over its groups', () => {
    const onPick = vi.fn();
    const point: UnitFeature = { type: 'Feature', properties: { id: 'B1', groupId: 'G1' }, geometry: { type: 'Point', coordinates: [0.5, 0.5] } };
    const layers = buildGridLayers({ ...base, level: 'area', listedLevel: 'group', buildings: collection(point) }, { onPick });
    const buildings = layers.find((l) => l.id === 'area-buildings');
    expect(buildings).toBeDefined();
    (props(buildings).onClick as (info: { object?: UnitFeature }) => void)({ object: point });
    expect(onPick).toHaveBeenCalledWith('building', point);
  });
});
