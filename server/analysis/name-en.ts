// A unit's English name when nobody gave one (a scenario's new community, an imported unit): its
// pinyin in the style of the grid's other names (沿江社区 → "Yanjiang Community", 永安 →
// "Yong'an"), never the Chinese again.
import { pinyin } from 'pinyin-pro';

const COMMUNITY = '社区';

/** Toneless pinyin written as one word, capitalised, with an apostrophe before a, o, e inside it. */
export function romanised(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).filter((s) => s.trim());
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/u.test(s) && /[a-zü]$/u.test(syllables[i - 1]!) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function communityNameEn(name: string): string {
  const trimmed = name.trim();
  if (!trimmed.endsWith(COMMUNITY)) return romanised(trimmed);
  const stem = romanised(trimmed.slice(0, -COMMUNITY.length));
  return stem ? `${stem} Community` : 'Community';
}
