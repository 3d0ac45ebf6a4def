// Which column of an uploaded list holds the addresses: the one the user names, else a header
// that says address (地址, 住址, 家庭住址, 居住地址, address), else a column whose values mostly
// read as addresses (text with a house number or a place word). Else nothing is guessed: the
// user is asked to pick from the headers, so a list of 姓名,电话 never runs on the names.

import type { Message } from '../domain/messages';

const ADDRESS_HEADER = /地址|住址|住所|address|addr/i;
const LETTER = /\p{L}/u;
/** Words only addresses hold: a road, a village group, a building, a room, an estate. */
const PLACE_WORD = /路|街|巷|弄|村|组|号|幢|栋|楼|室|单元|小区|花园|花苑|新城|家园|公寓|镇|乡|社区/u;
/** A phone or an id number with its separators: digits, however written, are no address. */
const NUMBER_LIKE = /^[\d\s.,:/+\-()#xX]*$/;

export type ColumnChoice = { index: number; name: string; by: 'user' | 'header' | 'values' } | { problem: Message };

const looksLikeAddress = (value: string) => !NUMBER_LIKE.test(value) && LETTER.test(value) && (/\d/.test(value) || PLACE_WORD.test(value));

export function chooseAddressColumn(header: string[], rows: string[][], requested?: string): ColumnChoice {
  const names = header.map((h) => h.trim());
  if (requested !== undefined) {
    const index = names.indexOf(requested.trim());
    if (index >= 0) return { index, name: names[index]!, by: 'user' };
    return { problem: { code: 'batch_no_such_column', params: { column: requested, headers: names.filter(Boolean) } } };
  }
  const byHeader = names.findIndex((h) => ADDRESS_HEADER.test(h));
  if (byHeader >= 0) return { index: byHeader, name: names[byHeader]!, by: 'header' };
  const sample = rows.slice(0, 200);
  const index = names.findIndex((_, i) => {
    const values = sample.map((r) => (r[i] ?? '').trim()).filter(Boolean);
    return values.length > 0 && values.filter(looksLikeAddress).length >= values.length / 2;
  });
  // A column without a header can be picked by its name on the page only if it has one.
  if (index >= 0 && names[index]) return { index, name: names[index], by: 'values' };
  return { problem: { code: 'batch_pick_column', params: { headers: names.filter(Boolean) } } };
}
