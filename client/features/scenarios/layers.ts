// deck.gl layers of the scenarios page, pure: the editor's villages coloured by the group they
// are in (the rules' warnings outlined in red), and the two sides of the comparison — the
// baseline's villages by the community they are in, the scenario's by the unit they would be in
// with each new community's outline.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { GroupOutlines } from './api';
import type { BBox, UnitCollection, UnitProps } from '../../shared/api/types';
import { FIRST_LABEL_LAYER } from '../../shared/map/basemapStyle';
import { fillFor, type RGBA } from '../../shared/map/colors';

/** Strong fills for the new communities, by their position in the scenario. */
const GROUP_FILLS: RGBA[] = [
  [214, 76, 60, 170],
  [38, 110, 200, 170],
  [46, 150, 80, 170],
  [150, 70, 180, 170],
  [230, 150, 20, 170],
  [20, 150, 160, 170],
];
export const WARNING_LINE: RGBA = [200, 0, 0, 255];
const VILLAGE_LINE: RGBA = [255, 255, 255, 220];
const OUTLINE: RGBA = [40, 30, 30, 255];
const FADED = 60;

export const groupFill = (index: number): RGBA => GROUP_FILLS[index % GROUP_FILLS.length]!;
const faded = ([r, g, b]: RGBA): RGBA => [r, g, b, FADED];

export interface EditLayerState {
  villages: UnitCollection | null;
  /** Village id → index of its group in the draft. */
  groupIndex: ReadonlyMap<string, number>;
  activeIndex: number | null;
  /** Villages and communities the rules flag (detached members, enclaves). */
  flagged: ReadonlySet<string>;
}

// `beforeId` (under the basemap's labels) is read by @deck.gl/maplibre in interleaved mode but is not in the layer's type.
type Props = GeoJsonLayerProps<UnitProps> & { beforeId?: string };
const villagesLayer = (props: Props) => new GeoJsonLayer<UnitProps>(props);

export function buildEditLayers(state: EditLayerState, onVillage: (id: string) => void): Layer[] {
  if (!state.villages) return [];
  const fill = (f: Feature<Geometry, UnitProps>): RGBA => {
    const i = state.groupIndex.get(f.properties.id);
    return i === undefined ? faded(fillFor(f.properties.communityId ?? f.properties.id)) : groupFill(i);
  };
  const flagged = (f: Feature<Geometry, UnitProps>) => state.flagged.has(f.properties.id) || state.flagged.has(f.properties.communityId ?? '');
  return [
    villagesLayer({
      id: 'scenario-edit-villages',
      beforeId: FIRST_LABEL_LAYER,
      data: state.villages.features,
      filled: true,
      stroked: true,
      getFillColor: fill,
      getLineColor: (f) => (flagged(f) ? WARNING_LINE : state.groupIndex.get(f.properties.id) === state.activeIndex && state.activeIndex !== null ? OUTLINE : VILLAGE_LINE),
      lineWidthUnits: 'pixels',
      getLineWidth: (f) => (flagged(f) ? 4 : state.groupIndex.get(f.properties.id) === state.activeIndex ? 2.5 : 1),
      updateTriggers: { getFillColor: [state.groupIndex], getLineColor: [state.groupIndex, state.activeIndex, state.flagged], getLineWidth: [state.groupIndex, state.activeIndex, state.flagged] },
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      onClick: (info) => {
        if (info.object) onVillage(info.object.properties.id);
        return true;
      },
    }),
  ];
}

export interface CompareLayerState {
  villages: UnitCollection | null;
  groupIndex: ReadonlyMap<string, number>;
  /** Communities the scenario changes: strong on the baseline, the rest faded. */
  touched: ReadonlySet<string>;
  outlines: GroupOutlines | null;
}

function villageLayer(id: string, villages: UnitCollection, fill: (f: Feature<Geometry, UnitProps>) => RGBA, trigger: unknown): Layer {
  return villagesLayer({
    id,
    beforeId: FIRST_LABEL_LAYER,
    data: villages.features,
    filled: true,
    stroked: true,
    getFillColor: fill,
    getLineColor: VILLAGE_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getFillColor: trigger },
  });
}

/** The grid as it is: villages by community, the communities the scenario changes in full colour. */
export function buildBaselineLayers(state: CompareLayerState): Layer[] {
  if (!state.villages) return [];
  return [
    villageLayer('scenario-baseline-villages', state.villages, (f) => {
      const c = f.properties.communityId ?? '';
      const colour = fillFor(c);
      return state.touched.has(c) ? [colour[0], colour[1], colour[2], 190] : faded(colour);
    }, [state.touched]),
  ];
}

/** The grid as the scenario would make it: villages by their new community, its outline drawn over them. */
export function buildScenarioLayers(state: CompareLayerState): Layer[] {
  if (!state.villages) return [];
  const layers: Layer[] = [
    villageLayer('scenario-after-villages', state.villages, (f) => {
      const i = state.groupIndex.get(f.properties.id);
      return i === undefined ? faded(fillFor(f.properties.communityId ?? '')) : groupFill(i);
    }, [state.groupIndex]),
  ];
  if (state.outlines)
    layers.push(
      new GeoJsonLayer({
        id: 'scenario-after-outlines',
        data: state.outlines.features,
        filled: false,
        stroked: true,
        getLineColor: OUTLINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
    );
  return layers;
}

/** The box around the villages in `only` (all of them when it is empty), for the camera. */
export function scenarioFrame(villages: UnitCollection | null, only: ReadonlySet<string> = new Set()): BBox | null {
  let box: BBox | null = null;
  const extend = (coords: unknown): void => {
    if (typeof (coords as number[])[0] === 'number') {
      const [x, y] = coords as number[];
      box = box ? [Math.min(box[0], x!), Math.min(box[1], y!), Math.max(box[2], x!), Math.max(box[3], y!)] : [x!, y!, x!, y!];
    } else for (const c of coords as unknown[]) extend(c);
  };
  for (const f of villages?.features ?? []) {
    if ((only.size && !only.has(f.properties.id)) || !('coordinates' in f.geometry)) continue;
    extend(f.geometry.coordinates);
  }
  return box;
}
