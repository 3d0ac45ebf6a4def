// No string a person or a script sends us may carry a control character. A NUL makes
// PostgreSQL refuse the whole statement (a 500, on both databases, before this rule), and the
// others are invisible in every list, label, card and export, so a name that holds one looks
// right and never matches. parseRequest applies this to every string and key of the path, the
// query and the JSON body before any schema or query sees them.
//
// Per kind of field:
// - a path segment or a query value is one line of text by nature (an id, a filter, a search):
//   every control character is refused there, tab and line breaks included;
// - a JSON body string may hold tab, LF and CR: text pasted from a spreadsheet cell brings them,
//   and free text is written on several lines; a one-line field's schema trims them off its
//   ends (`z.string().trim()`).
// Everywhere else: Unicode's Cc category (C0, DEL and C1) and unpaired surrogate halves (only a
// JSON `\ud800` escape can make one; PostgreSQL would store U+FFFD in its place).
const IN_A_LINE = /[\p{Cc}\p{Cs}]/u;
const IN_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

export type TextKind = 'line' | 'text';

/** `a.b.0.c`, as zod names the fields of its issues; a key's own control characters shown as `\u0000`. */
const join = (path: string, key: string | number) => `${path}.${String(key).replace(/[\p{Cc}\p{Cs}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;

/** The first field of `value` (named from `path`) that holds a control character, if any. */
export function controlCharacterField(value: unknown, path: string, kind: TextKind): string | undefined {
  if (typeof value === 'string') return (kind === 'line' ? IN_A_LINE : IN_TEXT).test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = controlCharacterField(value[i], join(path, i), kind);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    // A key is a name: one line, whatever the kind of its value.
    if (IN_A_LINE.test(key)) return join(path, key);
    const found = controlCharacterField(inner, join(path, key), kind);
    if (found) return found;
  }
  return undefined;
}
