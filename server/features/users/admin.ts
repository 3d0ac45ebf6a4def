// An admin's changes to an existing account. Each carries the version it was read at: a stale
// one is refused with 409 and the current account, and nothing changes.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { hasAreas, hasTowns, type Role } from '../../domain/roles';
import { ConflictError, HttpError, notFound } from '../../http/errors';
import { audit, type AuditAction } from '../audit/service';
import { hashPassword } from '../auth/password';
import type { Actor, UserChange } from './schema';
import { applyPassword, checkAreas, checkTowns, endSessions, summary, textArray, type UserRow, type UserSummary } from './service';

/**
 * Reads the account for change, with every account change of the region serialised: two
 * admins demoting each other at once must not both see "another admin is left".
 */
async function lockForChange(trx: Knex.Transaction, region: string, id: string, version: number): Promise<UserRow> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`gridmap.users.${region}`]);
  const current: UserRow | undefined = await trx('users').where({ region, id }).first();
  if (!current) throw notFound('user', id);
  if (Number(current.version) !== version) throw new ConflictError(summary(current), 'user', id, Number(current.version), version);
  return current;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export async function updateUser(ctx: AppContext, id: string, change: UserChange, by: Actor): Promise<UserSummary> {
  const { db, region } = ctx;
  return db.write(async (trx, touch) => {
    const current = await lockForChange(trx, region, id, change.version);
    const role = change.role ?? (current.role as Role);
    const disabled = change.disabled ?? (current.disabled as boolean);
    const displayName = change.displayName ?? (current.display_name as string);
    // Only planners have towns and area leads areas; another role keeps none.
    const towns = hasTowns(role) ? [...new Set(change.towns ?? (current.towns as string[]))] : [];
    if (hasTowns(role) && !towns.length) throw new HttpError(400, 'planner_needs_towns');
    await checkTowns(trx, region, towns);
    const areas = hasAreas(role) ? [...new Set(change.areas ?? (current.areas as string[]))] : [];
    if (hasAreas(role) && !areas.length) throw new HttpError(400, 'lead_needs_areas');
    await checkAreas(trx, region, areas);

    const wasAdmin = current.role === 'admin' && !current.disabled;
    if (wasAdmin && (role !== 'admin' || disabled)) {
      const others = await trx('users').where({ region, role: 'admin', disabled: false }).whereNot({ id }).first('id');
      if (!others) throw new HttpError(409, 'last_admin');
    }

    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if (role !== current.role) changed.role = { from: current.role, to: role };
    if (!sameSet(towns, current.towns as string[])) changed.towns = { from: current.towns, to: towns };
    if (!sameSet(areas, current.areas as string[])) changed.areas = { from: current.areas, to: areas };
    if (displayName !== current.display_name) changed.displayName = { from: current.display_name, to: displayName };
    if (disabled !== current.disabled) changed.disabled = { from: current.disabled, to: disabled };
    if (!Object.keys(changed).length) return summary(current);

    const [row] = await trx('users')
      .where({ region, id })
      .update({
        role, disabled, display_name: displayName, towns: textArray(trx, towns), areas: textArray(trx, areas),
        version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: by.name,
      })
      .returning('*');
    touch('users', { region, id });
    if (disabled && !current.disabled) await endSessions(trx, touch, region, id);
    const action: AuditAction = changed.disabled ? (disabled ? 'user_disable' : 'user_enable') : 'user_update';
    await audit(
      ctx,
      {
        action, actorId: by.id, actor: by.name, objectType: 'user', objectId: id,
        versionBefore: Number(current.version), versionAfter: Number(row.version), detail: { username: row.username, changed },
      },
      { trx, touch },
    );
    return summary(row);
  });
}

export async function resetPassword(ctx: AppContext, id: string, version: number, password: string, by: Actor): Promise<UserSummary> {
  // Hashing is slow on purpose: done before the transaction, so no lock waits on it.
  const hash = await hashPassword(password);
  return ctx.db.write(async (trx, touch) => {
    const current = await lockForChange(trx, ctx.region, id, version);
    return applyPassword(ctx, trx, touch, current, hash, by);
  });
}
