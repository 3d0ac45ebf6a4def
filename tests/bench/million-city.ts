// A city of about a million addresses for the look-up figures, made in the database from the
// demo city in bounded time: `copies` side-by-side copies of it (each moved east/north by the
// city's own extent), copy 0 with the demo city's names, the others with each estate renamed
// to a later phase (港洲新城 → 港洲新城7期), as towns grow. Old village names stay with copy 0.
import type { Knex } from 'knex';

/** Copied tables: what each copy's columns (other than region and id) are made of. */
const T = (table: string, columns: string) => ({ table, columns });
const PLAIN = [
  T('towns', 'name, name_en, kind, geom'),
  T('communities', "town_id || '-' || n, name, name_en, kind, geom"),
  T('contracted_areas', "community_id || '-' || n, name, name_en, lead_name, lead_phone, geom"),
  T('party_groups', "area_id || '-' || n, name, name_en, geom"),
  T('estates', "community_id || '-' || n, CASE WHEN n = 0 THEN name ELSE name || n || '期' END, concentrated"),
  T('service_centres', "community_id || '-' || n, kind, name, geom, floor_area, radius_m, hours, service_items"),
];
/** …and the columns they fill. */
const COLUMNS: Record<string, string> = {
  towns: 'name, name_en, kind, geom',
  communities: 'town_id, name, name_en, kind, geom',
  contracted_areas: 'community_id, name, name_en, lead_name, lead_phone, geom',
  party_groups: 'area_id, name, name_en, geom',
  estates: 'community_id, name, concentrated',
  service_centres: 'community_id, kind, name, geom, floor_area, radius_m, hours, service_items',
};

export async function makeMillionCity(k: Knex, from: string, to: string, copies: number): Promise<number> {
  const { rows } = await k.raw(
    'SELECT ST_XMax(e) - ST_XMin(e) AS w, ST_YMax(e) - ST_YMin(e) AS h FROM (SELECT ST_Extent(geom) AS e FROM towns WHERE region = ?) x',
    [from],
  );
  const w = Number(rows[0].w);
  const h = Number(rows[0].h);
  // Copy n sits in column n % 8, row n / 8 of a grid of cities.
  const moved = (column: string) => `ST_Translate(${column}, (n % 8) * ${w}, (n / 8) * ${h})`;
  await k.transaction(async (trx) => {
    for (const { table, columns } of PLAIN) {
      const select = columns.split(', ').map((c) => (c === 'geom' ? moved('geom') : c)).join(', ');
      await trx.raw(
        `INSERT INTO ${table} (region, id, ${COLUMNS[table]})
         SELECT :to, id || '-' || n, ${select}
         FROM ${table}, generate_series(0, :last) AS n WHERE region = :from`,
        { from, to, last: copies - 1 },
      );
    }
    await trx.raw(
      `INSERT INTO buildings (region, id, area_id, group_id, estate_id, address, geom, footprint, households, population, party_members)
       SELECT :to, b.id || '-' || n, b.area_id || '-' || n, b.group_id || '-' || n, b.estate_id || '-' || n,
              CASE WHEN n = 0 THEN b.address ELSE replace(b.address, e.name, e.name || n || '期') END,
              ${moved('b.geom')}, ${moved('b.footprint')}, b.households, b.population, b.party_members
       FROM buildings b JOIN estates e ON e.region = b.region AND e.id = b.estate_id, generate_series(0, :last) AS n
       WHERE b.region = :from`,
      { from, to, last: copies - 1 },
    );
    await trx.raw(
      `INSERT INTO address_aliases (region, community_id, alias)
       SELECT :to, community_id || '-0', alias FROM address_aliases WHERE region = :from`,
      { from, to },
    );
  });
  await k.raw('ANALYZE');
  return Number((await k('buildings').where({ region: to }).count<{ count: string }[]>('* as count'))[0]!.count);
}
