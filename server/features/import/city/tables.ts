// The tables an import may change, in the order parents come before children, each with the
// columns a draft of it holds. The draft city is these tables as the import would leave them
// (temporary tables `draft_<table>`, dropped with the transaction): the checks read them, the
// diff compares them with the real ones and the commit writes the difference. Every one carries
// version, updated_at and updated_by.
import type { ObjectWord } from '../../../domain/words';

export interface CityTable {
  table: string;
  /** The data columns besides region, id and the version columns. */
  columns: readonly string[];
  /** Geometry columns among `columns`: compared within GEOMETRY_TOLERANCE_DEG, not bit for bit. */
  geometry: readonly string[];
  /** Columns that point to another table's id. */
  parents: ReadonlyArray<{ column: string; table: string }>;
  /** Ids handed out by a sequence (pairings, aliases) rather than codes. */
  serial: boolean;
  word: ObjectWord;
}

export const CITY_TABLES: readonly CityTable[] = [
  { table: 'towns', columns: ['name', 'name_en', 'kind', 'geom'], geometry: ['geom'], parents: [], serial: false, word: 'town' },
  {
    table: 'communities', columns: ['town_id', 'name', 'name_en', 'kind', 'geom'], geometry: ['geom'],
    parents: [{ column: 'town_id', table: 'towns' }], serial: false, word: 'community',
  },
  {
    table: 'villages', columns: ['town_id', 'community_id', 'name', 'name_en', 'geom'], geometry: ['geom'],
    parents: [{ column: 'town_id', table: 'towns' }, { column: 'community_id', table: 'communities' }], serial: false, word: 'village',
  },
  {
    table: 'contracted_areas', columns: ['community_id', 'name', 'name_en', 'lead_name', 'lead_phone', 'geom'], geometry: ['geom'],
    parents: [{ column: 'community_id', table: 'communities' }], serial: false, word: 'area',
  },
  {
    table: 'party_groups', columns: ['area_id', 'name', 'name_en', 'geom'], geometry: ['geom'],
    parents: [{ column: 'area_id', table: 'contracted_areas' }], serial: false, word: 'group',
  },
  {
    table: 'estates', columns: ['community_id', 'name', 'concentrated'], geometry: [],
    parents: [{ column: 'community_id', table: 'communities' }], serial: false, word: 'estate',
  },
  {
    table: 'buildings', columns: ['area_id', 'group_id', 'estate_id', 'address', 'geom', 'footprint', 'households', 'population', 'party_members'],
    geometry: ['geom', 'footprint'],
    parents: [{ column: 'area_id', table: 'contracted_areas' }, { column: 'group_id', table: 'party_groups' }, { column: 'estate_id', table: 'estates' }],
    serial: false, word: 'building',
  },
  {
    table: 'party_orgs', columns: ['level', 'unit_id', 'name', 'form', 'members', 'secretary', 'volunteers'], geometry: [],
    parents: [], serial: false, word: 'organisation',
  },
  {
    table: 'service_centres', columns: ['community_id', 'kind', 'name', 'geom', 'floor_area', 'radius_m', 'hours', 'service_items'], geometry: ['geom'],
    parents: [{ column: 'community_id', table: 'communities' }], serial: false, word: 'centre',
  },
  {
    table: 'pairings', columns: ['org_name', 'org_kind', 'community_id', 'source_geom'], geometry: ['source_geom'],
    parents: [{ column: 'community_id', table: 'communities' }], serial: true, word: 'pairing',
  },
  {
    table: 'address_aliases', columns: ['community_id', 'alias'], geometry: [],
    parents: [{ column: 'community_id', table: 'communities' }], serial: true, word: 'alias',
  },
];

export const cityTable = (name: string): CityTable => {
  const t = CITY_TABLES.find((c) => c.table === name);
  if (!t) throw new Error(`${name} is not a table of the city`);
  return t;
};

export const draftOf = (table: string) => `draft_${table}`;

/** About 1 cm: a file written and read back (GeoJSON's digits, a shapefile's doubles) is unchanged. */
export const GEOMETRY_TOLERANCE_DEG = 1e-7;
