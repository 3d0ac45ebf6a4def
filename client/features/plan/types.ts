// The plan's wire shapes (GET / PUT /api/communities/:id/plan): the GET's from the server, the
// save's as the editor sends and reads them; a refusal's problems are the domain's Problem.
export type { Plan, PlanArea, PlanBuilding, PlanEstate } from '../../../server/features/plans/read';

export type { PlanBody as PlanSaveBody } from '../../../server/features/plans/schema';
export type { Problem as PlanSaveProblem } from '../../../server/domain/problems';
export type { PlanSaved } from '../../../server/features/plans/service';
