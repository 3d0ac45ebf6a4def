// The plan's wire shapes (GET / PUT /api/communities/:id/plan): the GET's from the server, the
// save's as the editor sends and reads them.
import type { Geometry } from 'geojson';

export type { Plan, PlanArea, PlanBuilding, PlanEstate } from '../../server/features/plans/read';

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
