// The coverage map's layers from plain state: reach circles in metres, colours by kind, a closed
// centre's reach gone, large centres marked, heat weights by the chosen measure, sites and focus.
import { describe, expect, it } from 'vitest';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Coverage, PlacedCentre } from '../../client/features/coverage/api';
import { buildCoverageLayers, centreColor, CLOSED_COLOR, heatWeight, KIND_COLORS, reachFill, type CoverageLayerState } from '../../client/features/coverage/layers';

type Centre = PlacedCentre & { large?: boolean };
const centre = (id: string, kind: PlacedCentre['kind'], radiusM: number, extra: Partial<Centre> = {}): Centre => ({
  id, name: id, kind, lng: 120 + radiusM / 1e5, lat: 32, radiusM, floorAreaM2: null, communityId: null, status: 'as_is', ...extra,
});
const points: Coverage['uncoveredPoints'] = [
  [120.1, 32.1, 100, 40, 7],
  [120.2, 32.2, 10, 4, 0],
];

const state = (over: Partial<CoverageLayerState> = {}): CoverageLayerState => ({
  centres: [centre('P1', 'party_service', 800, { large: true }), centre('C1', 'convenience', 500), centre('L1', 'labour', 1500, { status: 'closed' })],
  kinds: ['party_service', 'convenience', 'labour'],
  heatPoints: points,
  weight: 'population',
  selectedId: null,
  sites: [],
  siteRadiusM: 1000,
  focus: null,
  beforeId: 'labels-first',
  ...over,
});

const byId = (layers: ReturnType<typeof buildCoverageLayers>, id: string) => layers.find((l) => l.id === id);
type Accessor<T, R> = (d: T) => R;

describe('buildCoverageLayers', () => {
  it('draws each serving centre’s reach as a circle of its radius in metres, coloured by kind', () => {
    const reach = byId(buildCoverageLayers(state()), 'coverage-reach') as ScatterplotLayer<PlacedCentre>;
    expect(reach.props.radiusUnits).toBe('meters');
    const data = reach.props.data as PlacedCentre[];
    expect(data.map((c) => c.id)).toEqual(['P1', 'C1']); // the closed one reaches nobody
    const radius = reach.props.getRadius as unknown as Accessor<PlacedCentre, number>;
    expect(data.map(radius)).toEqual([800, 500]);
    const line = reach.props.getLineColor as unknown as Accessor<PlacedCentre, number[]>;
    expect(data.map(line)).toEqual([KIND_COLORS.party_service, KIND_COLORS.convenience]);
    const fill = reach.props.getFillColor as unknown as Accessor<PlacedCentre, number[]>;
    expect(fill(data[1]!)).toEqual(reachFill('convenience'));
    expect((reach.props as unknown as { beforeId?: string }).beforeId).toBe('labels-first');
  });

  it('gives the three kinds three different colours and a closed centre grey', () => {
    const colours = new Set(Object.values(KIND_COLORS).map((c) => c.join()));
    expect(colours.size).toBe(3);
    expect(centreColor(centre('L1', 'labour', 1, { status: 'closed' }))).toEqual(CLOSED_COLOR);
    expect(centreColor(centre('L2', 'labour', 1))).toEqual(KIND_COLORS.labour);
  });

  it('marks large centres with a bigger dot and a dark ring, and the selected one with a ring of its own', () => {
    const dots = byId(buildCoverageLayers(state({ selectedId: 'C1' })), 'coverage-centres') as ScatterplotLayer<Centre>;
    expect(dots.props.radiusUnits).toBe('pixels');
    expect(dots.props.pickable).toBe(true);
    const [p1, c1, l1] = dots.props.data as Centre[];
    const radius = dots.props.getRadius as unknown as Accessor<Centre, number>;
    const line = dots.props.getLineColor as unknown as Accessor<Centre, number[]>;
    expect(radius(p1!)).toBeGreaterThan(radius(l1!));
    expect(line(p1!)).not.toEqual(line(l1!));
    expect(radius(c1!)).toBeGreaterThan(radius(l1!));
    expect(line(c1!)).not.toEqual(line(p1!));
    expect(dots.props.updateTriggers).toMatchObject({ getRadius: 'C1' });
  });

  it('leaves kinds not counted off the map', () => {
    const layers = buildCoverageLayers(state({ kinds: ['convenience'] }));
    expect((byId(layers, 'coverage-reach')!.props.data as PlacedCentre[]).map((c) => c.id)).toEqual(['C1']);
    expect((byId(layers, 'coverage-centres')!.props.data as PlacedCentre[]).map((c) => c.id)).toEqual(['C1']);
  });

  it('weighs the heatmap by uncovered residents, households or party members', () => {
    expect(points.map(heatWeight('population'))).toEqual([100, 10]);
    expect(points.map(heatWeight('households'))).toEqual([40, 4]);
    expect(points.map(heatWeight('partyMembers'))).toEqual([7, 0]);
    const heat = byId(buildCoverageLayers(state({ weight: 'partyMembers' })), 'coverage-heat') as HeatmapLayer<Coverage['uncoveredPoints'][number]>;
    const weight = heat.props.getWeight as unknown as Accessor<Coverage['uncoveredPoints'][number], number>;
    expect(points.map(weight)).toEqual([7, 0]);
    expect(heat.props.updateTriggers).toMatchObject({ getWeight: 'partyMembers' });
  });

  it('draws no heatmap when everyone is within reach', () => {
    expect(byId(buildCoverageLayers(state({ heatPoints: [] })), 'coverage-heat')).toBeUndefined();
  });

  it('draws proposed sites with their reach in metres, and the estate flown to', () => {
    const layers = buildCoverageLayers(state({ sites: [{ lng: 120.3, lat: 32.3, gain: 50 }], siteRadiusM: 1200, focus: [120.1, 32.1] }));
    const siteReach = byId(layers, 'coverage-site-reach') as ScatterplotLayer;
    expect(siteReach.props.radiusUnits).toBe('meters');
    expect(siteReach.props.getRadius).toBe(1200);
    expect(byId(layers, 'coverage-sites')).toBeDefined();
    expect(byId(layers, 'coverage-focus')!.props.data).toEqual([[120.1, 32.1]]);
  });

  it('hands a dragged centre and where it was dropped to the handlers', () => {
    const moves: [string, [number, number]][] = [];
    const layers = buildCoverageLayers(state(), { onDrag: (c, at) => moves.push([c.id, at]), onDragEnd: (c, at) => moves.push([`${c.id}!`, at]) });
    const dots = byId(layers, 'coverage-centres') as ScatterplotLayer<Centre>;
    const object = (dots.props.data as Centre[])[0];
    const info = { object, coordinate: [120.5, 32.5] } as never;
    dots.props.onDrag!(info, {} as never);
    dots.props.onDragEnd!(info, {} as never);
    expect(moves).toEqual([
      ['P1', [120.5, 32.5]],
      ['P1!', [120.5, 32.5]],
    ]);
  });
});
