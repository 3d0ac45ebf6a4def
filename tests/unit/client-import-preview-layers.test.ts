// The import's preview map, built from the wizard's state: the city as it is outlined under the
// staged layers, boundaries under places, only the layers the admin keeps shown, rows with an
// error red and with a warning orange, the problems' places and the picked one on top, and a
// click on a staged row handed on with its layer and line.
import type { PickingInfo } from '@deck.gl/core';
import type { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry, Polygon } from 'geojson';
import { describe, expect, it, vi } from 'vitest';
import type { PreviewCollection, PreviewFeature } from '../../server/features/import/types';
import type { UnitCollection } from '../../client/shared/api/types';
import { buildPreviewLayers, stagedFill, stagedLine, type PreviewLayerState } from '../../client/features/import/layers';

const square = (x: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, 31], [x + 0.1, 31], [x + 0.1, 31.1], [x, 31.1], [x, 31]]] });
const row = (line: number, geometry: Geometry, severity: PreviewFeature['properties']['severity'] = null): PreviewFeature => ({
  type: 'Feature', geometry, properties: { line, name: `单元${line}`, code: `C${line}`, severity },
});
const collection = (...features: PreviewFeature[]): PreviewCollection => ({ type: 'FeatureCollection', truncated: false, features });

const state: PreviewLayerState = {
  current: { towns: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square(119), properties: { id: 'T01', name: '江城街道', nameEn: 'Jiangcheng' } }] } as unknown as UnitCollection, communities: null },
  staged: {
    buildings: collection(row(2, { type: 'Point', coordinates: [120.05, 31.05] }, 'warning')),
    communities: collection(row(2, square(120)), row(3, square(120.1), 'error')),
    towns: collection(row(2, square(120))),
  },
  shown: new Set(['buildings', 'communities', 'towns']),
  problems: [square(120.2)],
  selected: { type: 'Point', coordinates: [120.05, 31.05] },
};

describe('the import preview layers', () => {
  it('draws the city as it is first, then staged boundaries in reading order, then places, then the problems and the picked one', () => {
    expect(buildPreviewLayers(state).map((l) => l.id)).toEqual([
      'import-current-towns', 'import-staged-towns', 'import-staged-communities', 'import-staged-buildings', 'import-problems', 'import-selected',
    ]);
  });

  it('leaves out the layers the admin hid, and problems and a pick when there are none', () => {
    const ids = buildPreviewLayers({ ...state, shown: new Set(['towns']), problems: [], selected: null, current: { towns: null, communities: null } }).map((l) => l.id);
    expect(ids).toEqual(['import-staged-towns']);
  });

  it('colours rows by their worst problem: error red, warning orange, else the layer’s own', () => {
    const [error, warning, fine] = [row(1, square(0), 'error'), row(2, square(0), 'warning'), row(3, square(0))];
    expect(stagedFill('communities', error)).toEqual([214, 40, 40, 140]);
    expect(stagedFill('buildings', warning)).toEqual([230, 140, 30, 120]);
    expect(stagedFill('buildings', fine)).toEqual([40, 70, 160, 220]);
    expect(stagedFill('communities', fine)).not.toEqual(stagedFill('buildings', fine));
    expect([stagedLine(error), stagedLine(warning), stagedLine(fine)]).toEqual([[214, 40, 40, 255], [230, 140, 30, 255], [40, 70, 160, 255]]);
  });

  it('hands on a click on a staged row with its layer and line', () => {
    const onPick = vi.fn();
    const layer = buildPreviewLayers(state, { onPick }).find((l) => l.id === 'import-staged-communities') as GeoJsonLayer;
    const object: Feature = row(3, square(120.1), 'error');
    layer.props.onClick!({ object } as PickingInfo, {} as never);
    expect(onPick).toHaveBeenCalledWith('communities', 3);
  });
});
