// State that several app processes behind a balancer must share: the rate limits' token buckets
// and the batch look-ups' jobs. UNLOGGED: a crash may forget how many requests an address made
// this minute, or an hour-long job (its owner uploads the file again), which costs little, while
// every anonymous request writes a bucket and WAL for it would.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE UNLOGGED TABLE rate_buckets (
    name text NOT NULL,
    key text NOT NULL,
    tokens double precision NOT NULL,
    at timestamptz NOT NULL,
    granted boolean NOT NULL,
    PRIMARY KEY (name, key)
  )`);
  // The list and its answers are written when the job starts and ends (and with corrections); the
  // counts as it runs. `version` keeps two corrections from overwriting each other.
  await knex.raw(`CREATE UNLOGGED TABLE batch_jobs (
    region text NOT NULL,
    id uuid NOT NULL,
    owner_id text NOT NULL,
    started_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    file_name text NOT NULL,
    bytes bytea,
    list jsonb NOT NULL,
    state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    done integer NOT NULL,
    settled integer NOT NULL,
    matched integer NOT NULL,
    approximate integer NOT NULL,
    answers jsonb,
    version integer NOT NULL,
    PRIMARY KEY (region, id)
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS batch_jobs`);
  await knex.raw(`DROP TABLE IF EXISTS rate_buckets`);
}
