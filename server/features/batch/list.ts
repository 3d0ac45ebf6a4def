// An uploaded address list as the batch look-up sees it: a header, data rows as text with their
// row number in the file (the header is row 1), and the address column. Both formats read into
// this shape; writing the answer back goes by format (csv-file.ts, workbook.ts).
import type { Delimiter } from '../../analysis/csv';
import type { TextEncoding } from '../../analysis/decode-text';

/** More rows than a list from a service hall would hold; each costs a little memory while the job lives. */
export const MAX_ROWS = 100_000;

export interface ListRow {
  line: number;
  cells: string[];
}

export interface AddressList {
  header: string[];
  rows: ListRow[];
  /** `by`: named by the user, or suggested by its header or its values. */
  column: { index: number; name: string; by: 'user' | 'header' | 'values' };
}

export type UploadedList =
  | (AddressList & { format: 'csv'; delimiter: Delimiter; encoding: TextEncoding })
  | (AddressList & { format: 'xlsx'; width: number; sheet: string });
