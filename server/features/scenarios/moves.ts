// Moving rows from one community to another, in bulk, remembering each move so it can be undone.
// Villages, estates and pairings count a version per change; areas and centres keep theirs, since
// their history (object_versions) records what planners edit and a move is recorded here instead.
import type { Within } from '../../db/write';
import { HttpError } from '../../http/errors';

export const MOVED_TABLES = ['villages', 'contracted_areas', 'estates', 'service_centres', 'address_aliases', 'pairings'] as const;
export type MovedTable = (typeof MOVED_TABLES)[number];

export interface Move {
  table: MovedTable;
  id: string;
  from: string;
  to: string;
}

const VERSIONED = new Set<MovedTable>(['villages', 'estates', 'pairings']);
/** Serial ids are numbers in the primary key the journal is told about. */
const SERIAL = new Set<MovedTable>(['address_aliases', 'pairings']);

/** Applies the moves (or, with `back`, undoes them); a row no longer where it was expected → 409. */
export async function applyMoves(region: string, { trx, touch }: Within, actor: string, moves: Move[], back = false): Promise<void> {
  for (const table of MOVED_TABLES) {
    const mine = moves.filter((m) => m.table === table).map((m) => (back ? { id: m.id, from: m.to, to: m.from } : { id: m.id, from: m.from, to: m.to }));
    if (!mine.length) continue;
    const { rows } = await trx.raw(
      `UPDATE ${table} t SET community_id = x.to_id ${VERSIONED.has(table) ? ', version = t.version + 1, updated_at = now(), updated_by = :actor' : ''}
       FROM jsonb_to_recordset(:moves::jsonb) AS x(id text, from_id text, to_id text)
       WHERE t.region = :region AND t.id::text = x.id AND t.community_id = x.from_id
       RETURNING t.id`,
      { region, actor, moves: JSON.stringify(mine.map((m) => ({ id: m.id, from_id: m.from, to_id: m.to }))) },
    );
    if (rows.length !== mine.length) {
      const done = new Set((rows as Array<{ id: unknown }>).map((r) => String(r.id)));
      throw new HttpError(409, 'scenario_rows_moved', { table, ids: mine.filter((m) => !done.has(m.id)).map((m) => m.id) });
    }
    for (const m of mine) touch(table, { region, id: SERIAL.has(table) ? Number(m.id) : m.id });
  }
}
