// One canonical spelling for a Chinese address, so that what residents type and what the
// register holds compare equal: half-width characters, Arabic numbers where residents write
// Chinese ones (三幢, 十二栋), one building marker for 幢/栋/号楼/座/#, no spaces or punctuation,
// simplified characters where residents write traditional ones (龍灣鎮 → 龙湾镇).
import { simplified } from './traditional';

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 三 → 3, 十二 → 12, 二十 → 20, 三百零二 → 302, 三零一 → 301 (room numbers read digit by digit). */
export function chineseNumber(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/u.test(text)) return null;
  if (!/[十百]/u.test(text)) return Number([...text].map((c) => CN_DIGIT[c]).join(''));
  let total = 0;
  let digit = 0;
  for (const c of text) {
    if (c === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (c === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = CN_DIGIT[c] as number;
    }
  }
  return total + digit;
}

/** The words that follow a number in an address: a Chinese numeral before one of them is a number. */
const COUNTED = '号楼|栋|幢|座|单元|室|号|组|#';
const COUNTED_NUMERAL = new RegExp(`([零〇一二两三四五六七八九十百]+)(?=${COUNTED})`, 'gu');

/**
 * The canonical form: traditional characters become simplified; NFKC folds full-width digits,
 * letters, punctuation and the ideographic space to half width; Chinese numerals before a counted word become digits; 栋/号楼/座/#
 * become 幢; spaces and punctuation go, except a hyphen between digits (3-2-301).
 */
export function canonicalAddress(text: string): string {
  let s = simplified(text.normalize('NFKC')).toLowerCase();
  s = s.replace(COUNTED_NUMERAL, (numeral) => String(chineseNumber(numeral)));
  s = s.replace(/(\d+)\s*(号楼|栋|幢|座|#楼?)/gu, '$1幢');
  s = s.replace(/(\d)\s*[-‐‑–—―~]\s*(?=\d)/gu, '$1-');
  return s.replace(/(?!(?<=\d)-(?=\d))[\s\p{P}\p{S}]/gu, '');
}
