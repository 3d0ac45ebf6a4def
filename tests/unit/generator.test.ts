// Invariants of the demo-city generator, checked on real geometry (turf), not on the
// generator's own bookkeeping: exact report figures, an exact tessellation, valid rings,
// buildings inside their areas, and byte-for-byte determinism.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { City } from '../../data/city.js';
import type { OrgForm } from '../../server/domain/organisations.js';
import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator/index.js';

type Geom = Polygon | MultiPolygon;
const SLOW = 30_000;

let city: City;
let json: string;

beforeAll(() => {
  city = generateCity(DEMO_CITY_OPTIONS);
  json = JSON.stringify(city);
}, SLOW);

const feat = (g: Geom): Feature<Geom> => ({ type: 'Feature', properties: {}, geometry: g });
const area = (g: Geom): number => turf.area(feat(g));
const bboxOf = (g: Geom): number[] => turf.bbox(feat(g));
const bboxesMeet = (a: number[], b: number[]): boolean =>
  (a[0] as number) <= (b[2] as number) && (b[0] as number) <= (a[2] as number) && (a[1] as number) <= (b[3] as number) && (b[1] as number) <= (a[3] as number);
const overlap = (a: Geom, b: Geom): number => {
  const x = turf.intersect(turf.featureCollection([feat(a), feat(b)]));
  return x ? turf.area(x) : 0;
};
const rings = (g: Geom): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const relClose = (a: number, b: number, tol = 1e-6): boolean => Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

/** Pairwise overlap area of a set of polygons, using a bbox prefilter. Returns the worst ratio. */
function worstOverlap(geoms: Geom[]): number {
  const boxes = geoms.map(bboxOf);
  const areas = geoms.map(area);
  let worst = 0;
  for (let i = 0; i < geoms.length; i++) {
    for (let j = i + 1; j < geoms.length; j++) {
      if (!bboxesMeet(boxes[i] as number[], boxes[j] as number[])) continue;
      const o = overlap(geoms[i] as Geom, geoms[j] as Geom);
      worst = Math.max(worst, o / Math.min(areas[i] as number, areas[j] as number));
    }
  }
  return worst;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

const count = <T>(items: readonly T[], pred: (t: T) => boolean): number => items.filter(pred).length;
const isRural = (kind: string): boolean => kind === 'rural' || kind === 'village_residence';

describe('report figures', () => {
  it('has the exact administrative counts', () => {
    expect(city.towns).toHaveLength(17);
    expect(count(city.towns, (t) => t.kind === 'street')).toBe(3);
    expect(city.villages).toHaveLength(526);
    expect(city.communities).toHaveLength(297);
    expect(count(city.communities, (c) => c.kind === 'rural')).toBe(213);
    expect(count(city.communities, (c) => c.kind === 'village_residence')).toBe(30);
    expect(count(city.communities, (c) => c.kind === 'township')).toBe(39);
    expect(count(city.communities, (c) => c.kind === 'urban')).toBe(15);
    const streets = new Set(city.towns.filter((t) => t.kind === 'street').map((t) => t.id));
    for (const c of city.communities) {
      if (c.kind === 'urban') expect(streets.has(c.townId)).toBe(true);
      if (c.kind === 'township') expect(streets.has(c.townId)).toBe(false);
    }
  });

  it('maps every village to a rural community of its own town, and every rural community has villages', () => {
    const byId = new Map(city.communities.map((c) => [c.id, c]));
    const used = new Set<string>();
    for (const v of city.villages) {
      const c = byId.get(v.communityId);
      expect(c && isRural(c.kind)).toBe(true);
      expect(c?.townId).toBe(v.townId);
      used.add(v.communityId);
    }
    expect(used.size).toBe(243);
    expect(city.aliases).toHaveLength(526);
    for (const v of city.villages) expect(city.aliases).toContainEqual({ communityId: v.communityId, alias: v.name });
  });

  it('has the report party organisation forms, consistent with member counts, and 12,335 volunteers', () => {
    const kindOf = new Map(city.communities.map((c) => [c.id, c.kind]));
    const l2 = city.partyOrgs.filter((o) => o.level === 2);
    const village = l2.filter((o) => isRural(kindOf.get(o.unitId) ?? ''));
    const community = l2.filter((o) => !isRural(kindOf.get(o.unitId) ?? ''));
    const forms = (os: typeof l2): Record<string, number> => Object.fromEntries([...groupBy(os, (o) => o.form)].map(([k, v]) => [k, v.length]));
    expect(village).toHaveLength(240);
    expect(forms(village)).toEqual({ 党委: 31, 党总支: 176, 党支部: 33 });
    expect(community).toHaveLength(54);
    expect(forms(community)).toEqual({ 党委: 1, 党总支: 24, 党支部: 29 });
    expect(new Set(l2.map((o) => o.unitId)).size).toBe(294);
    expect(count(city.partyOrgs, (o) => o.level === 1)).toBe(17);
    expect(count(city.partyOrgs, (o) => o.level === 3)).toBe(city.areas.length);
    expect(count(city.partyOrgs, (o) => o.level === 4)).toBe(city.groups.length);
    const expected = (m: number): OrgForm => (m >= 100 ? '党委' : m >= 50 ? '党总支' : '党支部');
    for (const o of city.partyOrgs) {
      if (o.level === 4) expect(o.form).toBe('党小组');
      else expect(o.form).toBe(expected(o.members));
    }
    expect(city.partyOrgs.reduce((s, o) => s + o.volunteers, 0)).toBe(12_335);
    const units = new Set([...city.towns, ...city.communities, ...city.areas, ...city.groups].map((u) => u.id));
    for (const o of city.partyOrgs) expect(units.has(o.unitId)).toBe(true);
  });

  it('has the report service centre figures, counting only party_service centres', () => {
    const kindOf = new Map(city.communities.map((c) => [c.id, c.kind]));
    const withOrg = new Set(city.partyOrgs.filter((o) => o.level === 2).map((o) => o.unitId));
    const party = city.centres.filter((c) => c.kind === 'party_service');
    const rural = party.filter((c) => isRural(kindOf.get(c.communityId) ?? ''));
    const urban = party.filter((c) => !isRural(kindOf.get(c.communityId) ?? ''));
    expect(rural).toHaveLength(183);
    expect(count(rural, (c) => c.floorArea >= 1000)).toBe(28);
    expect(urban).toHaveLength(50);
    expect(count(urban, (c) => c.floorArea >= 1000)).toBe(6);
    for (const c of party) expect(withOrg.has(c.communityId)).toBe(true);
    expect(new Set(party.map((c) => c.communityId)).size).toBe(233);
    expect(count(city.centres, (c) => c.kind === 'labour')).toBe(17);
    for (const c of party) {
      expect(c.serviceItems).toBeGreaterThanOrEqual(88);
      expect(['24小时', '08:30-17:30']).toContain(c.hours);
    }
  });

  it('places every centre inside its community', () => {
    const geom = new Map(city.communities.map((c) => [c.id, c.geom]));
    for (const c of city.centres) expect(turf.booleanPointInPolygon(c.point, geom.get(c.communityId) as Geom)).toBe(true);
  });

  it('has the report pairings', () => {
    const by = groupBy(city.pairings, (p) => p.orgKind);
    expect(by.get('agency')).toHaveLength(75);
    expect(by.get('unit')).toHaveLength(200);
    const uc = by.get('urban_community') ?? [];
    expect(uc).toHaveLength(34);
    expect(new Set(uc.map((p) => p.orgName)).size).toBe(27);
    expect(new Set(uc.map((p) => p.communityId)).size).toBe(34);
    const kindOf = new Map(city.communities.map((c) => [c.id, c.kind]));
    for (const p of uc) expect(isRural(kindOf.get(p.communityId) ?? '')).toBe(true);
    for (const p of city.pairings) expect(kindOf.has(p.communityId)).toBe(true);
  });
});

describe('population', () => {
  it('totals exactly 1,000,000 residents with a 69.6 % concentrated-residence rate', () => {
    const concentrated = new Set(city.estates.filter((e) => e.concentrated).map((e) => e.id));
    const pop = city.buildings.reduce((s, b) => s + b.population, 0);
    const conc = city.buildings.filter((b) => concentrated.has(b.estateId)).reduce((s, b) => s + b.population, 0);
    expect(pop).toBe(1_000_000);
    expect(conc).toBe(696_000);
    const hh = city.buildings.reduce((s, b) => s + b.households, 0);
    expect(pop / hh).toBeGreaterThan(2.7);
    expect(pop / hh).toBeLessThan(2.9);
    const members = city.buildings.reduce((s, b) => s + b.partyMembers, 0);
    expect(members / pop).toBeGreaterThan(0.03);
    expect(members / pop).toBeLessThan(0.06);
    expect(city.buildings.length).toBeGreaterThan(15_000);
    expect(city.buildings.length).toBeLessThan(30_000);
    for (const b of city.buildings) {
      expect(b.population).toBeGreaterThan(0);
      expect(b.households).toBeGreaterThan(0);
      expect(b.households).toBeLessThanOrEqual(b.population);
    }
  });

  it('keeps scattered housing in rural communities only', () => {
    const kindOf = new Map(city.communities.map((c) => [c.id, c.kind]));
    for (const e of city.estates) if (!e.concentrated) expect(isRural(kindOf.get(e.communityId) ?? '')).toBe(true);
  });

  it('scales residents and buildings, keeping the rate at 0.696', () => {
    for (const scale of [0.5, 0.123]) {
      const c = generateCity({ seed: DEMO_CITY_OPTIONS.seed, scale });
      const concentrated = new Set(c.estates.filter((e) => e.concentrated).map((e) => e.id));
      const pop = c.buildings.reduce((s, b) => s + b.population, 0);
      const conc = c.buildings.filter((b) => concentrated.has(b.estateId)).reduce((s, b) => s + b.population, 0);
      expect(pop).toBe(Math.round(1_000_000 * scale));
      expect(Math.round((conc / pop) * 1000) / 1000).toBe(0.696);
      expect(c.buildings.length / city.buildings.length).toBeGreaterThan(scale * 0.85);
      expect(c.buildings.length / city.buildings.length).toBeLessThan(scale * 1.15);
      expect(c.villages).toHaveLength(526);
    }
  }, SLOW);
});

describe('buildings, groups and addresses', () => {
  it('puts every building inside its area, in a party group of that area', () => {
    const areaGeom = new Map(city.areas.map((a) => [a.id, a.geom]));
    const groupArea = new Map(city.groups.map((g) => [g.id, g.areaId]));
    for (const b of city.buildings) {
      expect(groupArea.get(b.groupId)).toBe(b.areaId);
      expect(turf.booleanPointInPolygon(b.point, areaGeom.get(b.areaId) as Geom)).toBe(true);
    }
  }, SLOW);

  it('makes groups of a few buildings and keeps every group and area in use', () => {
    const sizes = groupBy(city.buildings, (b) => b.groupId);
    expect(sizes.size).toBe(city.groups.length);
    for (const list of sizes.values()) expect(list.length).toBeLessThanOrEqual(10);
    const big = [...sizes.values()].filter((l) => l.length >= 4).length;
    expect(big / sizes.size).toBeGreaterThan(0.9);
    expect(new Set(city.buildings.map((b) => b.areaId)).size).toBe(city.areas.length);
  });

  it('gives unique addresses in the report format', () => {
    expect(new Set(city.buildings.map((b) => b.address)).size).toBe(city.buildings.length);
    const estate = new Map(city.estates.map((e) => [e.id, e]));
    const comm = new Map(city.communities.map((c) => [c.id, c]));
    const town = new Map(city.towns.map((t) => [t.id, t]));
    for (const b of city.buildings) {
      const e = estate.get(b.estateId);
      const c = comm.get(e?.communityId ?? '');
      const t = town.get(c?.townId ?? '');
      const prefix = `江苏省滨江市${t?.name}${c?.name}${e?.name}`;
      expect(b.address.startsWith(prefix)).toBe(true);
      expect(b.address.slice(prefix.length)).toMatch(e?.concentrated ? /^\d+幢$/ : /^\d+号$/);
    }
  });

  it('has 2–6 areas per community, with leads and 11-digit phones', () => {
    for (const list of groupBy(city.areas, (a) => a.communityId).values()) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(6);
    }
    expect(new Set(city.areas.map((a) => a.communityId)).size).toBe(297);
    for (const a of city.areas) {
      expect(a.leadPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(a.leadName.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses unique ids everywhere', () => {
    const lists = [city.towns, city.villages, city.communities, city.areas, city.groups, city.estates, city.buildings, city.partyOrgs, city.centres];
    for (const l of lists) expect(new Set(l.map((x) => x.id)).size).toBe(l.length);
  });
});

describe('geometry', () => {
  it('has valid polygons: closed rings, ≥ 4 positions, CCW shells, CW holes, no self-intersections', () => {
    const all: Geom[] = [
      ...city.towns.map((t) => t.geom),
      ...city.villages.map((v) => v.geom),
      ...city.communities.map((c) => c.geom),
      ...city.areas.map((a) => a.geom),
      ...city.basemap.filter((f) => f.geom.type !== 'LineString').map((f) => f.geom as Geom),
    ];
    for (const g of all) {
      for (const poly of rings(g)) {
        poly.forEach((ring, k) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(turf.booleanClockwise(ring)).toBe(k > 0);
        });
      }
      expect(turf.kinks(g).features).toHaveLength(0);
    }
  }, SLOW);

  it('tessellates every town exactly by its villages and urban communities', () => {
    const units = groupBy(
      [
        ...city.villages.map((v) => ({ town: v.townId, geom: v.geom })),
        ...city.communities.filter((c) => !isRural(c.kind)).map((c) => ({ town: c.townId, geom: c.geom })),
      ],
      (u) => u.town,
    );
    for (const t of city.towns) {
      const list = units.get(t.id) ?? [];
      const sum = list.reduce((s, u) => s + area(u.geom), 0);
      expect(relClose(sum, area(t.geom))).toBe(true);
      expect(worstOverlap(list.map((u) => u.geom))).toBeLessThan(1e-6);
    }
    expect(worstOverlap(city.towns.map((t) => t.geom))).toBeLessThan(1e-6);
  }, SLOW);

  it('makes each rural community the union of adjacent villages of its town', () => {
    const villages = groupBy(city.villages, (v) => v.communityId);
    for (const c of city.communities.filter((c) => isRural(c.kind))) {
      const list = villages.get(c.id) ?? [];
      expect(list.length).toBeGreaterThanOrEqual(1);
      const sum = list.reduce((s, v) => s + area(v.geom), 0);
      const ca = area(c.geom);
      expect(relClose(sum, ca)).toBe(true);
      // Each village lies inside the community; with equal total area and no overlaps
      // (checked per town), the community is exactly their union.
      for (const v of list) expect(relClose(overlap(v.geom, c.geom), area(v.geom), 1e-5)).toBe(true);
      // Adjacency = a shared boundary segment; the villages' adjacency graph is connected.
      const edgeOwners = new Map<string, Set<number>>();
      list.forEach((v, k) => {
        for (const poly of rings(v.geom)) {
          for (const ring of poly) {
            for (let i = 0; i + 1 < ring.length; i++) {
              const a = String(ring[i]);
              const b = String(ring[i + 1]);
              const key = a < b ? `${a}|${b}` : `${b}|${a}`;
              const s = edgeOwners.get(key) ?? new Set<number>();
              s.add(k);
              edgeOwners.set(key, s);
            }
          }
        }
      });
      const adj = list.map(() => new Set<number>());
      for (const s of edgeOwners.values()) for (const a of s) for (const b of s) if (a !== b) adj[a]?.add(b);
      const seen = new Set<number>([0]);
      const stack = [0];
      while (stack.length > 0) {
        for (const n of adj[stack.pop() as number] ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          stack.push(n);
        }
      }
      expect(seen.size).toBe(list.length);
    }
  }, SLOW);

  it('partitions every community into its contracted areas', () => {
    const areas = groupBy(city.areas, (a) => a.communityId);
    for (const c of city.communities) {
      const list = areas.get(c.id) ?? [];
      const sum = list.reduce((s, a) => s + area(a.geom), 0);
      expect(relClose(sum, area(c.geom))).toBe(true);
      expect(worstOverlap(list.map((a) => a.geom))).toBeLessThan(1e-6);
      for (const a of list) expect(relClose(overlap(a.geom, c.geom), area(a.geom), 1e-5)).toBe(true);
    }
  }, SLOW);

  it('covers about 1,000 km² of land in the stated window, with the Yangtze to the north', () => {
    const land = city.towns.reduce((s, t) => s + area(t.geom), 0) / 1e6;
    expect(land).toBeGreaterThan(900);
    expect(land).toBeLessThan(1100);
    const [w, s, e, n] = turf.bbox(turf.featureCollection(city.towns.map((t) => feat(t.geom))));
    expect(w).toBeGreaterThan(119.98);
    expect(e).toBeLessThan(120.42);
    expect(s).toBeGreaterThan(31.78);
    expect(n).toBeLessThan(32.08);
    const river = city.basemap.find((f) => f.name === '长江' && f.geom.type !== 'LineString');
    expect(river).toBeDefined();
    const rb = turf.bbox(feat(river?.geom as Geom));
    expect(rb[3]).toBeGreaterThan(n as number);
    expect(overlap(river?.geom as Geom, city.towns[0]?.geom as Geom)).toBeLessThan(1);
  });
});

describe('determinism', () => {
  it('gives identical JSON for the same seed', () => {
    expect(JSON.stringify(generateCity(DEMO_CITY_OPTIONS))).toBe(json);
  }, SLOW);

  it('gives a different city, with the same figures, for another seed', () => {
    const other = generateCity({ seed: 7, scale: 0.2 });
    const same = generateCity({ seed: DEMO_CITY_OPTIONS.seed, scale: 0.2 });
    expect(JSON.stringify(other.towns)).not.toBe(JSON.stringify(same.towns));
    expect(other.villages).toHaveLength(526);
    expect(other.communities).toHaveLength(297);
    expect(count(other.communities, (c) => c.kind === 'village_residence')).toBe(30);
    expect(other.buildings.reduce((s, b) => s + b.population, 0)).toBe(200_000);
  }, SLOW);
});
