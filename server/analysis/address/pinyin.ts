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

const cache = new Map<string, Spoken>();

export function spoken(canonical: string): Spoken {
  let s = cache.get(canonical);
  if (!s) {
    const syllables = pinyin(canonical, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
    s = {
      full: syllables.join('').toLowerCase(),
      initials: syllables.map((p) => (/^\d+$/u.test(p) ? p : p.charAt(0))).join('').toLowerCase(),
    };
    // Place words repeat across thousands of buildings: the cache keeps a million-address build fast.
    if (cache.size < 200_000) cache.set(canonical, s);
  }
  return s;
}

/** Whether a query is written in Latin letters (pinyin or initials) rather than characters. */
export const isLatin = (canonical: string): boolean => /^[a-z0-9]+$/u.test(canonical) && /[a-z]/u.test(canonical);
