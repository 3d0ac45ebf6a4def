// The other processes hold who each session token belongs to (server/features/auth/sessions-held.ts):
// the log of changes also names the sessions and users a write touched, so each process forgets
// exactly those. Rows written before this migration name none and are read as naming none.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE data_changes ADD COLUMN sessions jsonb NOT NULL DEFAULT '[]'::jsonb`);
  await knex.raw(`ALTER TABLE data_changes ADD COLUMN users jsonb NOT NULL DEFAULT '[]'::jsonb`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE data_changes DROP COLUMN users`);
  await knex.raw(`ALTER TABLE data_changes DROP COLUMN sessions`);
}
