// The registers' sentences (登记簿: buildings, organisations, centres, pairings, old village
// names kept current by hand), in Chinese and English, by code; joined in messages.ts.
import type { Catalogue, Locale, MessageParams } from './sentence';
import { MEASURE_WORDS, type PlanMeasure } from './words';

const figureWord = (v: unknown, locale: Locale): string => MEASURE_WORDS[v as PlanMeasure]?.[locale] ?? String(v ?? '');
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** "户数 12 → 10、人口 40 → 38" from parallel lists of figures, before and after. */
function changes(p: MessageParams, locale: Locale): string {
  const before = asList(p.before);
  const after = asList(p.after);
  return asList(p.figures)
    .map((f, i) => `${figureWord(f, locale)} ${before[i]} → ${after[i]}`)
    .join(locale === 'zh' ? '、' : ', ');
}

const FOLLOWED: Record<string, [string, string]> = {
  members: ['党员数随其楼栋的党员自动统计，请改楼栋的党员数', 'members are counted from its buildings: change the buildings’ party members'],
  form: [
    '组织形式自动确定（片区党组织按党员数：≥ 100 名党委，≥ 50 名党总支，其余党支部；楼栋党小组始终为党小组）',
    'form is decided for it (an area’s by its members: 100 or more a Party committee, 50 or more a General Party branch, else a Party branch; a building group’s is always a Party group)',
  ],
};

export const REGISTER_MESSAGES = {
  /** A warning: organisation `name` is set to `form` with `members` members, where the rule says `expected`. */
  register_form_mismatch: {
    zh: (p) => `党组织“${p.name}”有党员 ${p.members} 名，按规定应为${p.expected}，现填为${p.form}：请核对，或确认接受此项后保存`,
    en: (p) => `organisation "${p.name}" has ${p.members} members, which makes it a ${p.expected}, not a ${p.form}: check it, or accept this warning to save`,
  },
  /** Building `address`: its `figure` (households | partyMembers) `value` is more than its `population`. */
  register_exceeds_population: {
    zh: (p) => `楼栋“${p.address}”的${figureWord(p.figure, 'zh')} ${p.value} 超过人口 ${p.population}：请核对`,
    en: (p) => `building "${p.address}": ${figureWord(p.figure, 'en')} ${p.value} exceed its population of ${p.population}`,
  },
  /** A warning: the parts of building `address` add up differently (`figures`, `before`, `after` in step). */
  register_split_totals: {
    zh: (p) => `楼栋“${p.address}”拆分后各部分的合计与原楼栋不同（${changes(p, 'zh')}）：请核对，或确认接受此项后保存`,
    en: (p) => `the parts of building "${p.address}" add up differently from the building (${changes(p, 'en')}): check them, or accept this warning to save`,
  },
  /** Organisation `name`: its `field` (members | form) follows its unit and is not edited by hand. */
  register_followed: {
    zh: (p) => `党组织“${p.name}”的${FOLLOWED[String(p.field)]?.[0] ?? `${p.field} 不能手工修改`}`,
    en: (p) => `organisation "${p.name}": ${FOLLOWED[String(p.field)]?.[1] ?? `${p.field} cannot be edited by hand`}`,
  },
  /** A place (`what` / `whatEn`) outside its community `community`. */
  register_outside_community: {
    zh: (p) => `${p.what}的位置不在社区“${p.community}”范围内：请把它放在本社区之内`,
    en: (p) => `the ${p.whatEn} lies outside its community "${p.community}": place it inside the community`,
  },
  /** A place (`what` / `whatEn`) outside every town of the city. */
  register_outside_city: {
    zh: (p) => `${p.what}的位置不在本市范围内：请检查坐标（经纬度是否写反、坐标系是否选对）`,
    en: (p) => `the ${p.whatEn} lies outside the city: check the coordinates (longitude and latitude swapped? the right coordinate system?)`,
  },
  /** A building placed where no area of community `community` is. */
  register_building_outside_areas: {
    zh: (p) => `该位置不在社区“${p.community}”的任何片区内：楼栋须落在本社区的片区中`,
    en: (p) => `no contracted area of community "${p.community}" holds this place: a building must lie in one of the community's areas`,
  },
  /** A new object (or a part split off a building) given without its place. */
  register_place_required: {
    zh: () => '须给出位置：在地图上点选，或填写经纬度',
    en: () => 'a place is required: click the map or type its coordinates',
  },
  /** Estate `estate` is not one of community `community`'s. */
  register_estate_elsewhere: {
    zh: (p) => `小区“${p.estate}”不属于社区“${p.community}”：请从本社区的小区中选择`,
    en: (p) => `estate "${p.estate}" is not one of community "${p.community}"'s: choose one of its own`,
  },
  /** The community has a `what` / `whatEn` named `value` already. */
  register_duplicate: {
    zh: (p) => `本社区已有${p.what}“${p.value}”，不能重复登记`,
    en: (p) => `the community has the ${p.whatEn} "${p.value}" already`,
  },
} satisfies Catalogue;
