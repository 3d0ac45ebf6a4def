// The editor's preview outlines: Voronoi cells of the buildings, joined per area and clipped to
// the community, so the areas of a complete assignment cover the community without overlaps.
import { describe, expect, it } from 'vitest';
import { area, featureCollection, intersect, polygon } from '@turf/turf';
import type { Feature } from 'geojson';
import { areaOutline, areaOutlines, buildingCells, type Outline } from '../../client/features/plan/outlines';
import { community, gridBuildings } from './client-plan-fixture';

const feature = (g: Outline): Feature<Outline> => ({ type: 'Feature', properties: {}, geometry: g });

describe('Voronoi preview', () => {
  const buildings = gridBuildings();
  const cells = buildingCells(buildings, community);
  const quadrant = (id: string) => {
    const [i, j] = id.slice(1).split('-').map(Number);
    return `${i! < 5 ? 'W' : 'E'}${j! < 5 ? 'S' : 'N'}`;
  };
  const members = new Map<string, string[]>();
  for (const b of buildings) members.set(quadrant(b.id), [...(members.get(quadrant(b.id)) ?? []), b.id]);

  it('gives every building a cell', () => {
    expect(cells.size).toBe(buildings.length);
  });

  it("partitions the community: the areas' outlines add up to its land and do not overlap", () => {
    const outlines = [...areaOutlines(cells, community, members).values()].map((o) => o.outline!);
    expect(outlines.every((o) => o !== null)).toBe(true);
    const total = outlines.reduce((s, o) => s + area(o), 0);
    expect(Math.abs(total - area(community)) / area(community)).toBeLessThan(1e-6);
    for (let a = 0; a < outlines.length; a++)
      for (let b = a + 1; b < outlines.length; b++) {
        const both = intersect(featureCollection([feature(outlines[a]!), feature(outlines[b]!)]));
        expect(both ? area(both) : 0).toBeLessThan(1);
      }
  });

  it('keeps an outline inside the community', () => {
    const outline = areaOutline(cells, members.get('WS')!, community)!;
    const outside = area(outline) - area(intersect(featureCollection([feature(outline), polygon(community.coordinates)]))!);
    expect(Math.abs(outside)).toBeLessThan(1);
  });

  it('keeps a hole where an inner building belongs to another area', () => {
    const inner = 'b5-5';
    const ring = buildings.map((b) => b.id).filter((id) => id !== inner);
    const outline = areaOutline(cells, ring, community)!;
    expect(outline.type).toBe('Polygon');
    expect(outline.coordinates).toHaveLength(2);
    const hole = areaOutline(cells, [inner], community)!;
    expect(Math.abs(area(outline) + area(hole) - area(community))).toBeLessThan(1);
  });

  it('has no outline for an area without buildings', () => {
    expect(areaOutline(cells, [], community)).toBeNull();
  });

  it("reuses an unchanged area's outline and recomputes a changed one", () => {
    const first = areaOutlines(cells, community, members);
    const changed = new Map(members);
    changed.set('WS', members.get('WS')!.slice(1));
    const second = areaOutlines(cells, community, changed, first);
    expect(second.get('EN')).toBe(first.get('EN'));
    expect(second.get('WS')).not.toBe(first.get('WS'));
    expect(area(second.get('WS')!.outline!)).toBeLessThan(area(first.get('WS')!.outline!));
  });

  it('gives buildings at the same place one shared cell', () => {
    const twins = [...gridBuildings(2), { ...gridBuildings(2)[0]!, id: 'twin' }];
    const twinCells = buildingCells(twins, community);
    expect(twinCells.get('twin')).toBe(twinCells.get(twins[0]!.id));
  });
});
