// A small RFC 4180 reader and writer: quoted fields with doubled quotes, CRLF or LF line ends,
// commas (or the semicolons / tabs some Excel locales write) as the delimiter. Our own rather
// than a package: the batch look-up needs both directions over whole strings, about sixty lines.

export type Delimiter = ',' | ';' | '\t';

/** The delimiter of a file is the one its first line uses most (outside quotes); comma on a tie. */
export function guessDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  return (Object.keys(counts) as Delimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

/** Records of fields. A quote left open at the end is an error: the file was cut off or is not CSV. */
export function parseCsv(text: string, delimiter: Delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new Error('a quoted field is not closed before the end of the file');
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Quotes a field only when it must (delimiter, quote, line break, or edge spaces Excel would trim). */
function quote(field: string, delimiter: Delimiter): string {
  return field.includes(delimiter) || /["\r\n]|^\s|\s$/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** CRLF line ends, as RFC 4180 and Excel expect. */
export function writeCsv(records: string[][], delimiter: Delimiter = ','): string {
  return records.map((r) => r.map((f) => quote(f, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
