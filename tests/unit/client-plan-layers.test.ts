// The editor's map layers, built from state: what is drawn when, and buildings coloured by area.
import { describe, expect, it } from 'vitest';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { PlanBuilding } from '../../client/features/plan/types';
import { areaColour, buildPlanLayers, type PlanLayerState } from '../../client/features/plan/layers';
import { community, gridBuildings } from './client-plan-fixture';

const buildings = gridBuildings(2);
const state = (over: Partial<PlanLayerState> = {}): PlanLayerState => ({
  community,
  outlines: [{ key: 'A', outline: community }, { key: 'B', outline: null }],
  buildings,
  colourKey: (id) => (id === buildings[0]!.id ? null : 'A'),
  colourIndex: new Map([['A', 2], ['B', 3]]),
  activeKey: 'A',
  brush: null,
  drawing: [],
  problems: [],
  ...over,
});

describe('buildPlanLayers', () => {
  it('draws areas, the community and the buildings; brush, polygon and problems only when there are some', () => {
    expect(buildPlanLayers(state()).map((l) => l.id)).toEqual(['plan-areas', 'plan-community', 'plan-buildings']);
    const busy = buildPlanLayers(
      state({
        brush: { centre: [120, 31], radiusM: 50 },
        drawing: [[120, 31], [120.001, 31], [120.001, 31.001]],
        problems: [{ type: 'Point', coordinates: [120, 31] }],
      }),
    );
    expect(busy.map((l) => l.id)).toEqual(['plan-areas', 'plan-community', 'plan-problems', 'plan-buildings', 'plan-drawing', 'plan-drawing-vertices', 'plan-brush']);
  });

  it("colours a building by its area's colour, and an unassigned one white with a red ring", () => {
    const dots = buildPlanLayers(state()).find((l) => l.id === 'plan-buildings') as ScatterplotLayer<PlanBuilding>;
    const fill = dots.props.getFillColor as unknown as (b: PlanBuilding) => number[];
    const line = dots.props.getLineColor as unknown as (b: PlanBuilding) => number[];
    expect(fill(buildings[1]!)).toEqual(areaColour(2));
    expect(fill(buildings[0]!)).toEqual([255, 255, 255, 255]);
    expect(line(buildings[0]!)).toEqual([200, 0, 0, 255]);
  });

  it('leaves out an area without an outline', () => {
    const areas = buildPlanLayers(state()).find((l) => l.id === 'plan-areas')!;
    expect((areas.props.data as { features: unknown[] }).features).toHaveLength(1);
  });
});
