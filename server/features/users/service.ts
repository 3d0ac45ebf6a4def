// Accounts of the configured region: created and listed by the CLI, the demo seed and the
// admin page. Every change is one `db.write` with its audit row; passwords never reach the log.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import type { Touch } from '../../db/write';
import { HttpError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import { hashPassword } from '../auth/password';
import { hasAreas, hasTowns, type Role } from '../../domain/roles';
import { newUser, password as passwordSchema, SYSTEM, type Actor, type NewUser } from './schema';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  towns: string[];
  /** An area lead's contracted areas (empty for every other role). */
  areas: string[];
  disabled: boolean;
  lockedUntil: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export type UserRow = Record<string, unknown>;

export const summary = (r: UserRow): UserSummary => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  role: r.role as Role,
  towns: (r.towns as string[] | null) ?? [],
  areas: (r.areas as string[] | null) ?? [],
  disabled: r.disabled as boolean,
  lockedUntil: (r.locked_until as Date | null) ?? null,
  version: Number(r.version),
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
  updatedBy: r.updated_by as string,
});

/** 400 naming the towns that are not towns of this region. */
export async function checkTowns(k: Knex, region: string, towns: string[]): Promise<void> {
  if (!towns.length) return;
  const known: string[] = await k('towns').where({ region }).whereIn('id', towns).pluck('id');
  const unknown = towns.filter((t) => !known.includes(t));
  if (unknown.length) throw new HttpError(400, 'unknown_towns', { towns: unknown });
}

/** 400 naming the areas that are not contracted areas of this region. */
export async function checkAreas(k: Knex, region: string, areas: string[]): Promise<void> {
  if (!areas.length) return;
  const known: string[] = await k('contracted_areas').where({ region }).whereIn('id', areas).pluck('id');
  const unknown = areas.filter((a) => !known.includes(a));
  if (unknown.length) throw new HttpError(400, 'unknown_areas', { areas: unknown });
}

/** A PostgreSQL array literal, so text[] binds the same way through pg and PGlite. */
export function textArray(k: Knex, values: string[]): Knex.Raw {
  return k.raw('?::text[]', [`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`]);
}

export async function createUser(ctx: AppContext, input: NewUser, by: Actor = SYSTEM): Promise<UserSummary> {
  const u = newUser.parse(input);
  const { db, region } = ctx;
  const towns = hasTowns(u.role) ? [...new Set(u.towns)] : [];
  const areas = hasAreas(u.role) ? [...new Set(u.areas)] : [];
  const hash = await hashPassword(u.password);
  try {
    return await db.write(async (trx, touch) => {
      await checkTowns(trx, region, towns);
      await checkAreas(trx, region, areas);
      if (await trx('users').where({ region, username: u.username }).first('id')) throw exists(u.username);
      const [row] = await trx('users')
        .insert({
          region,
          id: randomUUID(),
          username: u.username,
          display_name: u.displayName ?? u.username,
          role: u.role,
          disabled: u.disabled,
          password_hash: hash,
          towns: textArray(trx, towns),
          areas: textArray(trx, areas),
          updated_by: by.name,
        })
        .returning('*');
      touch('users', { region, id: row.id });
      await audit(
        ctx,
        {
          action: 'user_create', actorId: by.id, actor: by.name, objectType: 'user', objectId: row.id, versionAfter: row.version,
          detail: { username: row.username, role: row.role, towns, areas, displayName: row.display_name, disabled: row.disabled },
        },
        { trx, touch },
      );
      return summary(row);
    });
  } catch (err) {
    // Two creates of one name at once: the unique index decides, the loser hears why.
    if ((err as { code?: string }).code === '23505') throw exists(u.username);
    throw err;
  }
}

const exists = (username: string) => new HttpError(409, 'user_exists', { username });

export async function listUsers({ db, region }: AppContext): Promise<UserSummary[]> {
  return (await db.knex('users').where({ region }).orderBy('username')).map(summary);
}

/** Sets a new password, lifts a lock-out and ends the user's sessions (CLI, by username). */
export async function setPassword(ctx: AppContext, username: string, password: string, by: Actor = SYSTEM): Promise<void> {
  const hash = await hashPassword(passwordSchema.parse(password));
  await ctx.db.write(async (trx, touch) => {
    const current = await trx('users').where({ region: ctx.region, username }).forUpdate().first();
    if (!current) throw notFound('user', username);
    await applyPassword(ctx, trx, touch, current, hash, by);
  });
}

/** Inside a write: the new hash, lock-out lifted, version + 1, sessions ended, audited. */
export async function applyPassword(
  ctx: AppContext, trx: Knex.Transaction, touch: Touch, current: UserRow, hash: string, by: Actor,
): Promise<UserSummary> {
  const { region } = ctx;
  const id = current.id as string;
  const [row] = await trx('users')
    .where({ region, id })
    .update({
      password_hash: hash, failed_count: 0, locked_until: null,
      version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: by.name,
    })
    .returning('*');
  touch('users', { region, id });
  await endSessions(trx, touch, region, id);
  await audit(
    ctx,
    { action: 'user_password_reset', actorId: by.id, actor: by.name, objectType: 'user', objectId: id, versionBefore: Number(current.version), versionAfter: row.version },
    { trx, touch },
  );
  return summary(row);
}

export async function endSessions(trx: Knex.Transaction, touch: Touch, region: string, userId: string): Promise<void> {
  const ended: Array<{ token_hash: string }> = await trx('sessions').where({ region, user_id: userId }).delete().returning('token_hash');
  for (const s of ended) touch('sessions', { token_hash: s.token_hash });
}
