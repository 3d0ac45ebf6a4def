// The look-up's sentences: why an answer is only approximate (请核对), in Chinese and English,
// by code; joined in messages.ts. The look-up service puts code and both sentences on each caveat.
import type { Catalogue } from './sentence';

const pct = (v: unknown) => `${Math.round(Number(v) * 100)}%`;

export const LOOKUP_MESSAGES = {
  /** The place words are only like a registered name (trigram similarity `score`). */
  lookup_fuzzy_name: {
    zh: (p) => `地名与登记的“${p.name}”不完全一致（相似度 ${pct(p.score)}），请核对`,
    en: (p) => `the place is only like the registered "${p.name}" (similarity ${pct(p.score)}): please check`,
  },
  /** Found by an old village name, which stands for the whole community it went into. */
  lookup_old_name: {
    zh: (p) => `按旧村名“${p.alias}”找到，旧村已并入${p.community}，请核对`,
    en: (p) => `found by the old village name "${p.alias}", now part of ${p.community}: please check`,
  },
  /** Found by the sound of the characters (港州 for 港洲). */
  lookup_sound_alike: {
    zh: (p) => `按读音相近找到“${p.name}”，请核对用字`,
    en: (p) => `found "${p.name}" by its sound: please check the characters`,
  },
  /** Found by pinyin or its initials. */
  lookup_pinyin: {
    zh: (p) => `按拼音找到“${p.name}”，请核对`,
    en: (p) => `found "${p.name}" by pinyin: please check`,
  },
  /** The building number or village group asked for does not exist in the estate. */
  lookup_missing_part: {
    zh: (p) => `没有找到${p.asked}；${p.estate}有${p.has}`,
    en: (p) => `no ${p.asked} here; ${p.estate} has ${p.has}`,
  },
  /** Another building of the estate than the number asked for. */
  lookup_other_number: {
    zh: (p) => `不是所写的${p.asked}，是同一处的另一栋`,
    en: (p) => `not the ${p.asked} asked for: another building of the same place`,
  },
  /** The query names no building: the answer is one building of the estate, standing for it. */
  lookup_estate_only: {
    zh: (p) => `未写楼栋号，按“${p.estate}”给出，请核对`,
    en: (p) => `no building number given: answered for "${p.estate}", please check`,
  },
  /** Several estates fit the place words equally well. */
  lookup_ambiguous: {
    zh: (p) => `有 ${p.count} 处地名同样相符，请核对`,
    en: (p) => `${p.count} places fit equally well: please check`,
  },
} satisfies Catalogue;
