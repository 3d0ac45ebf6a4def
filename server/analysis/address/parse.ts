// An address split into what identifies a building (the place words and the building number)
// and what lies inside it (unit, room), so a query with a room number still finds its building.
import { canonicalAddress } from './normalise';

export interface AddressParts {
  /** Canonical place words (community, estate, old village …) with the province/city/town prefix removed. */
  place: string;
  building: number | null;
  unit: number | null;
  room: number | null;
}

/**
 * The country as residents abroad or on forms write it, and any province or city with its suffix;
 * the town only with it (seat communities reuse town names).
 */
const GENERIC_PREFIXES = [/^中华人民共和国/u, /^中国/u, /^\p{Script=Han}{2,3}省/u, /^\p{Script=Han}{2,3}市/u];

/**
 * Removes leading place names the register repeats on every address (江苏省, the city, the
 * town): residents leave them out or write them differently, so they must not weigh.
 * `prefixes` are the known names in canonical form; a name is removed wherever it is a prefix.
 */
export function stripPrefixes(canonical: string, prefixes: readonly string[]): string {
  let s = canonical;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of longestFirst(prefixes)) {
      if (p && s.startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        changed = true;
      }
    }
    for (const re of GENERIC_PREFIXES) {
      const m = re.exec(s);
      if (m && s.length > m[0].length) {
        s = s.slice(m[0].length);
        changed = true;
      }
    }
  }
  return s;
}

const sorted = new WeakMap<readonly string[], string[]>();
/** The prefixes longest first (港洲新城 before 港洲), sorted once per list: the index parses a million addresses with one. */
function longestFirst(prefixes: readonly string[]): string[] {
  let s = sorted.get(prefixes);
  if (!s) sorted.set(prefixes, (s = [...prefixes].sort((a, b) => b.length - a.length)));
  return s;
}

const n = (text: string | undefined): number | null => (text === undefined ? null : Number(text));

/** The forms residents write, most specific first: 3幢2单元301室, 5号301室, 3-2-301, 港洲新城3. */
const FORMS: Array<{ re: RegExp; parts: (m: RegExpExecArray) => Omit<AddressParts, 'place'> }> = [
  {
    re: /^(.*?)(\d+)幢(?:(\d+)单元)?(?:(\d+)(?:室|号)?)?$/u,
    parts: (m) => ({ building: n(m[2]), unit: n(m[3]), room: n(m[4]) }),
  },
  {
    re: /^(.*?)(\d+)号(?:(\d+)单元)?(?:(\d+)室?)?$/u,
    parts: (m) => ({ building: n(m[2]), unit: n(m[3]), room: n(m[4]) }),
  },
  {
    re: /^(.*?\D)(\d+)-(\d+)(?:-(\d+))?$/u,
    parts: (m) => (m[4] === undefined ? { building: n(m[2]), unit: null, room: n(m[3]) } : { building: n(m[2]), unit: n(m[3]), room: n(m[4]) }),
  },
  { re: /^(.*?\D)(\d+)$/u, parts: (m) => ({ building: n(m[2]), unit: null, room: null }) },
];

export function parseAddress(text: string, prefixes: readonly string[] = []): AddressParts {
  const s = stripPrefixes(canonicalAddress(text), prefixes);
  for (const form of FORMS) {
    const m = form.re.exec(s);
    if (m && m[1]) return { place: m[1].replace(/-/gu, ''), ...form.parts(m) };
  }
  return { place: s.replace(/-/gu, ''), building: null, unit: null, room: null };
}
