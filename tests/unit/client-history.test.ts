// The history view's pure parts: land added and removed between two versions (checked against
// the spherical area of crafted rectangles, not against turf itself), the attribute table, the
// timeline's rows and the comparison's map layers.
import { describe, expect, it } from 'vitest';
import type { GeoJsonLayer } from '@deck.gl/layers';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Version } from '../../client/features/history/api';
import { diffAttributes, diffShapes, frameOf } from '../../client/features/history/diff';
import { buildTimeline, initialPair } from '../../client/features/history/timeline';
import { HISTORY_ADDED, HISTORY_REMOVED } from '../../client/shared/map/colors';
import { authorName } from '../../server/domain/words';
import { buildHistoryLayers } from '../../client/features/history/layers';

const X = 120.3;
const Y = 32.0;
const STEP = 0.001;
/** The rectangle [x0, x1] × [y0, y1] in steps of 0.001° from (120.3, 32.0). */
function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  const [w, s, e, n] = [X + x0 * STEP, Y + y0 * STEP, X + x1 * STEP, Y + y1 * STEP];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}
/** Its area on the sphere turf uses (R = 6371008.8 m): R² · Δλ · (sin φ₂ − sin φ₁). */
function sphericalArea(x0: number, y0: number, x1: number, y1: number): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  return R * R * (x1 - x0) * STEP * rad * (Math.sin((Y + y1 * STEP) * rad) - Math.sin((Y + y0 * STEP) * rad));
}
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(Math.abs(expected) * 1e-6 + 1e-6);

describe('diffShapes', () => {
  it('finds the strip gained on one side and the strip lost on the other when an area shifts', () => {
    const d = diffShapes(rect(0, 0, 2, 2), rect(1, 0, 3, 2));
    expect(d.polygonal).toBe(true);
    close(d.areaA, sphericalArea(0, 0, 2, 2));
    close(d.areaB, sphericalArea(1, 0, 3, 2));
    close(d.addedM2, sphericalArea(2, 0, 3, 2));
    close(d.removedM2, sphericalArea(0, 0, 1, 2));
    // Added lies east of A, removed west of B.
    const [addedWest] = frameOf(d.added!.geometry, d.added!.geometry);
    const [, , removedEast] = frameOf(d.removed!.geometry, d.removed!.geometry);
    expect(addedWest).toBeCloseTo(X + 2 * STEP, 9);
    expect(removedEast).toBeCloseTo(X + STEP, 9);
    expect(d.changeM2).toBeCloseTo(d.addedM2 - d.removedM2, 3);
  });

  it('reports only land added when the new version grows around the old one', () => {
    const d = diffShapes(rect(1, 1, 2, 2), rect(0, 0, 3, 3));
    expect(d.removed).toBeNull();
    expect(d.removedM2).toBe(0);
    close(d.addedM2, sphericalArea(0, 0, 3, 3) - sphericalArea(1, 1, 2, 2));
    // The gain is a ring around the old area: an outer boundary with the old area as its hole.
    expect((d.added!.geometry as Polygon).coordinates).toHaveLength(2);
  });

  it('reports only land removed when a piece of a multipolygon goes', () => {
    const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [rect(0, 0, 1, 1).coordinates, rect(3, 0, 4, 2).coordinates] };
    const d = diffShapes(two, rect(0, 0, 1, 1));
    expect(d.added).toBeNull();
    close(d.removedM2, sphericalArea(3, 0, 4, 2));
    close(d.changeM2, -sphericalArea(3, 0, 4, 2));
  });

  it('finds nothing added or removed between equal shapes', () => {
    const d = diffShapes(rect(0, 0, 2, 1), { type: 'MultiPolygon', coordinates: [rect(0, 0, 2, 1).coordinates] });
    expect([d.added, d.removed, d.addedM2, d.removedM2]).toEqual([null, null, 0, 0]);
    expect(d.changeM2).toBeCloseTo(0, 6);
  });

  it('gives the distance a point moved, and no land figures', () => {
    const d = diffShapes({ type: 'Point', coordinates: [X, Y] }, { type: 'Point', coordinates: [X, Y + STEP] });
    expect(d.polygonal).toBe(false);
    // 0.001° of latitude on that sphere.
    expect(d.movedM).toBeCloseTo(6371008.8 * STEP * (Math.PI / 180), 3);
    expect(d.added).toBeNull();
  });
});

describe('diffAttributes', () => {
  it('lists every field of either version and marks the changed ones', () => {
    expect(diffAttributes({ name: '一片区', leadPhone: '139****1111', radiusM: 500 }, { name: '二片区', leadPhone: '139****1111', radiusM: 500, hours: '8-17' })).toEqual([
      { name: 'name', a: '一片区', b: '二片区', changed: true },
      { name: 'leadPhone', a: '139****1111', b: '139****1111', changed: false },
      { name: 'radiusM', a: '500', b: '500', changed: false },
      { name: 'hours', a: '', b: '8-17', changed: true },
    ]);
  });
});

const version = (n: number, change: string | null, extra: Partial<Version> = {}): Version => ({
  version: n,
  changedAt: `2026-11-2${n}T08:00:00.000Z`,
  changedBy: 'demo-planner',
  change,
  current: false,
  ...extra,
});

describe('buildTimeline', () => {
  it('puts the newest first and says how each version came about and what it changed', () => {
    const rows = buildTimeline([
      version(1, null),
      version(3, 'update', { changed: ['geometry'] }),
      version(4, 'restore', { restoredFrom: 1, changed: ['name', 'geometry'], current: true }),
      version(2, 'update', { changed: ['name', 'leadPhone'] }),
    ]);
    expect(rows.map((r) => [r.version, r.kind, r.restoredFrom, r.attributes, r.geometryChanged, r.changesKnown, r.current])).toEqual([
      [4, 'restore', 1, ['name'], true, true, true],
      [3, 'update', null, [], true, true, false],
      [2, 'update', null, ['name', 'leadPhone'], false, true, false],
      [1, 'first', null, [], false, false, false],
    ]);
    expect(initialPair(rows)).toEqual({ a: 3, b: 4 });
  });

  it('shows a kind of write it does not know as "other", keeping the server\'s word', () => {
    const [row] = buildTimeline([version(5, 'delete', { changed: [], current: true })]);
    expect(row).toMatchObject({ kind: 'other', rawKind: 'delete', changesKnown: true, attributes: [] });
  });

  it('has no pair to compare when there is one version', () => {
    expect(initialPair(buildTimeline([version(1, null, { current: true })]))).toBeNull();
  });
});

describe('buildHistoryLayers', () => {
  it('draws the land added and removed in their colours, then A and B above them', () => {
    const a = rect(0, 0, 2, 2);
    const b = rect(1, 0, 3, 2);
    const layers = buildHistoryLayers({ a, b, diff: diffShapes(a, b) });
    expect(layers.map((l) => l.id)).toEqual(['history-added', 'history-removed', 'history-a', 'history-b']);
    expect((layers[0] as GeoJsonLayer).props.getFillColor).toEqual(HISTORY_ADDED);
    expect((layers[1] as GeoJsonLayer).props.getFillColor).toEqual(HISTORY_REMOVED);
  });

  it('draws only the shape there is, and no difference layers when nothing moved', () => {
    const a = rect(0, 0, 1, 1);
    expect(buildHistoryLayers({ a: null, b: a, diff: null }).map((l) => l.id)).toEqual(['history-b']);
    expect(buildHistoryLayers({ a, b: a, diff: diffShapes(a, a) }).map((l) => l.id)).toEqual(['history-a', 'history-b']);
    expect(buildHistoryLayers({ a: { type: 'Point', coordinates: [X, Y] }, b: null, diff: null }).map((l) => l.id)).toEqual(['history-a']);
  });
});

describe('who made a version', () => {
  it('names the seeded or command-line author in words, Chinese first, and a person by their account', () => {
    expect(authorName('system', 'zh')).toBe('系统（初始数据）');
    expect(authorName('system', 'en')).toBe('System (initial data)');
    expect(authorName('demo-planner', 'zh')).toBe('demo-planner');
  });
});
