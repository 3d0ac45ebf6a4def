// Automatic building party groups (楼栋党小组) for one contracted area: k = ⌈total ÷ target⌉
// contiguous, compact groups of its buildings, balanced by party members, buildings or
// households. The districting pipeline already balances contiguous groups on the buildings'
// neighbour graph; this hands it the chosen measure as the weight it balances.
import { proposeAreas } from '../districting/propose';
import type { DistrictBuilding } from '../districting/types';
import { DistrictingInputError } from '../districting/types';

export const GROUP_MEASURES = ['partyMembers', 'buildings', 'households'] as const;
export type GroupMeasure = (typeof GROUP_MEASURES)[number];

export interface GroupingBuilding {
  id: string;
  /** [lng, lat] in WGS84. */
  point: [number, number];
  partyMembers: number;
  households: number;
  population: number;
  estateId: string;
}

export interface ProposedGroup {
  buildingIds: string[];
  /** The chosen measure summed over the group. */
  size: number;
  partyMembers: number;
  households: number;
  buildings: number;
  contiguous: boolean;
}

export interface GroupingProposal {
  k: number;
  targetSize: number;
  by: GroupMeasure;
  groups: ProposedGroup[];
  summary: { minSize: number; maxSize: number; contiguous: boolean };
}

export const measureOf = (b: GroupingBuilding, by: GroupMeasure): number => (by === 'buildings' ? 1 : b[by]);

/** How many groups a target size asks for: at least one, and never more than there are buildings. */
export function groupCount(total: number, targetSize: number, buildings: number): number {
  if (!(targetSize > 0)) throw new DistrictingInputError({ code: 'target_size_not_positive', params: { size: targetSize } });
  return Math.max(1, Math.min(buildings, Math.ceil(total / targetSize)));
}

export function proposeGroups(buildings: GroupingBuilding[], targetSize: number, by: GroupMeasure): GroupingProposal {
  if (!GROUP_MEASURES.includes(by)) throw new DistrictingInputError({ code: 'unknown_measure', params: { measure: String(by), measures: GROUP_MEASURES } });
  if (buildings.length === 0) throw new DistrictingInputError({ code: 'area_no_buildings' });
  const total = buildings.reduce((s, b) => s + measureOf(b, by), 0);
  const k = groupCount(total, targetSize, buildings.length);
  // The pipeline balances `population`; here that slot carries the chosen measure.
  const weighted: DistrictBuilding[] = buildings.map((b) => ({
    id: b.id,
    point: b.point,
    population: measureOf(b, by),
    households: b.households,
    estateId: b.estateId,
    concentrated: false,
  }));
  const report = proposeAreas({ buildings: weighted, k, by: 'population' });
  const byId = new Map(buildings.map((b) => [b.id, b]));
  const groups = report.groups.map((g): ProposedGroup => {
    const members = g.buildingIds.map((id) => byId.get(id)!);
    return {
      buildingIds: g.buildingIds,
      size: g.size,
      partyMembers: members.reduce((s, b) => s + b.partyMembers, 0),
      households: members.reduce((s, b) => s + b.households, 0),
      buildings: members.length,
      contiguous: g.contiguous,
    };
  });
  const sizes = groups.map((g) => g.size);
  return {
    k,
    targetSize,
    by,
    groups,
    summary: { minSize: Math.min(...sizes), maxSize: Math.max(...sizes), contiguous: groups.every((g) => g.contiguous) },
  };
}
