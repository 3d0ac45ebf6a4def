// Scenarios as stored: reading one with its groups, who may see or change it, the version
// check every change makes (stale → 409 with the scenario as it is now) and the audit row.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { ConflictError, notFound } from '../../http/errors';
import { audit, type AuditAction } from '../audit/service';
import { editsTowns, readsTowns } from '../../domain/jurisdiction';
import { refuseOutsideTowns } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import type { Within } from '../../db/write';

export type ScenarioStatus = 'draft' | 'adopted' | 'discarded';

export interface ScenarioGroup {
  key: string;
  name: string;
  nameEn: string;
  villages: string[];
  communities: string[];
}

export interface Scenario {
  id: string;
  name: string;
  status: ScenarioStatus;
  townIds: string[];
  createdBy: string;
  createdAt: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  adoptedAt: string | null;
  groups: ScenarioGroup[];
}

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

async function readGroups(k: Knex, region: string, scenarioId: string): Promise<ScenarioGroup[]> {
  const groups = await k('scenario_groups').where({ region, scenario_id: scenarioId }).orderBy('position').select('key', 'name', 'name_en');
  const members = await k('scenario_members').where({ region, scenario_id: scenarioId }).orderBy(['kind', 'member_id']).select('group_key', 'kind', 'member_id');
  return groups.map((g: Row) => ({
    key: String(g.key),
    name: String(g.name),
    nameEn: String(g.name_en),
    villages: members.filter((m: Row) => m.group_key === g.key && m.kind === 'village').map((m: Row) => String(m.member_id)),
    communities: members.filter((m: Row) => m.group_key === g.key && m.kind === 'community').map((m: Row) => String(m.member_id)),
  }));
}

function toScenario(row: Row, groups: ScenarioGroup[]): Scenario {
  return {
    id: String(row.id),
    name: String(row.name),
    status: row.status as ScenarioStatus,
    townIds: row.town_ids as string[],
    createdBy: String(row.created_by),
    createdAt: iso(row.created_at)!,
    version: Number(row.version),
    updatedAt: iso(row.updated_at)!,
    updatedBy: String(row.updated_by),
    adoptedAt: iso(row.adopted_at),
    groups,
  };
}

async function findRow(k: Knex, region: string, id: string, lock: boolean): Promise<Row | undefined> {
  const q = k('scenarios').where({ region, id }).first();
  return lock ? q.forUpdate() : q;
}

/** A scenario the user may read (edit, with `edit`); another town's answers like an unknown one, and the probe is audited. */
export async function reachScenario(ctx: AppContext, user: AuthUser, id: string, edit = false, k: Knex = ctx.db.knex): Promise<Scenario> {
  const row = await findRow(k, ctx.region, id, false);
  await refuseOutsideTowns(ctx, user, 'scenario', id, row?.town_ids as string[] | undefined, edit ? 'edit' : 'read');
  return toScenario(row!, await readGroups(k, ctx.region, id));
}

export async function listScenarios(ctx: AppContext, user: AuthUser): Promise<Array<Omit<Scenario, 'groups'> & { groupCount: number }>> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT s.*, (SELECT count(*) FROM scenario_groups g WHERE g.region = s.region AND g.scenario_id = s.id)::int AS group_count
     FROM scenarios s WHERE s.region = ? ORDER BY s.updated_at DESC, s.id`,
    [ctx.region],
  );
  return (rows as Row[])
    .filter((r) => readsTowns(user, r.town_ids as string[]))
    .map((r) => {
      const { groups, ...rest } = toScenario(r, []);
      void groups;
      return { ...rest, groupCount: Number(r.group_count) };
    });
}

/**
 * Locks the scenario for a change: out of reach → 404, another version → 409 with the scenario
 * as it is now, not in `status` → 409 saying what it is.
 */
export async function lockScenario(ctx: AppContext, { trx }: Within, user: AuthUser, id: string, version: number, status: ScenarioStatus = 'draft'): Promise<Scenario> {
  const row = await findRow(trx, ctx.region, id, true);
  if (!row || !editsTowns(user, row.town_ids as string[])) throw notFound('scenario', id);
  const current = toScenario(row, await readGroups(trx, ctx.region, id));
  if (current.version !== version) throw new ConflictError(current, 'scenario', id, current.version, version);
  if (current.status !== status) throw new ConflictError(current, 'scenario_status', { id, status: current.status, needed: status });
  return current;
}

/** Moves the scenario to its next version and records the change in the audit log. */
export async function bumpScenario(
  ctx: AppContext,
  within: Within,
  user: AuthUser,
  before: Scenario,
  set: Record<string, Knex.Value | Knex.Raw>,
  action: AuditAction,
  detail: Record<string, unknown>,
): Promise<Scenario> {
  const { trx, touch } = within;
  await trx('scenarios')
    .where({ region: ctx.region, id: before.id })
    .update({ ...set, version: before.version + 1, updated_at: trx.fn.now(), updated_by: user.username });
  touch('scenarios', { region: ctx.region, id: before.id });
  await audit(
    ctx,
    { action, actorId: user.id, actor: user.username, objectType: 'scenario', objectId: before.id, versionBefore: before.version, versionAfter: before.version + 1, detail },
    within,
  );
  return toScenario((await findRow(trx, ctx.region, before.id, false))!, await readGroups(trx, ctx.region, before.id));
}

export const newScenarioId = () => `S-${randomBytes(6).toString('hex')}`;
