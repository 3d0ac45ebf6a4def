// What /api/areas/:id/groups answers: one area, its lead and party organisation, and its
// building party groups with their buildings. The client imports these types only.
import type { OrgForm } from '../../domain/organisations';

export interface GroupOrg {
  form: OrgForm;
  members: number;
  secretary: string;
}

export interface GroupBuilding {
  id: string;
  address: string;
  lng: number;
  lat: number;
  households: number;
  population: number;
  partyMembers: number;
}

export interface PartyGroup {
  id: string;
  version: number;
  name: string;
  nameEn: string;
  /** Party members living in its buildings. */
  members: number;
  buildings: GroupBuilding[];
  org: GroupOrg | null;
}

export interface AreaGrouping {
  area: {
    id: string;
    version: number;
    name: string;
    nameEn: string;
    communityId: string;
    communityName: string;
    communityNameEn: string;
    leadName: string;
    leadPhone: string;
    org: GroupOrg | null;
  };
  groups: PartyGroup[];
}
