// The dashboard's indicators in the order the workbook lists them, each with its Chinese heading:
// rows of the city sheet, columns of the per-town sheet.
import type { Figures } from './service';

export interface Indicator {
  heading: string;
  value(f: Figures): number | null;
  /** A share is written as a number formatted as a percentage, so a spreadsheet can compute with it. */
  share?: boolean;
}

const forms = ['党委', '党总支', '党支部'] as const;

export const INDICATORS: Indicator[] = [
  { heading: '撤并前行政村', value: (f) => f.villagesBefore },
  { heading: '撤并后农村社区', value: (f) => f.communities.rural },
  { heading: '其中村居合一', value: (f) => f.communities.villageResidence },
  { heading: '社区', value: (f) => f.communities.urban },
  { heading: '其中乡镇社区', value: (f) => f.communities.township },
  ...forms.map((form) => ({ heading: `村党组织·${form}`, value: (f: Figures) => f.partyOrgs.village[form] })),
  ...forms.map((form) => ({ heading: `社区党组织·${form}`, value: (f: Figures) => f.partyOrgs.community[form] })),
  { heading: '村党员人才服务中心', value: (f) => f.serviceCenters.village.count },
  { heading: '村中心·1000平方米以上', value: (f) => f.serviceCenters.village.large },
  { heading: '有服务中心的村占比', value: (f) => f.shares.withCentre.village, share: true },
  { heading: '村中心·1000平方米以上占比', value: (f) => f.shares.largeCentres.village, share: true },
  { heading: '社区党员人才服务中心', value: (f) => f.serviceCenters.community.count },
  { heading: '社区中心·1000平方米以上', value: (f) => f.serviceCenters.community.large },
  { heading: '有服务中心的社区占比', value: (f) => f.shares.withCentre.community, share: true },
  { heading: '社区中心·1000平方米以上占比', value: (f) => f.shares.largeCentres.community, share: true },
  { heading: '集中居住率', value: (f) => f.shares.concentratedResidence, share: true },
  { heading: '党员志愿者', value: (f) => f.volunteers },
  { heading: '片区', value: (f) => f.contractedAreas },
  { heading: '楼栋党小组', value: (f) => f.partyGroups },
  { heading: '楼栋', value: (f) => f.buildings },
  { heading: '户数', value: (f) => f.households },
  { heading: '人口', value: (f) => f.population },
  { heading: '党员', value: (f) => f.partyMembers },
];
