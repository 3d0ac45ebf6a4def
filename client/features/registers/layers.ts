// deck.gl layers of the registers map, pure from the page's state: the community's outline, its
// areas, the buildings and service centres (a drag moves the one under the pointer; the edited
// one is drawn where the form now places it), the pairings' places on their tab, the new
// object's place, and the places a refused write named, in red.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon } from 'geojson';
import type { RegisterBuilding, RegisterCentre, RegisterPairing } from '../../../server/features/registers/types';
import { fillFor, type RGBA } from '../../shared/map/colors';
import type { RegisterType } from './api';
import type { LngLat } from './drafts';

export interface RegisterLayerState {
  community: MultiPolygon | null;
  areas: ReadonlyArray<{ id: string; geometry: MultiPolygon }>;
  buildings: readonly RegisterBuilding[];
  centres: readonly RegisterCentre[];
  /** Drawn on the pairings tab only: elsewhere they would crowd the community's own places. */
  pairings: readonly RegisterPairing[];
  selected: { type: RegisterType; id: string } | null;
  /** Where the edited (or new) object stands in the form. */
  place: LngLat | null;
  /** Places a refused write named. */
  problems: readonly LngLat[];
  beforeId?: string;
}

export interface RegisterLayerHandlers {
  onPick?: (type: RegisterType, id: string, location: LngLat) => void;
  /** Something that can be dragged is under the pointer (or no longer): the map must not pan then. */
  onHoverMovable?: (movable: boolean) => void;
  onDrag?: (at: LngLat) => void;
}

const COMMUNITY_LINE: RGBA = [60, 40, 120, 255];
const BUILDING: RGBA = [60, 60, 80, 230];
const CENTRE: RGBA = [200, 30, 30, 255];
const PAIRING: RGBA = [130, 60, 200, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const EDITED: RGBA = [255, 140, 0, 255];
const PROBLEM: RGBA = [220, 0, 0, 255];

type Dot = { type: RegisterType; id: string; location: LngLat };
type Props = ConstructorParameters<typeof ScatterplotLayer<Dot>>[0] & { beforeId?: string };

const coordinate = (info: PickingInfo): LngLat | null => (info.coordinate ? [info.coordinate[0]!, info.coordinate[1]!] : null);

export function buildRegisterLayers(state: RegisterLayerState, handlers: RegisterLayerHandlers = {}): Layer[] {
  const isSelected = (d: Dot) => state.selected?.type === d.type && state.selected.id === d.id;
  // The edited object follows its form's place; the others stand where the registers say.
  const at = (d: Dot): LngLat => (isSelected(d) && state.place ? state.place : d.location);
  const layers: Layer[] = [
    new GeoJsonLayer({
      id: 'registers-areas',
      data: { type: 'FeatureCollection', features: state.areas.map((a): Feature => ({ type: 'Feature', id: a.id, properties: { id: a.id }, geometry: a.geometry })) },
      beforeId: state.beforeId,
      filled: true,
      stroked: true,
      getFillColor: (f: Feature) => fillFor(String(f.id)),
      getLineColor: WHITE,
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      pickable: false,
    } as ConstructorParameters<typeof GeoJsonLayer>[0]),
  ];
  if (state.community)
    layers.push(
      new GeoJsonLayer({
        id: 'registers-community',
        data: { type: 'Feature', properties: {}, geometry: state.community },
        filled: false,
        stroked: true,
        getLineColor: COMMUNITY_LINE,
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        pickable: false,
      }),
    );

  const dots = (id: string, data: Dot[], radius: number, fill: RGBA, movable: boolean): Layer =>
    new ScatterplotLayer<Dot>({
      id,
      data,
      getPosition: at,
      radiusUnits: 'pixels',
      getRadius: (d) => radius + (isSelected(d) ? 3 : 0),
      getFillColor: (d) => (isSelected(d) ? EDITED : fill),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (isSelected(d) ? 2.5 : 1),
      getLineColor: WHITE,
      updateTriggers: { getPosition: [state.selected, state.place], getRadius: state.selected, getFillColor: state.selected, getLineWidth: state.selected },
      pickable: true,
      onClick: (info) => {
        if (info.object) handlers.onPick?.(info.object.type, info.object.id, info.object.location);
        return true;
      },
      ...(movable
        ? {
            onHover: (info: PickingInfo<Dot>) => handlers.onHoverMovable?.(!!info.object),
            onDragStart: (info: PickingInfo<Dot>) => {
              if (info.object && !isSelected(info.object)) handlers.onPick?.(info.object.type, info.object.id, info.object.location);
            },
            onDrag: (info: PickingInfo<Dot>) => {
              const to = coordinate(info);
              if (to) handlers.onDrag?.(to);
              return true;
            },
            onDragEnd: (info: PickingInfo<Dot>) => {
              const to = coordinate(info);
              if (to) handlers.onDrag?.(to);
              handlers.onHoverMovable?.(false);
              return true;
            },
          }
        : {}),
    } as Props);

  layers.push(dots('registers-buildings', state.buildings.map((b) => ({ type: 'building', id: b.id, location: b.location })), 4, BUILDING, true));
  layers.push(dots('registers-centres', state.centres.map((c) => ({ type: 'centre', id: c.id, location: c.location })), 8, CENTRE, true));
  const placedPairings = state.pairings.flatMap((p): Dot[] => (p.location ? [{ type: 'pairing', id: p.id, location: p.location }] : []));
  if (placedPairings.length) layers.push(dots('registers-pairings', placedPairings, 6, PAIRING, false));

  // A new object's place (nothing of the registers stands there yet), and the places refused.
  const marks = [...(state.place && !state.selected ? [{ at: state.place, colour: EDITED }] : []), ...state.problems.map((p) => ({ at: p, colour: PROBLEM }))];
  if (marks.length)
    layers.push(
      new ScatterplotLayer<{ at: LngLat; colour: RGBA }>({
        id: 'registers-marks',
        data: marks,
        getPosition: (m) => m.at,
        radiusUnits: 'pixels',
        getRadius: 11,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: (m) => m.colour,
        pickable: false,
      }),
    );
  return layers;
}
