// Residents' requests (社情民意), their history, and the area leads' visit diary; the area lead
// role on accounts. A request keeps the area, community and town it was routed to (not foreign
// keys: a plan may delete or move the area later, and the request must still count where it
// was handled). Its history (request_updates) is its versions: every step adds one row with the
// version it made, and nothing in it is edited afterwards. Personal fields are nullable because
// they are purged a while after closing (see server/features/requests/upkeep.ts).
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  `ALTER TABLE users DROP CONSTRAINT users_role_check`,
  `ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'planner', 'leader', 'staff', 'lead'))`,
  `ALTER TABLE users ADD COLUMN areas text[] NOT NULL DEFAULT '{}'`,
  `CREATE TABLE requests (
    region text NOT NULL,
    id text NOT NULL,
    category text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('public', 'hall', 'hotline', 'diary')),
    status text NOT NULL CHECK (status IN ('received', 'assigned', 'in_progress', 'closed', 'reopened')),
    text text,
    address text,
    location geometry(Point, 4326),
    building_id text,
    area_id text,
    community_id text,
    town_id text,
    requester_name text,
    requester_phone text,
    consent boolean NOT NULL DEFAULT false,
    filed_by text,
    created_at timestamptz NOT NULL,
    respond_by timestamptz NOT NULL,
    close_by timestamptz NOT NULL,
    town_by timestamptz NOT NULL,
    responded_at timestamptz,
    closed_at timestamptz,
    escalation smallint NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 2),
    escalated_at timestamptz,
    rating smallint CHECK (rating BETWEEN 1 AND 5),
    rated_at timestamptz,
    reopened integer NOT NULL DEFAULT 0,
    purged_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (region, id),
    CHECK ((area_id IS NULL) = (town_id IS NULL)),
    CHECK (requester_phone IS NULL OR consent)
  )`,
  `CREATE INDEX requests_area ON requests (region, area_id, status)`,
  `CREATE INDEX requests_town ON requests (region, town_id, created_at)`,
  `CREATE INDEX requests_created ON requests (region, created_at)`,
  `CREATE INDEX requests_open ON requests (region, town_by) WHERE status <> 'closed'`,
  `CREATE INDEX requests_purge ON requests (region, closed_at) WHERE purged_at IS NULL AND status = 'closed'`,
  `CREATE INDEX requests_location ON requests USING gist (location)`,
  `CREATE TABLE request_updates (
    region text NOT NULL,
    request_id text NOT NULL,
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    event text NOT NULL,
    status text NOT NULL,
    text text,
    public boolean NOT NULL,
    actor text,
    version integer NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (region, request_id, seq),
    FOREIGN KEY (region, request_id) REFERENCES requests (region, id) ON DELETE CASCADE
  )`,
  `CREATE TABLE visits (
    region text NOT NULL,
    id text NOT NULL,
    area_id text NOT NULL,
    building_id text NOT NULL,
    household text,
    visited_on date NOT NULL,
    heard text,
    follow_up text,
    request_id text,
    lead_name text NOT NULL,
    purged_at timestamptz,
    created_at timestamptz NOT NULL,
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (region, id)
  )`,
  `CREATE INDEX visits_building ON visits (region, building_id, visited_on)`,
  `CREATE INDEX visits_area ON visits (region, area_id, visited_on)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['visits', 'request_updates', 'requests']) await knex.raw(`DROP TABLE IF EXISTS ${table}`);
  await knex.raw('ALTER TABLE users DROP COLUMN IF EXISTS areas');
  // The role goes with the migration: its accounts cannot stay behind it.
  await knex.raw(`DELETE FROM users WHERE role = 'lead'`);
  await knex.raw(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'planner', 'leader', 'staff'))`);
}
