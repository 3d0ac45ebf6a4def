// Applies journal entries to a database that lacks them: each change is the row's state after
// its write, so applying it is an upsert by primary key (or a delete) and applying it twice
// changes nothing more. Entries are applied in sequence order, in one transaction that also
// moves journal_state on, so a crash during replay leaves the database where it was.
import type { Knex } from 'knex';
import { resetSequences } from '../rows';
import { Catalogue } from './capture';
import type { Change, Entry } from './entry';

export async function replayEntries(knex: Knex, entries: Entry[]): Promise<void> {
  if (!entries.length) return;
  await knex.transaction(async (trx) => {
    // As logical replication does: the after-images already contain what triggers and
    // cascades did in the original write, so neither may act a second time.
    await trx.raw('SET LOCAL session_replication_role = replica');
    const catalogue = new Catalogue();
    for (const entry of entries) for (const change of entry.changes) await applyChange(trx, catalogue, change);
    await trx.raw('UPDATE journal_state SET seq = ?', [entries.at(-1)!.seq]);
    // Ids handed out before the crash (audit_log.id, …) must not be handed out again.
    await resetSequences(trx);
  });
}

async function applyChange(trx: Knex.Transaction, catalogue: Catalogue, change: Change): Promise<void> {
  const table = await catalogue.get(trx, change.table);
  const key = table.primaryKey.map(() => '??').join(', ');
  if (change.row === null) {
    await trx.raw(`DELETE FROM ?? WHERE (${key}) IN (SELECT ${key} FROM jsonb_populate_record(NULL::??, ?::jsonb))`, [
      table.name,
      ...table.primaryKey,
      ...table.primaryKey,
      table.name,
      change.key,
    ]);
    return;
  }
  const cols = table.columns.map(() => '??').join(', ');
  const others = table.columns.filter((c) => !table.primaryKey.includes(c));
  const update = others.length ? `DO UPDATE SET ${others.map(() => '?? = EXCLUDED.??').join(', ')}` : 'DO NOTHING';
  await trx.raw(
    `INSERT INTO ?? (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM jsonb_populate_record(NULL::??, ?::jsonb) ON CONFLICT (${key}) ${update}`,
    [table.name, ...table.columns, ...table.columns, table.name, change.row, ...table.primaryKey, ...others.flatMap((c) => [c, c])],
  );
}
