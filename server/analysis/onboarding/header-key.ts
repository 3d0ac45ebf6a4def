// How a column's name is compared with the names offices give a field: folded to half width,
// lower case, without spaces or the asterisk templates put on required columns, and also
// without its unit ("面积（平方米）" is 面积) and, for a two-row header, run together and as
// its last part ("基本情况/户数" is also 户数). A bracket that is not a unit stays: "所属村（社区）".
import { normaliseCell } from './cells';

const UNITS = new Set([
  '平方米', '平米', 'm2', '米', 'm', '公里', 'km', '千米', '亩', '人', '户', '个', '名', '栋', '幢', '座', '项', '次',
  '元', '万元', '岁', '年', '小时', 'h', '%', '度', '°',
]);

export function headerKey(text: string): string {
  return normaliseCell(text)
    .toLowerCase()
    .replace(/[【〔［[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/[\s*※]/g, '');
}

/** "面积(平方米)", "面积(单位:平方米)", "面积/m2" → "面积"; anything else unchanged. */
function withoutUnit(key: string): string {
  const bracket = /^(.+)\((?:单位:?)?([^()]*)\)$/.exec(key);
  if (bracket && UNITS.has(bracket[2]!)) return bracket[1]!;
  const slash = /^(.+)\/([^/]+)$/.exec(key);
  if (slash && UNITS.has(slash[2]!)) return slash[1]!;
  return key;
}

/** The forms of a header to compare with a field's names, the whole first; a two-row header also run together ("现社区/代码" is 现社区代码) and as its last part. */
export function headerKeys(text: string): string[] {
  const key = headerKey(text);
  const forms = [key, withoutUnit(key)];
  const parts = key.split('/');
  if (parts.length > 1) forms.push(parts.join(''), parts.at(-1)!, withoutUnit(parts.at(-1)!));
  return [...new Set(forms.filter(Boolean))];
}
