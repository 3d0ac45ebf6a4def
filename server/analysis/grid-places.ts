// The grid as the look-up answers from it, in memory: which area holds a point, which building a
// click names, which centre is nearest, and a building's place up the grid (group, area and its
// lead, community, town). Built beside the search index by the index keeper
// (server/features/lookup/index-keeper.ts), buildings updated in place, the rest (the "frame":
// areas, groups, centres, communities, towns) replaced whole. The rules are the SQL's it replaced:
// the area whose outline holds the point (the lowest id where outlines meet); of that area's
// buildings inside a box of the radius, the nearest on the plane, named when it lies within the
// radius on the spheroid; the centre nearest on the spheroid among the five nearest on the plane.
import KDBush from 'kdbush';
import { spheroidDistanceM } from './distance';

export interface Named {
  id: string;
  name: string;
}

export interface GridArea extends Named {
  communityId: string;
  leadName: string;
  leadPhone: string;
  /** Polygon rings, or a multipolygon's polygons' rings, as GeoJSON has them. */
  outline: number[][][] | number[][][][];
}

export interface GridCentre extends Named {
  kind: string;
  hours: string;
  lng: number;
  lat: number;
}

export interface GridBuilding {
  id: string;
  address: string;
  lng: number;
  lat: number;
  areaId: string | null;
  groupId: string | null;
}

export interface GridFrame {
  towns: Named[];
  communities: Array<Named & { townId: string }>;
  areas: GridArea[];
  groups: Named[];
  centres: GridCentre[];
}

/** A place's answer up the grid, with the centre nearest to it and how far on the spheroid. */
export interface GridPlace {
  town: Named;
  community: Named;
  area: Named;
  lead: { name: string; phone: string };
  centre: (GridCentre & { distanceM: number }) | null;
}

/** Area outlines are found through cells of this many degrees (about 2 km). */
const AREA_CELL = 0.02;
/** Buildings are kept by cells of this many degrees (about 200 m), several times a click's box. */
const BUILDING_CELL = 0.002;
/** The centre is chosen on the spheroid among this many nearest on the plane. */
const CENTRE_CANDIDATES = 5;

type Ring = number[][];
interface Outline {
  area: GridArea;
  rings: Ring[];
  box: [number, number, number, number];
}

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class GridPlaces {
  private towns = new Map<string, Named>();
  private communities = new Map<string, Named & { townId: string }>();
  private groups = new Map<string, Named>();
  private outlines = new Map<number, Outline[]>();
  private areaNames = new Map<string, GridArea>();
  private centres: GridCentre[] = [];
  private centreIndex: KDBush | null = null;
  private readonly buildings = new Map<string, GridBuilding>();
  private readonly cells = new Map<number, GridBuilding[]>();

  constructor(frame: GridFrame, buildings: Iterable<GridBuilding>) {
    this.setFrame(frame);
    for (const b of buildings) this.putBuilding(b);
  }

  /** Areas, groups, centres, communities and towns anew; the buildings stay. */
  setFrame(frame: GridFrame): void {
    this.towns = new Map(frame.towns.map((t) => [t.id, t]));
    this.communities = new Map(frame.communities.map((c) => [c.id, c]));
    this.groups = new Map(frame.groups.map((g) => [g.id, g]));
    this.areaNames = new Map(frame.areas.map((a) => [a.id, a]));
    this.outlines = new Map();
    for (const area of [...frame.areas].sort(byId)) {
      // An empty outline has no rings and holds no point.
      const rings = (typeof area.outline[0]?.[0]?.[0] === 'number' ? [area.outline as Ring[]] : (area.outline as Ring[][])).flat();
      const box: Outline['box'] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const ring of rings) {
        for (const [x, y] of ring) {
          box[0] = Math.min(box[0], x!);
          box[1] = Math.min(box[1], y!);
          box[2] = Math.max(box[2], x!);
          box[3] = Math.max(box[3], y!);
        }
      }
      const outline = { area, rings, box };
      for (let cx = Math.floor(box[0] / AREA_CELL); cx <= Math.floor(box[2] / AREA_CELL); cx++) {
        for (let cy = Math.floor(box[1] / AREA_CELL); cy <= Math.floor(box[3] / AREA_CELL); cy++) {
          const key = cellKey(cx, cy);
          const list = this.outlines.get(key);
          if (list) list.push(outline);
          else this.outlines.set(key, [outline]);
        }
      }
    }
    this.centres = [...frame.centres];
    this.centreIndex = null;
    if (this.centres.length) {
      const index = new KDBush(this.centres.length);
      for (const c of this.centres) index.add(c.lng, c.lat);
      this.centreIndex = index.finish();
    }
  }

  putBuilding(b: GridBuilding): void {
    this.removeBuilding(b.id);
    this.buildings.set(b.id, b);
    const key = cellKey(Math.floor(b.lng / BUILDING_CELL), Math.floor(b.lat / BUILDING_CELL));
    const list = this.cells.get(key);
    if (list) list.push(b);
    else this.cells.set(key, [b]);
  }

  removeBuilding(id: string): void {
    const old = this.buildings.get(id);
    if (!old) return;
    this.buildings.delete(id);
    const key = cellKey(Math.floor(old.lng / BUILDING_CELL), Math.floor(old.lat / BUILDING_CELL));
    const list = this.cells.get(key)!;
    list.splice(list.indexOf(old), 1);
    if (!list.length) this.cells.delete(key);
  }

  /** The building and its place, or undefined when it is gone or lies in no area. */
  building(id: string): { building: GridBuilding; place: GridPlace } | undefined {
    const b = this.buildings.get(id);
    const place = b?.areaId ? this.placeOf(b.areaId, b.lng, b.lat) : undefined;
    return b && place && { building: b, place };
  }

  groupName(id: string | null): Named | null {
    return (id && this.groups.get(id)) || null;
  }

  /**
   * The area holding the point and its place; with the building of that area a click there names
   * (within `radiusM`), the centre measured from that building.
   */
  at(lng: number, lat: number, radiusM: number): { place: GridPlace; building: GridBuilding | null; distanceM: number } | null {
    const area = this.areaAt(lng, lat);
    if (!area) return null;
    const near = this.nearestBuilding(lng, lat, area.id, radiusM);
    const place = this.placeOf(area.id, near?.building.lng ?? lng, near?.building.lat ?? lat);
    return place ? { place, building: near?.building ?? null, distanceM: near?.distanceM ?? 0 } : null;
  }

  private placeOf(areaId: string, lng: number, lat: number): GridPlace | undefined {
    const area = this.areaNames.get(areaId);
    const community = area && this.communities.get(area.communityId);
    const town = community && this.towns.get(community.townId);
    if (!area || !community || !town) return undefined;
    return {
      town: { id: town.id, name: town.name },
      community: { id: community.id, name: community.name },
      area: { id: area.id, name: area.name },
      lead: { name: area.leadName, phone: area.leadPhone },
      centre: this.nearestCentre(lng, lat),
    };
  }

  private areaAt(lng: number, lat: number): GridArea | undefined {
    for (const o of this.outlines.get(cellKey(Math.floor(lng / AREA_CELL), Math.floor(lat / AREA_CELL))) ?? []) {
      if (lng < o.box[0] || lng > o.box[2] || lat < o.box[1] || lat > o.box[3]) continue;
      if (holds(o.rings, lng, lat)) return o.area;
    }
    return undefined;
  }

  private nearestBuilding(lng: number, lat: number, areaId: string, radiusM: number): { building: GridBuilding; distanceM: number } | null {
    // The box the SQL searched: the radius in degrees of latitude, rounded up (80 km a degree).
    const r = radiusM / 80_000;
    let best: GridBuilding | null = null;
    let bestD2 = Infinity;
    for (let cx = Math.floor((lng - r) / BUILDING_CELL); cx <= Math.floor((lng + r) / BUILDING_CELL); cx++) {
      for (let cy = Math.floor((lat - r) / BUILDING_CELL); cy <= Math.floor((lat + r) / BUILDING_CELL); cy++) {
        for (const b of this.cells.get(cellKey(cx, cy)) ?? []) {
          if (b.areaId !== areaId || Math.abs(b.lng - lng) > r || Math.abs(b.lat - lat) > r) continue;
          const d2 = (b.lng - lng) ** 2 + (b.lat - lat) ** 2;
          if (d2 < bestD2 || (d2 === bestD2 && best && b.id < best.id)) [best, bestD2] = [b, d2];
        }
      }
    }
    if (!best) return null;
    const distanceM = spheroidDistanceM(lng, lat, best.lng, best.lat);
    return distanceM <= radiusM ? { building: best, distanceM } : null;
  }

  private nearestCentre(lng: number, lat: number): (GridCentre & { distanceM: number }) | null {
    const index = this.centreIndex;
    if (!index) return null;
    let found: number[] = [];
    for (let r = 0.02; found.length < Math.min(CENTRE_CANDIDATES, this.centres.length); r *= 2) found = index.within(lng, lat, r);
    const planar = (i: number) => (this.centres[i]!.lng - lng) ** 2 + (this.centres[i]!.lat - lat) ** 2;
    return found
      .sort((a, b) => planar(a) - planar(b))
      .slice(0, CENTRE_CANDIDATES)
      .map((i) => ({ ...this.centres[i]!, distanceM: spheroidDistanceM(lng, lat, this.centres[i]!.lng, this.centres[i]!.lat) }))
      .sort((a, b) => a.distanceM - b.distanceM || byId(a, b))[0]!;
  }
}

/** Inside by the even-odd rule over every ring (holes included), or on an edge, as ST_Intersects has it. */
function holds(rings: Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
      if (Math.abs(cross) < 1e-15 && x >= Math.min(xi, xj) && x <= Math.max(xi, xj) && y >= Math.min(yi, yj) && y <= Math.max(yi, yj)) return true;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
