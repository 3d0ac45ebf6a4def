// Entry point: generateCity(options) → City. A pure function of (seed, scale): no I/O,
// no clock, no Math.random — the same options always give byte-identical JSON, so a
// re-seeded database keeps its ids and URLs.
import type { Point } from 'geojson';
import { isRural } from '../../server/domain/kinds.js';
import type { Area, City, CityOptions, Community, PartyGroup, Town, Village } from '../city.js';
import { buildAreas } from './areas.js';
import { buildBasemap } from './basemap.js';
import { buildHousing, centralCell, type CommunityInput } from './buildings.js';
import { buildCentres } from './centres.js';
import { apportion } from './apportion.js';
import { buildLattice, cellI, cellJ, cellPoint, toLngLat } from './lattice.js';
import { CITY_NAME, NameBook, PhoneBook, STREETS, TOWNS, cnNumber, personName, type Named } from './names.js';
import { outline } from './outline.js';
import { buildPairings } from './pairings.js';
import { buildPartyOrgs } from './party.js';
import { budget } from './population.js';
import { streamFor } from './rng.js';
import { STREET_COUNT, buildTerritory, cellsByLabel } from './territory.js';

export const DEMO_CITY_OPTIONS: CityOptions = { seed: 20261124, scale: 1 };
/** A plausible Jiangsu county-level-city code (32 12 8x) not assigned to a real city. */
export const REGION_CODE = '321289';
/** Rural communities whose organisation is run jointly by a neighbour's (243 vs 240 in the report). */
const LEADERLESS = 3;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function generateCity(opts: CityOptions): City {
  const { seed, scale } = opts;
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('scale must be a positive number');

  const L = buildLattice(seed);
  const T = buildTerritory(L, seed);
  const unitCells = cellsByLabel(T.unit, T.units.length);
  const commCells = T.communities.map((p) => p.units.flatMap((u) => unitCells[u] as number[]).sort((a, b) => a - b));

  // Names.
  const book = new NameBook(streamFor(seed, 'names'));
  for (const n of [...STREETS, ...TOWNS]) book.reserve(n.zh);
  const townCells = cellsByLabel(T.town, T.townSeat.length);
  const townStem: Named[] = T.townSeat.map((_, t) => (t < STREET_COUNT ? STREETS[t] : TOWNS[t - STREET_COUNT]) as Named);
  const towns: Town[] = townStem.map((s, t) => ({
    id: `T${pad(t + 1, 2)}`,
    name: s.zh + (t < STREET_COUNT ? '街道' : '镇'),
    nameEn: s.en,
    kind: t < STREET_COUNT ? 'street' : 'town',
    geom: outline(L, townCells[t] as number[], (c) => T.town[c] === t),
  }));
  const seatNamed = new Set<number>();
  const stems: Named[] = T.communities.map((p) => {
    // A town's first seat community carries the town's own name (沿江镇沿江社区).
    if (p.kind === 'township' && !seatNamed.has(p.town)) {
      seatNamed.add(p.town);
      return townStem[p.town] as Named;
    }
    return book.stem();
  });
  const communities: Community[] = T.communities.map((p, k) => {
    const s = stems[k] as Named;
    const village = p.kind === 'rural';
    return {
      id: `C${pad(k + 1, 3)}`,
      townId: (towns[p.town] as Town).id,
      name: s.zh + (village ? '村' : '社区'),
      nameEn: `${s.en} ${village ? 'Village' : 'Community'}`,
      kind: p.kind,
      geom: outline(L, commCells[k] as number[], (c) => T.unit[c] !== undefined && T.unit[c]! >= 0 && T.unitComm[T.unit[c]!] === k),
    };
  });
  const villages: Village[] = [];
  const villageName = new Map<number, string>();
  T.communities.forEach((p, k) => {
    if (!isRural(p.kind)) return;
    for (const u of p.units) {
      const n = book.village();
      villageName.set(u, n.zh);
      villages.push({
        id: `V${pad(villages.length + 1, 3)}`,
        townId: (towns[p.town] as Town).id,
        name: n.zh,
        nameEn: n.en,
        communityId: (communities[k] as Community).id,
        geom: outline(L, unitCells[u] as number[], (c) => T.unit[c] === u),
      });
    }
  });

  // People and areas.
  const B = budget(T, commCells.map((c) => c.length), scale, seed);
  const A = buildAreas(L, commCells, B.pop1, seed);
  const people = streamFor(seed, 'people');
  const phones = new PhoneBook(people);
  const areas: Area[] = [];
  const areaId = new Map<number, string>();
  const areaFullName = new Map<string, string>();
  const areaComm = new Map<string, string>();
  const areaCells = cellsByLabel(A.area, A.areaComm.length);
  A.byComm.forEach((list, k) => {
    list.forEach((a, n) => {
      const id = `A${pad(areas.length + 1, 4)}`;
      areaId.set(a, id);
      const name = `第${cnNumber(n + 1)}片区`;
      areaFullName.set(id, (communities[k] as Community).name + name);
      areaComm.set(id, (communities[k] as Community).name);
      areas.push({
        id,
        communityId: (communities[k] as Community).id,
        name,
        nameEn: `Area ${n + 1}`,
        leadName: personName(people),
        leadPhone: phones.next(),
        geom: outline(L, areaCells[a] as number[], (c) => A.area[c] === a),
      });
    });
  });

  // Housing.
  const inputs: CommunityInput[] = T.communities.map((p, k) => ({
    id: (communities[k] as Community).id,
    name: (communities[k] as Community).name,
    townName: (towns[p.town] as Town).name,
    urban: !isRural(p.kind),
    stem: (stems[k] as Named).zh,
    cells: commCells[k] as number[],
    villages: isRural(p.kind) ? p.units.map((u) => ({ name: villageName.get(u) as string, cells: unitCells[u] as number[] })) : [],
    conc: B.conc[k] as number,
    scat: B.scat[k] as number,
  }));
  const H = buildHousing(L, inputs, A.area, book, streamFor(seed, 'housing'));
  const byArea = new Map<string, number[]>();
  H.buildings.forEach((b, n) => {
    const id = areaId.get(A.area[b.cell] as number);
    if (id === undefined) throw new Error(`building ${b.id} outside every area`);
    b.areaId = id;
    const list = byArea.get(id);
    if (list) list.push(n);
    else byArea.set(id, [n]);
  });

  // Building party groups: consecutive buildings of an area (so neighbours), 4–10 each.
  const groups: PartyGroup[] = [];
  const groupMembers: number[] = [];
  const areaMembers = new Map<string, number>();
  for (const a of areas) {
    const list = byArea.get(a.id) ?? [];
    const ng = Math.ceil(list.length / 7);
    const sizes = apportion(list.length, Array.from({ length: ng }, () => 1));
    let at = 0;
    sizes.forEach((size, g) => {
      const id = `G${pad(groups.length + 1, 5)}`;
      let members = 0;
      for (const n of list.slice(at, at + size)) {
        const b = H.buildings[n] as (typeof H.buildings)[number];
        b.groupId = id;
        members += b.partyMembers;
      }
      at += size;
      groups.push({ id, areaId: a.id, name: `${a.name}第${cnNumber(g + 1)}党小组`, nameEn: `${a.nameEn} Group ${g + 1}` });
      groupMembers.push(members);
      areaMembers.set(a.id, (areaMembers.get(a.id) ?? 0) + members);
    });
  }

  // Party organisations.
  const leaderless = new Set(
    T.communities
      .map((p, k) => ({ p, k }))
      .filter((e) => e.p.kind === 'rural')
      .sort((a, b) => (B.pop1[a.k] as number) - (B.pop1[b.k] as number) || a.k - b.k)
      .slice(0, LEADERLESS)
      .map((e) => e.k),
  );
  const commInfo = T.communities.map((p, k) => ({
    id: (communities[k] as Community).id,
    name: (communities[k] as Community).name,
    townIndex: p.town,
    rural: isRural(p.kind),
    pop1: B.pop1[k] as number,
    leaderless: leaderless.has(k),
    hasOrg: !leaderless.has(k),
  }));
  const partyOrgs = buildPartyOrgs(
    {
      towns: towns.map((t) => ({ id: t.id, name: t.name, street: t.kind === 'street' })),
      communities: commInfo,
      areas: areas.map((a) => ({ id: a.id, name: areaFullName.get(a.id) as string, members: areaMembers.get(a.id) ?? 0 })),
      groups: groups.map((g, n) => ({ id: g.id, name: (areaComm.get(g.areaId) as string) + g.name, members: groupMembers[n] as number })),
    },
    streamFor(seed, 'party'),
  );

  // Service centres and pairings.
  const pointIn = (k: number, variant: number): Point => {
    const cell = H.heart[k] ?? centralCell(commCells[k] as number[]);
    const [x, y] = cellPoint(L, cell, [0.5, 0.25, 0.75][variant] ?? 0.5, 0.07);
    return { type: 'Point', coordinates: toLngLat(x, y) };
  };
  const centres = buildCentres(
    {
      communities: commInfo,
      towns: towns.map((t, ti) => ({ name: t.name, seatCommunity: T.communities.findIndex((p) => p.town === ti) })),
      pointIn,
    },
    streamFor(seed, 'centres'),
  );
  const orgName = new Map(partyOrgs.filter((o) => o.level === 2).map((o) => [o.unitId, o.name]));
  const urbanCommunity = new Set(communities.filter((c) => c.kind === 'urban').map((c) => c.id));
  const areaCommunity = new Map(areas.map((a) => [a.id, a.communityId]));
  const pairings = buildPairings(
    {
      // The first street is the city centre; its seat community holds the government, as the labour station's place says.
      seat: pointIn(T.communities.findIndex((p) => p.town === 0), 1),
      urbanBuildings: H.buildings.filter((b) => urbanCommunity.has(areaCommunity.get(b.areaId) ?? '')).map((b) => b.point),
      communities: T.communities.map((p, k) => {
        const cells = commCells[k] as number[];
        return {
          id: (communities[k] as Community).id,
          kind: p.kind,
          hasOrg: !leaderless.has(k),
          pop1: B.pop1[k] as number,
          orgName: orgName.get((communities[k] as Community).id) ?? '',
          x: cells.reduce((s, c) => s + cellI(c), 0) / cells.length,
          y: cells.reduce((s, c) => s + cellJ(c), 0) / cells.length,
          heart: pointIn(k, 0),
        };
      }),
    },
    streamFor(seed, 'pairings'),
    streamFor(seed, 'pairing-places'),
  );

  return {
    region: REGION_CODE,
    name: CITY_NAME,
    towns,
    villages,
    communities,
    areas,
    groups,
    estates: H.estates,
    buildings: H.buildings.map(({ cell: _cell, ...b }) => b),
    aliases: villages.map((v) => ({ communityId: v.communityId, alias: v.name })),
    partyOrgs,
    centres,
    pairings,
    basemap: buildBasemap(L, T.townSeat, STREET_COUNT, streamFor(seed, 'basemap')),
  };
}

export type { City, CityOptions } from '../city.js';
export { generateYear, type YearOptions } from './requests.js';
