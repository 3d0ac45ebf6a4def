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

/** Share of the query's trigrams found in some stretch of the word: 1 when the query is part of it. */
export function containment(query: readonly string[], stretches: ReadonlySet<string>): number {
  if (query.length === 0) return 0;
  let hits = 0;
  for (const g of query) if (stretches.has(g)) hits++;
  return hits / query.length;
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
 * the name (containment), a little whether it is the whole name (similarity), so 港洲新城 fits
 * 港洲新城 better than 港洲新城二期; never 1 unless the two are equal.
 */
export function placeFit(query: string, word: string, queryGrams = trigrams(query), wordStretches = new Set(stretchTrigrams(word))): number {
  if (query === word) return 1;
  const fit = 0.85 * containment(queryGrams, wordStretches) + 0.15 * similarity(queryGrams, trigrams(word));
  return Math.min(0.99, fit);
}
