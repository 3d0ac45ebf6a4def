// The districting analyses as worker jobs: a community's proposal of contracted areas (with its
// k-means baseline when asked) and an area's building party groups. A refusal the analysis
// names (DistrictingInputError) becomes the 400 it always was, here, before crossing back.
import { kMeansBaseline, proposeAreas } from '../../analysis/districting/propose';
import { DistrictingInputError, type ProposalInput, type ProposalReport } from '../../analysis/districting/types';
import { proposeGroups, type GroupingBuilding, type GroupingProposal, type GroupMeasure } from '../../analysis/grouping/propose';
import { fromMessage } from '../../http/errors';

function refusingAsBadInput<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof DistrictingInputError) throw fromMessage(400, err.problem);
    throw err;
  }
}

export const areasProposal = ({ input, baseline }: { input: ProposalInput; baseline: boolean }): { report: ProposalReport; baseline?: ProposalReport } =>
  refusingAsBadInput(() => ({ report: proposeAreas(input), ...(baseline ? { baseline: kMeansBaseline(input) } : {}) }));

export const groupsProposal = ({ buildings, targetSize, by }: { buildings: GroupingBuilding[]; targetSize: number; by: GroupMeasure }): GroupingProposal =>
  refusingAsBadInput(() => proposeGroups(buildings, targetSize, by));
