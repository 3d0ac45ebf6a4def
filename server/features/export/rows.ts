// Every layer of the city as the rows a county's files hold: one value per field of the layer
// (domain/layers.ts), references by the referred unit's code, and the place. What the import
// reads, the export writes, so a county's data comes back in the shape it went in.
import type { Geometry } from 'geojson';
import type { LayerRow } from '../../analysis/layer-export';
import type { ImportLayer } from '../../domain/layers';
import type { AppContext } from '../../context';


/** Per layer: the SELECT of its fields (named as the fields) and its place as `geojson`. */
const SELECTS: Record<ImportLayer, string> = {
  towns: `SELECT t.id AS code, t.name, t.name_en AS "nameEn", t.kind, ST_AsGeoJSON(t.geom, 7) AS geojson FROM towns t WHERE t.region = :region ORDER BY t.id`,
  villages: `SELECT v.id AS code, v.name, v.name_en AS "nameEn", v.town_id AS town, v.community_id AS community, ST_AsGeoJSON(v.geom, 7) AS geojson
             FROM villages v WHERE v.region = :region ORDER BY v.id`,
  communities: `SELECT c.id AS code, c.name, c.name_en AS "nameEn", c.town_id AS town, c.kind, ST_AsGeoJSON(c.geom, 7) AS geojson
                FROM communities c WHERE c.region = :region ORDER BY c.id`,
  'village-communities': `SELECT v.id AS village, v.town_id AS town, v.community_id AS community, NULL AS geojson FROM villages v WHERE v.region = :region ORDER BY v.id`,
  buildings: `SELECT b.id AS code, b.address, e.name AS estate, e.concentrated, b.households, b.population, b.party_members AS "partyMembers",
                     a.community_id AS community, b.area_id AS area, b.group_id AS "group",
                     ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat, ST_AsGeoJSON(b.geom, 7) AS geojson
              FROM buildings b JOIN estates e ON e.region = b.region AND e.id = b.estate_id
              JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
              WHERE b.region = :region ORDER BY b.id`,
  organisations: `SELECT o.id AS code, o.name, o.form, o.members, o.secretary, o.volunteers, o.unit_id AS unit, NULL AS geojson
                  FROM party_orgs o WHERE o.region = :region ORDER BY o.level, o.id`,
  centres: `SELECT s.id AS code, s.name, s.kind, s.floor_area::float8 AS "floorArea", s.hours, s.service_items AS "serviceItems", s.radius_m::float8 AS radius,
                   s.community_id AS community, ST_X(s.geom) AS lng, ST_Y(s.geom) AS lat, ST_AsGeoJSON(s.geom, 7) AS geojson
            FROM service_centres s WHERE s.region = :region ORDER BY s.id`,
  areas: `SELECT a.id AS code, a.name, a.community_id AS community, a.lead_name AS lead, a.lead_phone AS phone, ST_AsGeoJSON(a.geom, 7) AS geojson
          FROM contracted_areas a WHERE a.region = :region ORDER BY a.id`,
  groups: `SELECT g.id AS code, g.name, g.area_id AS area, a.community_id AS community, NULL AS geojson
           FROM party_groups g JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id WHERE g.region = :region ORDER BY g.id`,
  pairings: `SELECT p.org_name AS "orgName", p.org_kind AS "orgKind", p.community_id AS community,
                    ST_X(p.source_geom) AS lng, ST_Y(p.source_geom) AS lat, ST_AsGeoJSON(p.source_geom, 7) AS geojson
             FROM pairings p WHERE p.region = :region ORDER BY p.id`,
  aliases: `SELECT a.community_id AS community, a.alias, NULL AS geojson FROM address_aliases a WHERE a.region = :region ORDER BY a.id`,
};

export async function layerRows(ctx: AppContext, layer: ImportLayer): Promise<LayerRow[]> {
  const { rows } = await ctx.db.knex.raw(SELECTS[layer], { region: ctx.region });
  return (rows as Array<Record<string, unknown>>).map(({ geojson, ...values }) => ({
    values: values as LayerRow['values'],
    geometry: geojson ? (JSON.parse(String(geojson)) as Geometry) : null,
  }));
}
