// Trigram scoring of place words, our own rather than pg_trgm's so that it runs in memory beside
// the index: a word is padded with one space each side and cut into overlapping three-character
// pieces (code points, so each Chinese character counts once).

/** The padded trigrams of a word, each once. */
export function trigrams(word: string): string[] {
  const chars = [' ', ...word, ' '];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return [...out];
}

/**
 * The trigrams of every stretch of a word: its own, and the padded ones as if a word began or
 * ended at each character. A query that is part of a name (港洲新城 in 长泾社区港洲新城) then has
 * all its trigrams among these, which is what a search by part of a name needs.
 */
export function stretchTrigrams(word: string): string[] {
  const chars = [...word];
  const out = new Set(trigrams(word));
  for (let i = 0; i + 1 < chars.length; i++) {
    out.add(` ${chars[i]}${chars[i + 1]}`);
    out.add(`${chars[i]}${chars[i + 1]} `);
  }
  return [...out];
}

/** Shared trigrams over all trigrams of both: 1 for the same word, low for a short part of a long one. */
export function similarity(a: readonly string[] | ReadonlySet<string>, b: readonly string[]): number {
  const set = a instanceof Set ? a : new Set(a as readonly string[]);
  if (set.size === 0 || b.length === 0) return 0;
  let shared = 0;
  for (const g of b) if (set.has(g)) shared++;
  return shared / (set.size + b.length - shared);
}

/**
 * How well query place words fit a registered name, in 0..1: mostly whether the query is part of
 * the name (containment: the share of the query's trigrams found in some stretch of the name), a
 * little whether it is the whole name (similarity), so 港洲新城 fits 港洲新城 better than
 * 港洲新城二期; never 1 unless the two are equal. `queryGrams` are `trigrams(query)`.
 *
 * Read off the name's characters, without making its trigrams: the fuzzy search scores 40 names
 * a query, and building two sets per name was most of a batch's time at a million addresses.
 * A trigram with a space in front (" 港洲") is in a stretch of the name when its two characters
 * are anywhere in it, and among the name's own trigrams when the name begins with them; one with
 * a space behind likewise at the end; one without spaces is in both when the name holds it.
 */
export function placeFit(query: string, word: string, queryGrams: readonly string[] = trigrams(query)): number {
  if (query === word) return 1;
  if (queryGrams.length === 0) return 0;
  let contained = 0;
  let shared = 0;
  for (const g of queryGrams) {
    const front = g.startsWith(' ');
    const back = g.endsWith(' ') && g.length > 1;
    const core = g.slice(front ? 1 : 0, back ? -1 : undefined);
    if (front && back) {
      if (word === core) {
        contained++;
        shared++;
      }
    } else if (word.includes(core)) {
      contained++;
      if (front ? word.startsWith(core) : back ? word.endsWith(core) : true) shared++;
    }
  }
  const fit = (0.85 * contained) / queryGrams.length + (0.15 * shared) / (queryGrams.length + trigramCount(word) - shared);
  return Math.min(0.99, fit);
}

/** `trigrams(word).length` without making them: one per character unless a trigram repeats, which needs a repeated code unit. */
function trigramCount(word: string): number {
  let units = word.length;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) units--;
    else if (word.indexOf(word[i]!, i + 1) >= 0) return trigrams(word).length;
  }
  return units;
}
