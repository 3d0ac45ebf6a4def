// The grid's nouns as users say them, for sentences about an object ("找不到片区“A0012”").
// One word per thing: the glossary in docs/ARCHITECTURE.md uses the same.

export const OBJECT_WORDS = {
  town: { zh: '镇（街道）', en: 'town' },
  village: { zh: '村', en: 'village' },
  community: { zh: '社区', en: 'community' },
  area: { zh: '片区', en: 'contracted area' },
  group: { zh: '楼栋党小组', en: 'building party group' },
  building: { zh: '楼栋', en: 'building' },
  estate: { zh: '小区', en: 'estate' },
  alias: { zh: '旧村名', en: 'old village name' },
  centre: { zh: '服务中心', en: 'service centre' },
  organisation: { zh: '党组织', en: 'party organisation' },
  pairing: { zh: '结对共建', en: 'pairing' },
  scenario: { zh: '撤并方案', en: 'scenario' },
  user: { zh: '账号', en: 'account' },
  job: { zh: '批量查询任务', en: 'batch job' },
  layer: { zh: '图层', en: 'layer' },
  import: { zh: '数据导入', en: 'import' },
  version: { zh: '版本', en: 'version' },
  request: { zh: '诉求', en: 'request' },
  visit: { zh: '走访记录', en: 'visit' },
} as const;

export type ObjectWord = keyof typeof OBJECT_WORDS;

/** What an area's size is counted in (the plan's balance rule). */
export const PLAN_MEASURES = ['population', 'households', 'buildings', 'partyMembers'] as const;
export type PlanMeasure = (typeof PLAN_MEASURES)[number];

export const MEASURE_WORDS: Record<PlanMeasure, { zh: string; en: string }> = {
  population: { zh: '人口', en: 'population' },
  households: { zh: '户数', en: 'households' },
  buildings: { zh: '楼栋数', en: 'buildings' },
  partyMembers: { zh: '党员数', en: 'party members' },
};

/** The author of versions no person made (the seeded city, the CLI), as the history names it. */
export const SYSTEM_AUTHOR = 'system';
export const SYSTEM_AUTHOR_WORDS = { zh: '系统（初始数据）', en: 'System (initial data)' } as const;

export const authorName = (author: string, locale: 'zh' | 'en'): string => (author === SYSTEM_AUTHOR ? SYSTEM_AUTHOR_WORDS[locale] : author);
