// The embedded database's journal position: the sequence number of the last journalled write
// that this database holds. It is claimed inside each write's own transaction, so after a
// crash the database itself says which journal entries it already has.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row, enforced by the check: every write claims the next number from it.
  await knex.raw(`CREATE TABLE journal_state (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    seq bigint NOT NULL
  )`);
  await knex.raw('INSERT INTO journal_state (id, seq) VALUES (true, 0)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS journal_state');
}
