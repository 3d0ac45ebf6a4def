// Merger scenarios (方案): a draft regrouping of villages (or whole communities) into new
// communities, compared with the current grid before anyone decides, and adopted in one
// transaction. `adoption` keeps what an adoption moved, so it can be undone exactly.
// A contracted area whose community changed is flagged for re-planning (`needs_replan`).
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  `CREATE TABLE scenarios (
    region text NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'discarded')),
    -- the towns the scenario may regroup: a planner's scenario lies inside the planner's towns
    town_ids text[] NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    adopted_at timestamptz,
    -- what the adoption changed (communities made and removed, rows moved), for undoing it
    adoption jsonb,
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    PRIMARY KEY (region, id)
  )`,
  `CREATE TABLE scenario_groups (
    region text NOT NULL,
    scenario_id text NOT NULL,
    key text NOT NULL,
    position integer NOT NULL,
    name text NOT NULL,
    name_en text NOT NULL,
    PRIMARY KEY (region, scenario_id, key),
    FOREIGN KEY (region, scenario_id) REFERENCES scenarios (region, id) ON DELETE CASCADE
  )`,
  // A member is a village or a whole community (all its villages, as they are when compared).
  `CREATE TABLE scenario_members (
    region text NOT NULL,
    scenario_id text NOT NULL,
    group_key text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('village', 'community')),
    member_id text NOT NULL,
    PRIMARY KEY (region, scenario_id, kind, member_id),
    FOREIGN KEY (region, scenario_id, group_key) REFERENCES scenario_groups (region, scenario_id, key) ON DELETE CASCADE
  )`,
  'CREATE INDEX scenarios_status_idx ON scenarios (region, status, updated_at)',
  'ALTER TABLE contracted_areas ADD COLUMN needs_replan boolean NOT NULL DEFAULT false',
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS scenario_members, scenario_groups, scenarios');
  await knex.raw('ALTER TABLE contracted_areas DROP COLUMN IF EXISTS needs_replan');
}
