// What each write changed, for the other app processes on the same PostgreSQL (server/db/changes.ts):
// a counter per city, whose row lock orders the writers' commits, and the changes numbered by it.
// Rows older than a few minutes are pruned; a process further behind reads its caches anew.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE data_clock (
    region text PRIMARY KEY,
    seq bigint NOT NULL
  )`);
  await knex.raw(`CREATE TABLE data_changes (
    region text NOT NULL,
    seq bigint NOT NULL,
    origin text NOT NULL,
    everything boolean NOT NULL,
    tables jsonb NOT NULL,
    buildings jsonb NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, seq)
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS data_changes`);
  await knex.raw(`DROP TABLE IF EXISTS data_clock`);
}
