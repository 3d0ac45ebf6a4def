// The batch look-up's CSV, read with csv-parse and written with csv-stringify (node-csv): RFC 4180
// quoting, CRLF, LF or CR line ends in any mix, rows of any width kept as they came. Ours is only
// the guess of the delimiter, which csv-parse leaves to the caller: commas, or the semicolons /
// tabs some Excel locales write.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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
  try {
    // A stray quote inside a field (12"屏) is kept as text, as Excel reads it.
    return parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true }) as string[][];
  } catch (err) {
    if ((err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') throw new Error('a quoted field is not closed before the end of the file', { cause: err });
    throw err;
  }
}

/**
 * CRLF line ends, as RFC 4180 and Excel expect; a field is quoted only when it must be: delimiter
 * and quote (csv-stringify's own rule), any line break (its rule sees only the CRLF it writes, so
 * a lone LF would end the record on reading) and edge spaces Excel would trim.
 */
export function writeCsv(records: string[][], delimiter: Delimiter = ','): string {
  return stringify(records, { delimiter, record_delimiter: 'windows', quoted_match: /[\r\n]|^\s|\s$/ });
}
