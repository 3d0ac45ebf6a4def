// What the registers page (登记簿) reads and sends about one community (the client imports these as types).
import type { MultiPolygon } from 'geojson';
import type { InputCrs } from '../../analysis/crs';
import type { CentreKind } from '../../domain/kinds';
import type { UnitForm } from '../../domain/organisations';
import type { PairingKind } from '../pairings/schema';
import type { UnitInfo } from '../units/service';
import type { AttributeValues } from '../writes/objects';
import type { ObjectState } from '../writes/types';

type LngLat = [number, number];

export interface RegisterBuilding {
  id: string;
  version: number;
  address: string;
  households: number;
  population: number;
  partyMembers: number;
  estateId: string;
  areaId: string;
  groupId: string;
  location: LngLat;
}

export interface RegisterOrganisation {
  id: string;
  version: number;
  /** 2 the community's, 3 an area's, 4 a building group's. */
  level: number;
  unitId: string;
  /** The unit it leads, as the grid names it. */
  unitName: string;
  name: string;
  form: string;
  members: number;
  secretary: string;
  /** The form its members call for (formFor); level 4 is always a 党小组. */
  expectedForm: UnitForm | '党小组';
}

export interface RegisterCentre {
  id: string;
  version: number;
  name: string;
  kind: CentreKind;
  floorArea: number;
  radiusM: number;
  hours: string;
  serviceItems: number;
  location: LngLat;
}

export interface RegisterPairing {
  id: string;
  version: number;
  orgName: string;
  orgKind: PairingKind;
  /** Where the paired organisation sits; null when not recorded. */
  location: LngLat | null;
}

export interface RegisterAlias {
  id: string;
  version: number;
  alias: string;
}

export interface Registers {
  community: { id: string; name: string; nameEn: string; townId: string; geometry: MultiPolygon; bbox: [number, number, number, number] };
  /** The community's figures, counted now: totals, its organisation, through units/ (the grid's info panel). */
  figures: Pick<UnitInfo, 'buildings' | 'households' | 'population' | 'partyMembers' | 'org'>;
  areas: Array<{ id: string; name: string; nameEn: string; geometry: MultiPolygon }>;
  estates: Array<{ id: string; name: string }>;
  buildings: RegisterBuilding[];
  organisations: RegisterOrganisation[];
  centres: RegisterCentre[];
  pairings: RegisterPairing[];
  aliases: RegisterAlias[];
}

/** POST /api/{plural}: a new object of `community`. */
export interface CreateRequest {
  community: string;
  attributes: AttributeValues;
  geometry?: unknown;
  crs?: InputCrs;
  acceptWarnings?: string[];
}

/** One part a building is split into: its figures, and where it stands (the kept part may stay put). */
export interface SplitPart {
  address: string;
  households: number;
  population: number;
  partyMembers: number;
  geometry?: unknown;
}

/** POST /api/buildings/:id/split: what the building becomes (`keep`) and the buildings split off it. */
export interface SplitRequest {
  version: number;
  crs?: InputCrs;
  keep: SplitPart;
  parts: SplitPart[];
  acceptWarnings?: string[];
}

export interface SplitAnswer {
  building: ObjectState;
  parts: ObjectState[];
}
