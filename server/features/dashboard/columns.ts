// The dashboard's indicators in the order the workbook lists them, each with its Chinese heading:
// rows of the city sheet, columns of the per-town sheet.
import { CENTRE_KIND_NAMES, COMMUNITY_KIND_NAMES, LARGE_CENTRE_M2 } from '../../domain/kinds';
import { UNIT_FORMS } from '../../domain/organisations';
import type { Figures } from './service';

export interface Indicator {
  heading: string;
  value(f: Figures): number | null;
  /** A share is written as a number formatted as a percentage, so a spreadsheet can compute with it. */
  share?: boolean;
}

const CENTRE = CENTRE_KIND_NAMES.party_service.zh;
const LARGE = `${LARGE_CENTRE_M2}平方米以上`;

export const INDICATORS: Indicator[] = [
  { heading: '撤并前行政村', value: (f) => f.villagesBefore },
  { heading: `撤并后${COMMUNITY_KIND_NAMES.rural.zh}`, value: (f) => f.communities.rural },
  { heading: `其中${COMMUNITY_KIND_NAMES.village_residence.zh}`, value: (f) => f.communities.villageResidence },
  { heading: '社区', value: (f) => f.communities.urban },
  { heading: `其中${COMMUNITY_KIND_NAMES.township.zh}`, value: (f) => f.communities.township },
  ...UNIT_FORMS.map((form) => ({ heading: `村党组织·${form}`, value: (f: Figures) => f.partyOrgs.village[form] })),
  ...UNIT_FORMS.map((form) => ({ heading: `社区党组织·${form}`, value: (f: Figures) => f.partyOrgs.community[form] })),
  { heading: `村${CENTRE}`, value: (f) => f.serviceCenters.village.count },
  { heading: `村中心·${LARGE}`, value: (f) => f.serviceCenters.village.large },
  { heading: '有服务中心的村占比', value: (f) => f.shares.withCentre.village, share: true },
  { heading: `村中心·${LARGE}占比`, value: (f) => f.shares.largeCentres.village, share: true },
  { heading: `社区${CENTRE}`, value: (f) => f.serviceCenters.community.count },
  { heading: `社区中心·${LARGE}`, value: (f) => f.serviceCenters.community.large },
  { heading: '有服务中心的社区占比', value: (f) => f.shares.withCentre.community, share: true },
  { heading: `社区中心·${LARGE}占比`, value: (f) => f.shares.largeCentres.community, share: true },
  { heading: '集中居住率', value: (f) => f.shares.concentratedResidence, share: true },
  { heading: '党员志愿者', value: (f) => f.volunteers },
  { heading: '片区', value: (f) => f.contractedAreas },
  { heading: '楼栋党小组', value: (f) => f.partyGroups },
  { heading: '楼栋', value: (f) => f.buildings },
  { heading: '户数', value: (f) => f.households },
  { heading: '人口', value: (f) => f.population },
  { heading: '党员', value: (f) => f.partyMembers },
];
