// The shape of a generated city: plain data with GeoJSON geometries (WGS84 lng/lat),
// handed to the seed loader (server/db/seed.ts), which writes it into PostGIS.
// Ids are stable strings so that a re-seed gives the same URLs.
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { CentreKind, CommunityKind } from '../server/domain/kinds.js';
import type { OrgForm } from '../server/domain/organisations.js';

export interface Town {
  id: string; // e.g. "T01"
  name: string; // 中文, e.g. "沿江镇"
  nameEn: string; // pinyin, e.g. "Yanjiang"
  kind: 'town' | 'street'; // 镇 | 街道
  geom: Polygon | MultiPolygon;
}

/** Administrative village before consolidation (撤并前的行政村). */
export interface Village {
  id: string; // "V001".."V526"
  townId: string;
  name: string;
  nameEn: string;
  communityId: string; // the rural community it went into
  geom: Polygon | MultiPolygon;
}

export interface Community {
  id: string; // "C001".."C297"
  townId: string;
  name: string;
  nameEn: string;
  kind: CommunityKind;
  geom: Polygon | MultiPolygon; // rural: exact union of its villages
}

/** Contracted area (片区), level 3. Partitions its community. */
export interface Area {
  id: string;
  communityId: string;
  name: string; // e.g. "第一片区"
  nameEn: string;
  leadName: string;
  leadPhone: string; // 11-digit mobile
  geom: Polygon | MultiPolygon;
}

/** Building party group (楼栋党小组), level 4. */
export interface PartyGroup {
  id: string;
  areaId: string;
  name: string;
  nameEn: string;
}

export interface Estate {
  id: string;
  communityId: string;
  name: string; // e.g. "龙湾花苑"
  concentrated: boolean; // 农民集中居住区 (true) or scattered farmhouses (false)
}

export interface Building {
  id: string;
  areaId: string;
  groupId: string;
  estateId: string;
  address: string; // full address 江苏省**市X镇Y社区Z花苑12幢
  point: Point;
  footprint: Polygon | null;
  households: number;
  population: number;
  partyMembers: number;
}

/** Alias under which residents still name a place (old village names). */
export interface AddressAlias {
  communityId: string;
  alias: string; // e.g. the old village name "张家村"
}

export interface PartyOrg {
  id: string;
  level: 1 | 2 | 3 | 4; // town / community / area / group
  unitId: string; // id of the town, community, area or group it leads
  name: string;
  form: OrgForm;
  members: number;
  secretary: string;
  volunteers: number; // party-member volunteers registered with this organisation
}

export interface ServiceCentre {
  id: string;
  communityId: string;
  kind: CentreKind;
  name: string;
  point: Point;
  floorArea: number; // m²
  radiusM: number; // service radius, metres
  hours: string; // "24小时" or "08:30-17:30"
  serviceItems: number;
}

export interface Pairing {
  orgName: string; // paired city-agency or urban community organisation
  orgKind: 'agency' | 'unit' | 'urban_community';
  communityId: string;
  /** Where the paired organisation sits: the city government seat (agency), a building of an
   * urban community (unit), the urban community's own heart (urban_community). */
  source: Point;
}

export interface BasemapFeature {
  kind: 'river' | 'lake' | 'expressway' | 'main_road' | 'road';
  name: string;
  geom: Polygon | MultiPolygon | LineString;
}

export interface City {
  region: string; // city code, e.g. "320981"
  name: string;
  towns: Town[];
  villages: Village[];
  communities: Community[];
  areas: Area[];
  groups: PartyGroup[];
  estates: Estate[];
  buildings: Building[];
  aliases: AddressAlias[];
  partyOrgs: PartyOrg[];
  centres: ServiceCentre[];
  pairings: Pairing[];
  basemap: BasemapFeature[];
}

export interface CityOptions {
  seed: number;
  /** Multiplies residents and buildings (1 = the demo city, ~1 million residents). */
  scale: number;
}
