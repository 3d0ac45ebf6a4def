// Response shapes of the GridMap API as the client uses them. Defined here rather than imported
// from server/ so the client builds before (and independently of) the server code; the rule
// book's own words (roles, forms) come from server/domain, which both sides share.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { OrgForm } from '../../../server/domain/organisations';
import type { Role } from '../../../server/domain/roles';

export type Level = 'city' | 'town' | 'community' | 'area' | 'group' | 'building';
export type UnitLevel = Exclude<Level, 'city'>;
export type BBox = [number, number, number, number];

export interface PathItem {
  level: UnitLevel;
  id: string;
  name: string;
  nameEn: string;
}

export interface UnitDetail {
  id: string;
  level: Level;
  name: string;
  nameEn: string;
  kind: string | null;
  /** Buildings only: the full postal address. */
  address?: string;
  population: number;
  households: number;
  partyMembers: number;
  buildings: number;
  org: { name: string; form: OrgForm | string; members: number; secretary: string } | null;
  /** `phoneRevealable`: masked, and this user may reveal it (revealLeadPhone). */
  lead: { name: string; phone: string; phoneRevealable: boolean } | null;
  path: PathItem[];
  bbox: BBox;
}

/** Properties common to every grid feature the client draws; the rest vary per layer. */
export interface UnitProps {
  id: string;
  name?: string;
  nameEn?: string;
  kind?: string;
  address?: string;
  townId?: string;
  communityId?: string;
  areaId?: string;
  groupId?: string;
  leadName?: string;
  households?: number;
  population?: number;
  partyMembers?: number;
}

export type UnitFeature = Feature<Geometry, UnitProps>;
export type UnitCollection = FeatureCollection<Geometry, UnitProps>;

export type LayerName =
  | 'towns'
  | 'villages'
  | 'communities'
  | 'areas'
  | 'groups'
  | 'buildings'
  | 'centers'
  | 'water'
  | 'roads';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  towns: string[];
  /** An area lead's contracted areas. */
  areas: string[];
}

export interface UserAccount extends SessionUser {
  disabled: boolean;
  lockedUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface TownChoice {
  id: string;
  name: string;
  nameEn: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actor: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  versionBefore: number | null;
  versionAfter: number | null;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}
