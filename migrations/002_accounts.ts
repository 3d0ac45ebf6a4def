// Accounts, sessions and the audit log: the foundation every write path will check against.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  `CREATE TABLE users (
    region text NOT NULL,
    id text NOT NULL,
    username text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'planner', 'leader', 'staff')),
    password_hash text NOT NULL,
    failed_count integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    towns text[] NOT NULL DEFAULT '{}',
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT 'system',
    PRIMARY KEY (region, id),
    UNIQUE (region, username)
  )`,
  // Only a SHA-256 of the token is kept: a leaked table does not hand out live sessions.
  `CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    region text NOT NULL,
    user_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    last_seen timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (region, user_id) REFERENCES users (region, id) ON DELETE CASCADE
  )`,
  `CREATE INDEX sessions_user ON sessions (region, user_id)`,
  `CREATE INDEX sessions_expires ON sessions (expires_at)`,
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    region text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id text,
    actor text,
    action text NOT NULL,
    object_type text,
    object_id text,
    version_before integer,
    version_after integer,
    detail jsonb NOT NULL DEFAULT '{}'
  )`,
  `CREATE INDEX audit_log_region_at ON audit_log (region, at)`,
  `CREATE INDEX audit_log_actor ON audit_log (region, actor_id, at)`,
  `CREATE INDEX audit_log_object ON audit_log (region, object_type, object_id)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_log', 'sessions', 'users']) await knex.raw(`DROP TABLE IF EXISTS ${table}`);
}
