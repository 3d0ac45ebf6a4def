// What each public layer is: its table, the properties it exposes and the filters it accepts.
// Shared by the GeoJSON and the vector-tile endpoints so both always agree. The names are the
// public contract's (api-contract.md), hence `centers` where the code says centres.

export const LAYER_NAMES = [
  'towns', 'villages', 'communities', 'areas', 'groups', 'buildings', 'centers', 'water', 'roads',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export type LayerFilter = 'town' | 'community' | 'area';

export interface LayerDefinition {
  table: string;
  /** JSON property name → SQL expression over the table (aliased t). */
  properties: Record<string, string>;
  /** Filter parameter → column it constrains. */
  filters: Partial<Record<LayerFilter, string>>;
  /** Extra condition that selects the layer's rows from a shared table. */
  where?: string;
}

const named = { id: 't.id', name: 't.name', nameEn: 't.name_en' };

export const LAYERS: Record<LayerName, LayerDefinition> = {
  towns: { table: 'towns', properties: { ...named, kind: 't.kind' }, filters: {} },
  villages: {
    table: 'villages',
    properties: { ...named, townId: 't.town_id', communityId: 't.community_id' },
    filters: { town: 'town_id', community: 'community_id' },
  },
  communities: {
    table: 'communities',
    properties: { ...named, kind: 't.kind', townId: 't.town_id' },
    filters: { town: 'town_id' },
  },
  areas: {
    table: 'contracted_areas',
    properties: { ...named, communityId: 't.community_id', leadName: 't.lead_name' },
    filters: { community: 'community_id' },
  },
  groups: { table: 'party_groups', properties: { ...named, areaId: 't.area_id' }, filters: { area: 'area_id' } },
  buildings: {
    table: 'buildings',
    properties: {
      id: 't.id', address: 't.address', areaId: 't.area_id', groupId: 't.group_id',
      households: 't.households', population: 't.population', partyMembers: 't.party_members',
    },
    filters: { area: 'area_id' },
  },
  centers: {
    table: 'service_centres',
    properties: {
      id: 't.id', name: 't.name', kind: 't.kind', communityId: 't.community_id',
      floorArea: 't.floor_area::float8', radiusM: 't.radius_m::float8', hours: 't.hours', serviceItems: 't.service_items',
    },
    filters: { community: 'community_id' },
  },
  water: {
    table: 'basemap_features',
    properties: { id: 't.id::text', kind: 't.kind', name: 't.name' },
    filters: {},
    where: `t.kind IN ('river', 'lake')`,
  },
  roads: {
    table: 'basemap_features',
    properties: { id: 't.id::text', kind: 't.kind', name: 't.name' },
    filters: {},
    where: `t.kind IN ('expressway', 'main_road', 'road')`,
  },
};

export function isLayerName(name: string): name is LayerName {
  return (LAYER_NAMES as readonly string[]).includes(name);
}

/** `json_build_object(...)` of a layer's properties. */
export function propertiesSql(def: LayerDefinition): string {
  return `json_build_object(${Object.entries(def.properties).map(([key, sql]) => `'${key}', ${sql}`).join(', ')})`;
}
