// One journal entry per committed write: its sequence number and the after-image of every
// row it touched. A line is "<checksum> <json>\n"; the checksum tells a line cut short by a
// crash (or damaged on disk) from a whole one, so such a line is never replayed.
import { createHash } from 'node:crypto';

export interface Change {
  table: string;
  /** The primary key as JSON text. */
  key: string;
  /** The row after the write as JSON text (geometry as EWKB hex), or null: deleted. */
  row: string | null;
}

export interface Entry {
  seq: number;
  changes: Change[];
}

const CHECKSUM_CHARS = 16;

const checksum = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, CHECKSUM_CHARS);

export function encodeEntry(entry: Entry): string {
  // Rows stay JSON text inside the entry, so their numbers never pass through JavaScript's.
  const json = JSON.stringify({ seq: entry.seq, changes: entry.changes.map((c) => ({ t: c.table, k: c.key, r: c.row })) });
  return `${checksum(json)} ${json}\n`;
}

/** The entry on one line (without its newline), or undefined when the line is not a whole, intact entry. */
export function decodeEntry(line: string): Entry | undefined {
  const json = line.slice(CHECKSUM_CHARS + 1);
  if (line[CHECKSUM_CHARS] !== ' ' || line.slice(0, CHECKSUM_CHARS) !== checksum(json)) return undefined;
  const parsed = JSON.parse(json) as { seq: number; changes: Array<{ t: string; k: string; r: string | null }> };
  return { seq: parsed.seq, changes: parsed.changes.map((c) => ({ table: c.t, key: c.k, row: c.r })) };
}
