// Which column of an uploaded list holds the addresses: the one the user names, else a header
// that says address, else the first column of text with house numbers, else the first of text.

const ADDRESS_HEADER = /地址|住址|address|addr/i;
/** Numbers, dates, phone numbers, ids: values that cannot be an address. */
const NOT_TEXT = /^[\d\s.,:/+\-()#]*$/;
const LETTER = /\p{L}/u;

export type ColumnChoice = { index: number; name: string } | { problem: string };

export function chooseAddressColumn(header: string[], rows: string[][], requested?: string): ColumnChoice {
  const names = header.map((h) => h.trim());
  if (requested !== undefined) {
    const index = names.indexOf(requested.trim());
    if (index >= 0) return { index, name: names[index]! };
    return { problem: `there is no column "${requested}"; the header row has: ${names.filter(Boolean).join(', ') || '(nothing)'}` };
  }
  const byHeader = names.findIndex((h) => ADDRESS_HEADER.test(h));
  if (byHeader >= 0) return { index: byHeader, name: names[byHeader]! };
  const sample = rows.slice(0, 200);
  const columns = names.map((_, index) => sample.map((r) => (r[index] ?? '').trim()).filter(Boolean));
  const mostly = (values: string[], test: (v: string) => boolean) => values.length > 0 && values.filter(test).length >= values.length / 2;
  // An address is text with a house number in it; a name column before it is text without.
  const index = [(v: string) => LETTER.test(v) && /\d/.test(v), (v: string) => !NOT_TEXT.test(v)]
    .map((test) => columns.findIndex((values) => mostly(values, test)))
    .find((i) => i >= 0);
  if (index !== undefined) return { index, name: names[index] || `#${index + 1}` };
  return { problem: 'no address column found: name it with ?column=, or give it a header such as 地址, 住址 or address' };
}
