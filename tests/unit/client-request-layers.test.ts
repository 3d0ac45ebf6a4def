// The request map's layers from plain state: one dot a request of a category shown, coloured by
// its category or its status, or hexagons over the same points; nothing before the answer.
import { describe, expect, it } from 'vitest';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { HexagonLayer } from '@deck.gl/aggregation-layers';
import { REQUEST_CATEGORIES } from '../../server/domain/request-categories';
import { REQUEST_STATUSES } from '../../server/domain/requests';
import type { RequestPoints } from '../../client/features/requests/api';
import { buildRequestLayers, CATEGORY_COLORS, HEX_RADIUS_M, shownPoints, STATUS_COLORS, type RequestLayerState } from '../../client/features/requests/layers';

const answer: RequestPoints = {
  categories: REQUEST_CATEGORIES,
  statuses: REQUEST_STATUSES,
  // repair assigned, elderly closed, repair closed
  points: [[120.1, 32.1, 0, 1], [120.2, 32.2, 5, 3], [120.3, 32.3, 0, 3]],
};
const state = (over: Partial<RequestLayerState> = {}): RequestLayerState => ({ answer, mode: 'points', colorBy: 'category', shown: [...REQUEST_CATEGORIES], beforeId: 'labels-first', ...over });
type Point = RequestPoints['points'][number];

describe('request map layers', () => {
  it('draws nothing before the points have come', () => {
    expect(buildRequestLayers(state({ answer: null }))).toEqual([]);
  });

  it('draws one dot a request of a shown category, coloured by category or by status, below the labels', () => {
    const [dots] = buildRequestLayers(state({ shown: ['repair'] })) as [ScatterplotLayer<Point>];
    const data = dots.props.data as Point[];
    expect(data.map((p) => p[0])).toEqual([120.1, 120.3]);
    const fill = dots.props.getFillColor as unknown as (p: Point) => number[];
    expect(data.map(fill)).toEqual([CATEGORY_COLORS.repair, CATEGORY_COLORS.repair]);
    const [byStatus] = buildRequestLayers(state({ shown: ['repair'], colorBy: 'status' })) as [ScatterplotLayer<Point>];
    expect((byStatus.props.data as Point[]).map(byStatus.props.getFillColor as unknown as (p: Point) => number[])).toEqual([STATUS_COLORS.assigned, STATUS_COLORS.closed]);
    expect((dots.props as { beforeId?: string }).beforeId).toBe('labels-first');
  });

  it('aggregates the same points into hexagons of the stated radius', () => {
    const [hexes] = buildRequestLayers(state({ mode: 'hexes', shown: ['repair', 'elderly'] })) as [HexagonLayer<Point>];
    expect(hexes.id).toBe('request-hexes');
    expect(hexes.props.radius).toBe(HEX_RADIUS_M);
    expect((hexes.props.data as Point[]).length).toBe(3);
    expect(shownPoints({ answer, shown: ['elderly'] })).toEqual([answer.points[1]]);
  });
});
