// The plan's wire shapes as the editor reads them (GET / PUT /api/communities/:id/plan).
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

export interface PlanArea {
  id: string;
  version: number;
  name: string;
  nameEn: string;
  leadName: string | null;
  leadPhone: string | null;
  geometry: Polygon | MultiPolygon | null;
  landM2: number;
}

export interface PlanBuilding {
  id: string;
  areaId: string | null;
  groupId: string | null;
  estateId: string | null;
  lng: number;
  lat: number;
  households: number;
  population: number;
  partyMembers: number;
}

export interface Plan {
  community: { id: string; name: string; nameEn: string; townId: string; geometry: Polygon | MultiPolygon; landM2: number };
  areas: PlanArea[];
  buildings: PlanBuilding[];
  estates: { id: string; name: string; concentrated: boolean }[];
}

export interface PlanSaveArea {
  id?: string;
  version?: number;
  name: string;
  nameEn?: string;
  leadName?: string;
  leadPhone?: string;
  buildings: string[];
}

export interface PlanSaveBody {
  areas: PlanSaveArea[];
  removed?: { id: string; version: number }[];
  dryRun?: boolean;
}

export interface PlanSaveProblem {
  rule: string;
  areas: string[];
  buildings?: string[];
  geometry?: Geometry | null;
}

export type PlanSaveReport = Record<string, unknown>;

export interface PlanSavedArea {
  id: string;
  version: number;
  name: string;
}
