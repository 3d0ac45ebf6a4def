// The import preview on the map: current areas outlined, imported ones filled, the refused one
// and the save's problems standing out, and the camera's box around all of it.
import type { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildImportLayers, importFrame, type ImportLayerState } from '../../client/features/areas-io/layers';

const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
const current: MultiPolygon = { type: 'MultiPolygon', coordinates: [square(120, 32).coordinates] };
const state: ImportLayerState = {
  current: [current],
  imported: [{ name: '东片', geometry: square(120.02, 32) }, { name: '西片', geometry: square(120.04, 32.03) }],
  problems: [{ type: 'Point', coordinates: [120.03, 32.01] }],
  highlighted: 1,
};

describe('buildImportLayers', () => {
  it('draws the current areas, the imported ones and the problems, in that order', () => {
    const layers = buildImportLayers(state) as GeoJsonLayer[];
    expect(layers.map((l) => l.id)).toEqual(['import-current', 'import-preview', 'import-problems']);
    expect((layers[0]!.props.data as Feature[]).map((f) => f.geometry)).toEqual([current]);
    expect((layers[1]!.props.data as Feature[]).map((f) => f.properties!.name)).toEqual(['东片', '西片']);
    expect((layers[2]!.props.data as Feature[]).map((f) => f.geometry.type)).toEqual(['Point']);
  });

  it('gives the highlighted imported area the thick red line', () => {
    const preview = buildImportLayers(state)[1] as GeoJsonLayer<{ index: number }>;
    const width = preview.props.getLineWidth as (f: Feature<Polygon, { index: number }>) => number;
    const features = preview.props.data as Feature<Polygon, { index: number }>[];
    expect(features.map((f) => width(f))).toEqual([2, 4]);
  });
});

describe('importFrame', () => {
  it('boxes the current and the imported areas, and is null with nothing to show', () => {
    const frame = importFrame(state)!;
    [120, 32, 120.05, 32.04].forEach((v, i) => expect(frame[i]).toBeCloseTo(v, 9));
    expect(importFrame({ current: [], imported: [], problems: [] })).toBeNull();
  });
});
