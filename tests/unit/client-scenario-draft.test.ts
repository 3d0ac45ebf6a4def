// The scenarios page's pure parts: edits keep every village in at most one group (directly or
// through its whole community), as the server requires, and the editor's map colours a village
// by its group and outlines the villages the rules flag.
import { describe, expect, it } from 'vitest';
import type { GeoJsonLayer } from '@deck.gl/layers';
import type { UnitCollection } from '../../client/shared/api/types';
import { buildEditLayers, groupFill, scenarioFrame, WARNING_LINE } from '../../client/features/scenarios/layers';
import { addGroup, groupOf, placesOf, toggleCommunity, toggleVillage, villagesOfGroup, type Draft } from '../../client/features/scenarios/draft';

// Community C1 has villages V1, V2, V3; C2 has V4, V5.
const places = placesOf([
  { id: 'V1', communityId: 'C1' },
  { id: 'V2', communityId: 'C1' },
  { id: 'V3', communityId: 'C1' },
  { id: 'V4', communityId: 'C2' },
  { id: 'V5', communityId: 'C2' },
]);
const twoGroups = (): Draft => {
  const a = addGroup({ name: 's', groups: [] }, 'A');
  return addGroup(a.draft, 'B').draft;
};
const members = (d: Draft) => d.groups.map((g) => villagesOfGroup(g, places).sort());

describe('scenario draft', () => {
  it('gives new groups keys no other group has', () => {
    const d = twoGroups();
    expect(d.groups.map((g) => g.key)).toEqual(['g1', 'g2']);
    const third = addGroup({ ...d, groups: d.groups.filter((g) => g.key !== 'g1') }, 'C');
    expect(third.key).toBe('g3');
  });

  it('moves a clicked village from its group into the active one, and takes it out on a second click', () => {
    let d = toggleVillage(twoGroups(), 'g1', 'V4', places);
    d = toggleVillage(d, 'g2', 'V4', places);
    expect(members(d)).toEqual([[], ['V4']]);
    d = toggleVillage(d, 'g2', 'V4', places);
    expect(members(d)).toEqual([[], []]);
  });

  it('takes a whole community from every group, and breaks it into its other villages when one of them is clicked away', () => {
    let d = toggleVillage(twoGroups(), 'g1', 'V1', places);
    d = toggleCommunity(d, 'g2', 'C1', places);
    expect(d.groups.map((g) => [g.villages, g.communities])).toEqual([[[], []], [[], ['C1']]]);
    d = toggleVillage(d, 'g1', 'V2', places);
    expect(d.groups[1]).toMatchObject({ villages: ['V1', 'V3'], communities: [] });
    expect(groupOf(d, 'V2', places)).toBe('g1');
    const all = members(d).flat();
    expect(all.length).toBe(new Set(all).size);
  });
});

describe('scenario editor layers', () => {
  const square = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
  const villages: UnitCollection = {
    type: 'FeatureCollection',
    features: ['V1', 'V4'].map((id, i) => ({ type: 'Feature', geometry: square(i), properties: { id, communityId: places.communityOf.get(id) } })),
  };

  it('colours a village by its group, outlines flagged ones in red, and frames the villages asked for', () => {
    const clicked: string[] = [];
    const [layer] = buildEditLayers({ villages, groupIndex: new Map([['V1', 1]]), activeIndex: 1, flagged: new Set(['V4']) }, (id) => clicked.push(id)) as [GeoJsonLayer];
    const fill = layer.props.getFillColor as unknown as (f: unknown) => number[];
    const line = layer.props.getLineColor as unknown as (f: unknown) => number[];
    expect(fill(villages.features[0])).toEqual(groupFill(1));
    expect(fill(villages.features[1])[3]).toBeLessThan(groupFill(1)[3]);
    expect(line(villages.features[1])).toEqual(WARNING_LINE);
    layer.props.onClick!({ object: villages.features[1] } as never, {} as never);
    expect(clicked).toEqual(['V4']);
    expect(scenarioFrame(villages, new Set(['V4']))).toEqual([1, 0, 2, 1]);
  });
});
