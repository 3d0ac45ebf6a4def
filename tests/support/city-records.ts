// A generated city (data/generator) as the rows an import reads from a county's files, layer by
// layer, with the generator's ids as codes: what the files of tests/fixtures/city say, without
// the files, so the import's check and commit can be tested and measured on their own.
import type { City } from '../../data/city';
import type { ImportLayer } from '../../server/domain/layers';
import type { LayerRecord } from '../../server/analysis/onboarding/types';

const PAIRING_KIND = { agency: 'agency', unit: 'unit', urban_community: 'urban_community' } as const;

export function cityRecords(city: City): Record<ImportLayer, LayerRecord[]> {
  const line = (i: number) => i + 2;
  const estates = new Map(city.estates.map((e) => [e.id, e]));
  const areaOf = new Map(city.areas.map((a) => [a.id, a]));
  return {
    towns: city.towns.map((t, i) => ({ line: line(i), values: { code: t.id, name: t.name, nameEn: t.nameEn, kind: t.kind }, geometry: t.geom })),
    communities: city.communities.map((c, i) => ({
      line: line(i), values: { code: c.id, name: c.name, nameEn: c.nameEn, town: c.townId, kind: c.kind }, geometry: c.geom,
    })),
    villages: city.villages.map((v, i) => ({
      line: line(i), values: { code: v.id, name: v.name, nameEn: v.nameEn, town: v.townId, community: v.communityId }, geometry: v.geom,
    })),
    'village-communities': city.villages.map((v, i) => ({ line: line(i), values: { village: v.id, community: v.communityId }, geometry: null })),
    buildings: city.buildings.map((b, i) => {
      const estate = estates.get(b.estateId)!;
      return {
        line: line(i),
        values: {
          code: b.id, address: b.address, estate: estate.name, concentrated: estate.concentrated, households: b.households,
          population: b.population, partyMembers: b.partyMembers, community: areaOf.get(b.areaId)!.communityId, area: b.areaId, group: b.groupId,
        },
        geometry: b.point,
        ...(b.footprint ? { footprint: b.footprint } : {}),
      };
    }),
    organisations: city.partyOrgs.map((o, i) => ({
      line: line(i), values: { code: o.id, name: o.name, form: o.form, members: o.members, secretary: o.secretary, volunteers: o.volunteers, unit: o.unitId }, geometry: null,
    })),
    centres: city.centres.map((c, i) => ({
      line: line(i),
      values: { code: c.id, name: c.name, kind: c.kind, floorArea: c.floorArea, hours: c.hours, serviceItems: [String(c.serviceItems)], radius: c.radiusM, community: c.communityId },
      geometry: c.point,
    })),
    areas: city.areas.map((a, i) => ({
      line: line(i), values: { code: a.id, name: a.name, nameEn: a.nameEn, community: a.communityId, lead: a.leadName, phone: a.leadPhone }, geometry: a.geom,
    })),
    groups: city.groups.map((g, i) => ({ line: line(i), values: { code: g.id, name: g.name, nameEn: g.nameEn, area: g.areaId }, geometry: null })),
    pairings: city.pairings.map((p, i) => ({ line: line(i), values: { orgName: p.orgName, orgKind: PAIRING_KIND[p.orgKind], community: p.communityId }, geometry: p.source })),
    aliases: city.aliases.map((a, i) => ({ line: line(i), values: { community: a.communityId, alias: a.alias }, geometry: null })),
  };
}

/** The city cut down to some of its towns and everything under them. */
export function someTowns(city: City, townIds: readonly string[]): City {
  const towns = new Set(townIds);
  const communities = new Set(city.communities.filter((c) => towns.has(c.townId)).map((c) => c.id));
  const areas = new Set(city.areas.filter((a) => communities.has(a.communityId)).map((a) => a.id));
  const groups = new Set(city.groups.filter((g) => areas.has(g.areaId)).map((g) => g.id));
  const units = new Set([...towns, ...communities, ...areas, ...groups]);
  return {
    ...city,
    towns: city.towns.filter((t) => towns.has(t.id)),
    communities: city.communities.filter((c) => communities.has(c.id)),
    villages: city.villages.filter((v) => towns.has(v.townId)),
    areas: city.areas.filter((a) => areas.has(a.id)),
    groups: city.groups.filter((g) => groups.has(g.id)),
    estates: city.estates.filter((e) => communities.has(e.communityId)),
    buildings: city.buildings.filter((b) => areas.has(b.areaId)),
    aliases: city.aliases.filter((a) => communities.has(a.communityId)),
    partyOrgs: city.partyOrgs.filter((o) => units.has(o.unitId)),
    centres: city.centres.filter((c) => communities.has(c.communityId)),
    pairings: city.pairings.filter((p) => communities.has(p.communityId)),
  };
}
