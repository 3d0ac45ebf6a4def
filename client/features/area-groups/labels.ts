// How the area page names things: a building by the part of its address below the community
// (the page already names the rest), and groups in the order of their number (第二 before 第十),
// which a plain string sort of Chinese numerals gets wrong.

/** 江苏省滨江市江城街道桃康社区丰湾家园11幢 → 丰湾家园11幢. */
export function shortAddress(address: string, communityName: string): string {
  const at = communityName ? address.indexOf(communityName) : -1;
  const rest = at < 0 ? address : address.slice(at + communityName.length);
  return rest || address;
}

const DIGITS = '零一二三四五六七八九';

/** 第一片区第十二党小组 → 12 (the last number: the area's own comes first); null when there is none. */
export function groupNumber(name: string): number | null {
  const m = [...name.matchAll(/第([零一二三四五六七八九十]+|\d+)/g)].at(-1);
  if (!m) return null;
  const s = m[1]!;
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf('十');
  if (ten < 0) return [...s].reduce((n, c) => n * 10 + DIGITS.indexOf(c), 0);
  const tens = ten === 0 ? 1 : DIGITS.indexOf(s[ten - 1]!);
  const ones = ten === s.length - 1 ? 0 : DIGITS.indexOf(s[ten + 1]!);
  return tens * 10 + ones;
}

/** Numbered groups by number, then the rest by name. */
export function byGroupNumber(a: { name: string }, b: { name: string }): number {
  const [x, y] = [groupNumber(a.name), groupNumber(b.name)];
  if (x !== null && y !== null && x !== y) return x - y;
  if ((x === null) !== (y === null)) return x === null ? 1 : -1;
  return a.name.localeCompare(b.name, 'zh-CN');
}
