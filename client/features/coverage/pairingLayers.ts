// deck.gl layers of the pairings (结对共建) on the coverage map, from plain state: an arc from
// where each paired organisation sits to its community, coloured by the organisation's kind, and
// each paired community as a dot that grows with its number of pairings. Pure, like
// buildCoverageLayers; hovering hands what is under the pointer (and where) to the view's tooltip.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { PairedCommunity, PairingArc, PairingKind } from './pairingsApi';
import type { RGBA } from '../../shared/map/colors';

/** The legend's colours, one a kind; apart from the centres' red, blue and green. */
export const PAIRING_COLORS: Record<PairingKind, RGBA> = {
  agency: [150, 50, 170, 255],
  unit: [230, 130, 0, 255],
  urban_community: [0, 150, 170, 255],
};
const COMMUNITY_FILL: RGBA = [255, 255, 255, 235];
const COMMUNITY_LINE: RGBA = [60, 60, 60, 255];
const SELECTED_LINE: RGBA = [255, 200, 0, 255];

export interface PairingLayerState {
  arcs: readonly PairingArc[];
  communities: readonly PairedCommunity[];
  selectedId: string | null;
}

export type PairingHover = { x: number; y: number } & ({ arc: PairingArc } | { community: PairedCommunity });

export interface PairingLayerHandlers {
  onHover?: (hover: PairingHover | null) => void;
  onSelect?: (community: PairedCommunity) => void;
}

/** Arcs need both ends: a pairing without a place is counted, not drawn. */
export const drawnArcs = (arcs: readonly PairingArc[]) => arcs.filter((a): a is PairingArc & { from: [number, number] } => a.from !== null);

/** A dot's radius in pixels: its area follows the count, so one big partner does not drown the map. */
export const communityRadius = (c: PairedCommunity) => 4 + 2.5 * Math.sqrt(c.total);

export function buildPairingLayers(state: PairingLayerState, handlers: PairingLayerHandlers = {}): Layer[] {
  const hover = (info: PickingInfo, make: (o: never) => PairingHover) => handlers.onHover?.(info.object ? make(info.object as never) : null);
  const arcs = drawnArcs(state.arcs);
  return [
    new ArcLayer<PairingArc & { from: [number, number] }>({
      id: 'pairing-arcs',
      data: arcs,
      getSourcePosition: (a) => a.from,
      getTargetPosition: (a) => a.to,
      getSourceColor: (a) => PAIRING_COLORS[a.orgKind],
      getTargetColor: (a) => PAIRING_COLORS[a.orgKind],
      widthUnits: 'pixels',
      getWidth: 2,
      // Many arcs leave one place (the government seat): a little tilt each keeps them apart.
      getTilt: (a) => ((a.id % 7) - 3) * 4,
      pickable: true,
      autoHighlight: true,
      onHover: (info) => hover(info, (arc: PairingArc) => ({ x: info.x, y: info.y, arc })),
    }),
    new ScatterplotLayer<PairedCommunity>({
      id: 'pairing-communities',
      data: state.communities as PairedCommunity[],
      getPosition: (c) => c.location,
      radiusUnits: 'pixels',
      getRadius: communityRadius,
      getFillColor: COMMUNITY_FILL,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (c) => (c.id === state.selectedId ? 3 : 1.5),
      getLineColor: (c) => (c.id === state.selectedId ? SELECTED_LINE : COMMUNITY_LINE),
      updateTriggers: { getLineWidth: state.selectedId, getLineColor: state.selectedId },
      pickable: true,
      onHover: (info) => hover(info, (community: PairedCommunity) => ({ x: info.x, y: info.y, community })),
      onClick: (info) => {
        if (info.object) handlers.onSelect?.(info.object);
        return true;
      },
    }),
  ];
}
