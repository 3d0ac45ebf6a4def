// Place words as residents' input methods produce them: most typos in Chinese are a wrong
// character with the right sound (港州 for 港洲), which toneless pinyin compares equal, and
// some staff type initials (gzxc for 港洲新城).
import { pinyin } from 'pinyin-pro';

export interface Spoken {
  /** Toneless pinyin without spaces: 港洲新城2组 → gangzhouxincheng2zu. */
  full: string;
  /** First letters: 港洲新城2组 → gzxc2z. */
  initials: string;
}

const syllables = new Map<string, string>();

/** One character's toneless pinyin, asked of pinyin-pro once: a city's names use a few thousand characters. */
function syllable(c: string): string {
  let p = syllables.get(c);
  if (p === undefined) syllables.set(c, (p = pinyin(c, { toneType: 'none', v: true }).toLowerCase()));
  return p;
}

/**
 * Character by character, each with its usual reading, and runs of digits or letters kept whole:
 * a million addresses' place words in a second or two, where pinyin-pro on each word took
 * 0.2 ms a word. A name and a query are read the same way, so sound-alikes still compare equal;
 * a polyphone read otherwise in a word (长 as zhang) is read as usual in both.
 */
export function spoken(canonical: string): Spoken {
  const parts = canonical.match(/\p{Script=Han}|[^\p{Script=Han}]+/gu) ?? [];
  const words = parts.map((p) => (/\p{Script=Han}/u.test(p) ? syllable(p) : p.toLowerCase()));
  return {
    full: words.join(''),
    initials: words.map((p) => (/^\d+$/u.test(p) ? p : p.charAt(0))).join(''),
  };
}

/** Whether a query is written in Latin letters (pinyin or initials) rather than characters. */
export const isLatin = (canonical: string): boolean => /^[a-z0-9]+$/u.test(canonical) && /[a-z]/u.test(canonical);
