// The pairings layer from plain state: one arc a placed pairing, from the organisation to its
// community, in its kind's colour; a pairing without a place counted but not drawn; community dots
// growing with their count; hover and click handed on.
import { describe, expect, it } from 'vitest';
import type { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { PairedCommunity, PairingArc } from '../../client/features/coverage/pairingsApi';
import { buildPairingLayers, communityRadius, drawnArcs, PAIRING_COLORS, type PairingHover } from '../../client/features/coverage/pairingLayers';
import { KIND_COLORS } from '../../client/features/coverage/layers';

const arc = (id: number, orgKind: PairingArc['orgKind'], from: [number, number] | null): PairingArc => ({
  id, orgName: `org ${id}`, orgKind, community: { id: 'C1', name: '一社区', townId: 'T1' }, to: [120.5, 32.5], from, source: null,
});
const community = (id: string, total: number): PairedCommunity => ({
  id, name: id, townId: 'T1', location: [120.5, 32.5], total, byKind: { agency: total, unit: 0, urban_community: 0 },
});
const arcs = [arc(1, 'agency', [120.1, 32.1]), arc(2, 'unit', [120.2, 32.2]), arc(3, 'urban_community', null)];
type Accessor<T, R> = (d: T) => R;

describe('buildPairingLayers', () => {
  const layers = buildPairingLayers({ arcs, communities: [community('C1', 1), community('C2', 9)], selectedId: 'C2' });
  const arcLayer = layers.find((l) => l.id === 'pairing-arcs') as ArcLayer<PairingArc>;
  const dots = layers.find((l) => l.id === 'pairing-communities') as ScatterplotLayer<PairedCommunity>;

  it('draws an arc from each placed organisation to its community, in its kind’s colour', () => {
    const data = arcLayer.props.data as PairingArc[];
    expect(data.map((a) => a.id)).toEqual([1, 2]);
    const source = arcLayer.props.getSourcePosition as unknown as Accessor<PairingArc, number[]>;
    const target = arcLayer.props.getTargetPosition as unknown as Accessor<PairingArc, number[]>;
    expect(data.map(source)).toEqual([[120.1, 32.1], [120.2, 32.2]]);
    expect(data.map(target)).toEqual([[120.5, 32.5], [120.5, 32.5]]);
    const colour = arcLayer.props.getSourceColor as unknown as Accessor<PairingArc, number[]>;
    expect(data.map(colour)).toEqual([PAIRING_COLORS.agency, PAIRING_COLORS.unit]);
    expect(arcLayer.props.pickable).toBe(true);
  });

  it('counts a pairing without a place but draws no arc for it', () => {
    expect(drawnArcs(arcs)).toHaveLength(2);
  });

  it('gives the three kinds colours of their own, apart from the centres’', () => {
    const colours = [...Object.values(PAIRING_COLORS), ...Object.values(KIND_COLORS)].map((c) => c.join());
    expect(new Set(colours).size).toBe(6);
  });

  it('grows a community’s dot with its pairings and rings the selected one', () => {
    const [c1, c2] = dots.props.data as PairedCommunity[];
    const radius = dots.props.getRadius as unknown as Accessor<PairedCommunity, number>;
    expect(radius(c2!)).toBeGreaterThan(radius(c1!));
    expect(radius(c1!)).toBe(communityRadius(c1!));
    const line = dots.props.getLineColor as unknown as Accessor<PairedCommunity, number[]>;
    expect(line(c2!)).not.toEqual(line(c1!));
    expect(dots.props.updateTriggers).toMatchObject({ getLineColor: 'C2' });
  });

  it('hands what the pointer is over, with where, to the tooltip, and a clicked community to the handler', () => {
    const hovers: (PairingHover | null)[] = [];
    const picked: string[] = [];
    const [a, d] = buildPairingLayers(
      { arcs, communities: [community('C1', 1)], selectedId: null },
      { onHover: (h) => hovers.push(h), onSelect: (c) => picked.push(c.id) },
    ) as [ArcLayer<PairingArc>, ScatterplotLayer<PairedCommunity>];
    a.props.onHover!({ object: arcs[0], x: 10, y: 20 } as never, {} as never);
    d.props.onHover!({ object: undefined, x: 0, y: 0 } as never, {} as never);
    d.props.onClick!({ object: community('C1', 1) } as never, {} as never);
    expect(hovers).toEqual([{ x: 10, y: 20, arc: arcs[0] }, null]);
    expect(picked).toEqual(['C1']);
  });
});
