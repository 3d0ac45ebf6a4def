// One cell of a county's file, read as its field says: text as offices type it (full-width
// digits, ideographic spaces, trailing blanks) made plain, and numbers, codes, phones, yes/no,
// lists and choices parsed exactly or refused with the reason. Nothing is guessed: "约120" is
// an estimate the office must replace, 3.20981E+11 a code whose digits Excel already lost.
import type { LayerField } from '../../domain/layers';
import type { Message, MessageCode } from '../../domain/messages';
import { chineseNumber } from '../address/normalise';

export type CellValue = string | number | boolean | string[];
/** A parsed cell: its value (null when empty), or why it cannot be read. */
export type Parsed<T> = { value: T | null } | { problem: Message };

const refuse = (code: MessageCode, value: string): { problem: Message } => ({ problem: { code, params: { value } } });

/**
 * NFKC folds full-width letters, digits and punctuation and the ideographic space to plain
 * ones; each line is trimmed and its runs of spaces become one; blank lines go (a line break
 * inside a cell still separates items of a list).
 */
export function normaliseCell(text: string): string {
  return text
    .normalize('NFKC')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as 2024-06-01; a time alone (Excel keeps it as a fraction of 1899-12-30) as 08:30. */
function dateText(d: Date): string {
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''}`;
  if (d.getUTCFullYear() < 1900) return time;
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() ? `${day} ${time}` : day;
}

/**
 * A value as a workbook or a .dbf holds it, as text: 320981100001 keeps every digit, 0.1 + 0.2
 * is 0.3 (Excel itself shows 15 significant digits), TRUE/FALSE as Excel writes them.
 */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  return String(value);
}

/** What offices write in a cell that has nothing to say. */
const EMPTY_MARKS = new Set(['-', '--', '—', '——', '/', '\\', '—-']);
const isEmpty = (s: string) => s === '' || EMPTY_MARKS.has(s);

/** Estimates: 约120, 120左右, 100余, 100多, 100+, 1.2万, 100-120. */
const APPROXIMATE = /^(约|大约|近|将近|超过|不足|不到|大概|估计)|(左右|余|多|以上|以下|上下|\+|万)$|^\d+(\.\d+)?\s*[-~～至到]\s*\d+(\.\d+)?$/;
/** A unit after a number changes nothing about it: 120人, 35户, 300平方米, 500m. */
const UNIT = /\s*(人|户|名|个|栋|幢|座|项|次|平方米|平米|m2|米|m)$/i;
/** 1,234 and 1,234,567.5: commas only where thousands are grouped. */
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^-?(\d+(\.\d*)?|\.\d+)$/;

function parseQuantity(text: string, integer: boolean): Parsed<number> {
  const s = normaliseCell(text);
  if (isEmpty(s)) return { value: null };
  if (APPROXIMATE.test(s)) return refuse('cell_approximate', s);
  const bare = s.replace(UNIT, '').replace(/\s/g, '');
  const numeral = integer ? chineseNumber(bare) : null;
  if (numeral !== null) return { value: numeral };
  if (!PLAIN.test(bare) && !GROUPED.test(bare)) return refuse('cell_not_number', s);
  const n = Number(bare.replace(/,/g, ''));
  if (n < 0) return refuse('cell_negative', s);
  if (integer && !Number.isInteger(n)) return refuse('cell_not_integer', s);
  return { value: n };
}

/** A count: "1,234", "１２３", "12.0", "120人", "十二"; refuses estimates, fractions and negatives. */
export const parseInteger = (text: string): Parsed<number> => parseQuantity(text, true);
/** A measure such as a floor area: as parseInteger, fractions allowed. */
export const parseNumber = (text: string): Parsed<number> => parseQuantity(text, false);

/** A coordinate as written: decimal (negative allowed), or degrees-minutes-seconds (东经120°30′15″). */
export function parseCoordinate(text: string): Parsed<number> {
  const s = normaliseCell(text).replace(/\s/g, '');
  if (isEmpty(s)) return { value: null };
  const bare = s.replace(/,/g, '');
  if (PLAIN.test(bare)) return { value: Number(bare) };
  const dms = /^(?:东经|北纬|西经|南纬|[ENWS])?(\d+(?:\.\d+)?)[°度](?:(\d+(?:\.\d+)?)['′’分])?(?:(\d+(?:\.\d+)?)(?:["″”秒]|''|′′)?)?[ENWS]?$/i.exec(s);
  if (!dms) return refuse('cell_not_number', s);
  const [, d, m = '0', sec = '0'] = dms;
  const south = /^(西经|南纬|[WS])|[WS]$/i.test(s);
  const value = Number(d) + Number(m) / 60 + Number(sec) / 3600;
  return { value: south ? -value : value };
}

/**
 * A code keeps every digit: a number Excel stored keeps its trailing ".0" off; scientific
 * notation is expanded only when it still holds every digit, else the digits are lost and the
 * cell is refused. Codes that are not numbers (T01, 320981-001) stay as written.
 */
export function parseCode(text: string): Parsed<string> {
  const s = normaliseCell(text).replace(/\s/g, '');
  if (isEmpty(s)) return { value: null };
  const decimal = /^(\d+)\.0+$/.exec(s);
  if (decimal) return { value: decimal[1]! };
  const scientific = /^(\d)(?:\.(\d+))?e\+?(\d+)$/i.exec(s);
  if (scientific) {
    const [, head, tail = '', exponent] = scientific;
    if (tail.length > Number(exponent)) return refuse('cell_not_integer', s);
    if (tail.length < Number(exponent)) return refuse('cell_code_scientific', s);
    return { value: `${head}${tail}` };
  }
  return { value: s };
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Beijing (010) and the 02x cities have three-digit area codes, everybody else four. */
const LANDLINE = /^(0[12]\d|0[3-9]\d{2})(\d{7,8})(?:(?:转|ext\.?|-)(\d{1,6}))?$/i;
const LOCAL = /^\d{7,8}$/;
/** Two numbers: a separator, or two runs of seven digits or more (a mobile, a local number). */
const SEVERAL = /[、,;/\n]|\d{7,}\D+\d{7,}/;

/** A mobile without its spaces, dashes or +86; a landline as area code-number (0523-81234567). */
export function parsePhone(text: string): Parsed<string> {
  const s = normaliseCell(text);
  if (isEmpty(s)) return { value: null };
  if (SEVERAL.test(s)) return refuse('cell_phones_several', s);
  const digits = s.replace(/[\s\-–—.()]/g, '').replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
  if (MOBILE.test(digits)) return { value: digits };
  const landline = LANDLINE.exec(s.replace(/[\s()–—]/g, '').replace(/^(0\d{2,3})-/, '$1'));
  if (landline) return { value: `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}` };
  if (LOCAL.test(digits)) return { value: digits };
  return refuse('cell_phone', s);
}

const YES = new Set(['是', 'y', 'yes', '√', '✓', '✔', '1', 'true', '有', '对']);
const NO = new Set(['否', 'n', 'no', '×', '✗', '✘', 'x', '0', 'false', '无', '不是']);

export function parseYesNo(text: string): Parsed<boolean> {
  const s = normaliseCell(text);
  if (s === '') return { value: null };
  const key = s.toLowerCase();
  if (YES.has(key)) return { value: true };
  if (NO.has(key)) return { value: false };
  return refuse('cell_yes_no', s);
}

/** Several values in one cell, between 、，,;； or on separate lines. */
export function parseList(text: string): Parsed<string[]> {
  const items = normaliseCell(text)
    .split(/[、,;\n]/)
    .map((s) => s.trim())
    .filter((s) => !isEmpty(s));
  return { value: items.length ? items : null };
}

/** How a choice is compared: folded, lower case, without spaces and without a bracketed note. */
const choiceKey = (s: string) => normaliseCell(s).toLowerCase().replace(/\s/g, '');
const withoutNote = (key: string) => key.replace(/\([^)]*\)$/, '');

/** The choice whose value or one of whose words the cell says. */
export function parseChoice(text: string, choices: Readonly<Record<string, readonly string[]>>): Parsed<string> {
  const s = normaliseCell(text);
  if (isEmpty(s)) return { value: null };
  const key = choiceKey(s);
  const entries = Object.entries(choices);
  for (const wanted of [key, withoutNote(key)]) {
    const hit = entries.find(([value, words]) => choiceKey(value) === wanted || words.some((w) => choiceKey(w) === wanted));
    if (hit) return { value: hit[0] };
  }
  return { problem: { code: 'cell_choice', params: { value: s, choices: entries.map(([value, words]) => words[0] ?? value) } } };
}

/** A reference names another unit by its code or its name: a code Excel stored as a number loses its ".0". */
function parseRef(text: string): Parsed<string> {
  const s = normaliseCell(text);
  if (isEmpty(s)) return { value: null };
  return /^\d+(\.0+)?$|^\d(\.\d+)?e\+?\d+$/i.test(s) ? parseCode(s) : { value: s };
}

/** The cell read as `field` says. */
export function parseCell(field: LayerField, text: string): Parsed<CellValue> {
  switch (field.type) {
    case 'code': return parseCode(text);
    case 'integer': return parseInteger(text);
    case 'number': return parseNumber(text);
    case 'phone': return parsePhone(text);
    case 'yesno': return parseYesNo(text);
    case 'list': return parseList(text);
    case 'choice': return parseChoice(text, field.choices ?? {});
    case 'ref': return parseRef(text);
    case 'lng': case 'lat': case 'x': case 'y': return parseCoordinate(text);
    case 'text': {
      const s = normaliseCell(text);
      return { value: isEmpty(s) ? null : s };
    }
  }
}
