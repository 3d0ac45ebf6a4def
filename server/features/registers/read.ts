// One community's registers as the page shows them: its buildings, organisations (its own, its
// areas' and its building groups'), centres, pairings and old village names, each with the
// version an edit starts from, and its figures counted now by the grid's own unit query.
import type { MultiPolygon } from 'geojson';
import type { AppContext } from '../../context';
import { formFor } from '../../domain/organisations';
import { reachCommunity } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { unitInfo } from '../units/service';
import type { RegisterAlias, RegisterBuilding, RegisterCentre, RegisterOrganisation, RegisterPairing, Registers } from './types';

type Row = Record<string, unknown>;
const lngLat = (r: Row): [number, number] => [Number(r.lng), Number(r.lat)];

export async function readRegisters(ctx: AppContext, user: AuthUser, communityId: string): Promise<Registers> {
  const { id } = await reachCommunity(ctx, user, communityId);
  const k = ctx.db.knex;
  const bind = { region: ctx.region, community: id };
  const query = async (sql: string) => (await k.raw(sql, bind)).rows as Row[];

  const [community] = await query(
    `SELECT id, name, name_en, town_id, ST_AsGeoJSON(geom) AS geojson,
            ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
     FROM communities WHERE region = :region AND id = :community`,
  );
  const areas = await query(`SELECT id, name, name_en, ST_AsGeoJSON(geom) AS geojson FROM contracted_areas WHERE region = :region AND community_id = :community ORDER BY id`);
  const estates = await query(`SELECT id, name FROM estates WHERE region = :region AND community_id = :community ORDER BY name, id`);
  const buildings = await query(
    `SELECT b.id, b.version, b.address, b.households, b.population, b.party_members, b.estate_id, b.area_id, b.group_id, ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat
     FROM buildings b JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     WHERE b.region = :region AND a.community_id = :community ORDER BY b.address, b.id`,
  );
  // The community's organisation, its areas' and its building groups', each with the unit it leads.
  const organisations = await query(
    `WITH units AS (
       SELECT 2 AS level, c.id AS unit, c.name AS unit_name, 0 AS sort FROM communities c WHERE c.region = :region AND c.id = :community
       UNION ALL SELECT 3, a.id, a.name, 1 FROM contracted_areas a WHERE a.region = :region AND a.community_id = :community
       UNION ALL SELECT 4, g.id, g.name, 2 FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
                 WHERE g.region = :region AND a.community_id = :community)
     SELECT o.id, o.version, o.level, o.unit_id, u.unit_name, o.name, o.form, o.members, o.secretary
     FROM units u JOIN party_orgs o ON o.region = :region AND o.level = u.level AND o.unit_id = u.unit
     ORDER BY u.sort, o.name, o.id`,
  );
  const centres = await query(
    `SELECT id, version, name, kind, floor_area::float8 AS floor_area, radius_m::float8 AS radius_m, hours, service_items, ST_X(geom) AS lng, ST_Y(geom) AS lat
     FROM service_centres WHERE region = :region AND community_id = :community ORDER BY name, id`,
  );
  const pairings = await query(
    `SELECT id::text AS id, version, org_name, org_kind, ST_X(source_geom) AS lng, ST_Y(source_geom) AS lat
     FROM pairings WHERE region = :region AND community_id = :community ORDER BY org_name, id`,
  );
  const aliases = await query(`SELECT id::text AS id, version, alias FROM address_aliases WHERE region = :region AND community_id = :community ORDER BY alias, id`);
  const figures = await unitInfo(ctx, 'community', id, user);

  return {
    community: {
      id,
      name: String(community!.name),
      nameEn: String(community!.name_en),
      townId: String(community!.town_id),
      geometry: JSON.parse(String(community!.geojson)) as MultiPolygon,
      bbox: [Number(community!.w), Number(community!.s), Number(community!.e), Number(community!.n)],
    },
    figures: { buildings: figures.buildings, households: figures.households, population: figures.population, partyMembers: figures.partyMembers, org: figures.org },
    areas: areas.map((a) => ({ id: String(a.id), name: String(a.name), nameEn: String(a.name_en), geometry: JSON.parse(String(a.geojson)) as MultiPolygon })),
    estates: estates.map((e) => ({ id: String(e.id), name: String(e.name) })),
    buildings: buildings.map(
      (b): RegisterBuilding => ({
        id: String(b.id),
        version: Number(b.version),
        address: String(b.address),
        households: Number(b.households),
        population: Number(b.population),
        partyMembers: Number(b.party_members),
        estateId: String(b.estate_id),
        areaId: String(b.area_id),
        groupId: String(b.group_id),
        location: lngLat(b),
      }),
    ),
    organisations: organisations.map(
      (o): RegisterOrganisation => ({
        id: String(o.id),
        version: Number(o.version),
        level: Number(o.level),
        unitId: String(o.unit_id),
        unitName: String(o.unit_name),
        name: String(o.name),
        form: String(o.form),
        members: Number(o.members),
        secretary: String(o.secretary),
        expectedForm: Number(o.level) === 4 ? '党小组' : formFor(Number(o.members)),
      }),
    ),
    centres: centres.map(
      (c): RegisterCentre => ({
        id: String(c.id),
        version: Number(c.version),
        name: String(c.name),
        kind: c.kind as RegisterCentre['kind'],
        floorArea: Number(c.floor_area),
        radiusM: Number(c.radius_m),
        hours: String(c.hours),
        serviceItems: Number(c.service_items),
        location: lngLat(c),
      }),
    ),
    pairings: pairings.map(
      (p): RegisterPairing => ({
        id: String(p.id),
        version: Number(p.version),
        orgName: String(p.org_name),
        orgKind: p.org_kind as RegisterPairing['orgKind'],
        location: p.lng === null ? null : lngLat(p),
      }),
    ),
    aliases: aliases.map((a): RegisterAlias => ({ id: String(a.id), version: Number(a.version), alias: String(a.alias) })),
  };
}
