// The registers page's pure parts: a form sends only what changed, a new building takes its
// nearest neighbour's estate, a split starts with the figures shared out whole, typed coordinates
// are read or refused; and the map's layers: the edited object drawn where its form places it,
// a drag handed on, a new object's place and the refused places marked, pairings only when asked.
import type { PickingInfo } from '@deck.gl/core';
import type { ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it, vi } from 'vitest';
import { changesOf, nearestEstate, splitDraft, typedPlace } from '../../client/features/registers/drafts';
import { buildRegisterLayers, type RegisterLayerState } from '../../client/features/registers/layers';
import type { RegisterBuilding, RegisterPairing } from '../../server/features/registers/types';

const building = (id: string, location: [number, number], estateId = `E-${id}`): RegisterBuilding => ({
  id, version: 1, address: `某花苑${id}幢`, households: 10, population: 25, partyMembers: 3, estateId, areaId: 'A1', groupId: 'G1', location,
});

describe('drafts', () => {
  it('sends only the fields a form changed, comparing a typed "12" with a stored 12', () => {
    expect(changesOf({ address: '某花苑1幢', households: 12, population: 30 }, { address: '某花苑1幢', households: 12, population: 25 })).toEqual({ population: 30 });
  });

  it('gives a new building the estate of its nearest neighbour, and none in an empty community', () => {
    const buildings = [building('1', [120.1, 31.9]), building('2', [120.2, 31.9])];
    expect(nearestEstate(buildings, [120.19, 31.91])).toBe('E-2');
    expect(nearestEstate([], [120.19, 31.91])).toBeNull();
  });

  it('splits the figures in whole numbers that add up, numbers the entrances and sets the new parts apart', () => {
    const parts = splitDraft({ ...building('1', [120.1, 31.9]), households: 10, population: 25, partyMembers: 3 }, 3);
    expect(parts.map((p) => [p.households, p.population, p.partyMembers])).toEqual([[4, 9, 1], [3, 8, 1], [3, 8, 1]]);
    expect(parts.map((p) => p.address)).toEqual(['某花苑1幢1单元', '某花苑1幢2单元', '某花苑1幢3单元']);
    expect(parts[0]!.location).toEqual([120.1, 31.9]);
    expect(new Set(parts.map((p) => p.location.join())).size).toBe(3);
  });

  it('reads typed coordinates, and refuses blanks, words and numbers out of range', () => {
    expect(typedPlace(' 120.25 ', '31.9')).toEqual([120.25, 31.9]);
    expect([typedPlace('', '31.9'), typedPlace('东经120', '31.9'), typedPlace('120', '95'), typedPlace('190', '30')]).toEqual([null, null, null, null]);
  });
});

describe('buildRegisterLayers', () => {
  const state: RegisterLayerState = {
    community: null,
    areas: [],
    buildings: [building('1', [120.1, 31.9]), building('2', [120.2, 31.9])],
    centres: [],
    pairings: [],
    selected: { type: 'building', id: '2' },
    place: [120.25, 31.95],
    problems: [],
  };
  type Dot = { type: string; id: string; location: [number, number] };
  const dots = (layers: ReturnType<typeof buildRegisterLayers>, id: string) => layers.find((l) => l.id === id) as ScatterplotLayer<Dot> | undefined;

  it('draws the edited building where its form places it, the others where they stand', () => {
    const layer = dots(buildRegisterLayers(state), 'registers-buildings')!;
    const at = layer.props.getPosition as unknown as (d: Dot) => number[];
    expect((layer.props.data as Dot[]).map(at)).toEqual([[120.1, 31.9], [120.25, 31.95]]);
  });

  it('hands a drag of a building on as its new place, and picks it first', () => {
    const onDrag = vi.fn();
    const onPick = vi.fn();
    const layer = dots(buildRegisterLayers(state, { onDrag, onPick }), 'registers-buildings')!;
    const first = (layer.props.data as Dot[])[0]!;
    layer.props.onDragStart!({ object: first } as PickingInfo<Dot>, {} as never);
    layer.props.onDrag!({ object: first, coordinate: [120.3, 31.8] } as PickingInfo<Dot>, {} as never);
    expect(onPick).toHaveBeenCalledWith('building', '1', [120.1, 31.9]);
    expect(onDrag).toHaveBeenCalledWith([120.3, 31.8]);
  });

  it('marks a new object’s place and the places a refused write named; pairings only when given', () => {
    const pairing: RegisterPairing = { id: '7', version: 1, orgName: '某机关', orgKind: 'agency', location: [120.0, 31.7] };
    const layers = buildRegisterLayers({ ...state, selected: null, place: [120.3, 31.9], problems: [[120.4, 31.9]], pairings: [pairing, { ...pairing, id: '8', location: null }] });
    const marks = layers.find((l) => l.id === 'registers-marks') as ScatterplotLayer<{ at: number[] }>;
    expect((marks.props.data as Array<{ at: number[] }>).map((m) => m.at)).toEqual([[120.3, 31.9], [120.4, 31.9]]);
    expect((dots(layers, 'registers-pairings')!.props.data as Dot[]).map((d) => d.id)).toEqual(['7']);
    expect(dots(buildRegisterLayers(state), 'registers-pairings')).toBeUndefined();
    expect(buildRegisterLayers(state).some((l) => l.id === 'registers-marks')).toBe(false);
  });
});
