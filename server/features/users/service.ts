// Accounts of the configured region. Used by the CLI and the demo seed now, the admin page later.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { HttpError, notFound } from '../../http/errors';
import { hashPassword } from '../auth/password';
import { newUser, password as passwordSchema, type NewUser, type Role } from './schema';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  towns: string[];
  disabled: boolean;
  lockedUntil: Date | null;
}

export async function createUser(ctx: AppContext, input: NewUser, by = 'system'): Promise<UserSummary> {
  const u = newUser.parse(input);
  const { db, region } = ctx;
  if (u.towns.length) {
    const known = await db.knex('towns').where({ region }).whereIn('id', u.towns).pluck('id');
    const unknown = u.towns.filter((t) => !known.includes(t));
    if (unknown.length) throw new HttpError(400, `unknown town(s): ${unknown.join(', ')}`);
  }
  if (await db.knex('users').where({ region, username: u.username }).first('id')) {
    throw new HttpError(409, `user "${u.username}" exists`);
  }
  const row = {
    region,
    id: randomUUID(),
    username: u.username,
    display_name: u.displayName ?? u.username,
    role: u.role,
    password_hash: await hashPassword(u.password),
    towns: db.knex.raw('?::text[]', [toPgArray(u.role === 'planner' ? u.towns : [])]),
    updated_by: by,
  };
  await db.write(async (trx, touch) => {
    await trx('users').insert(row);
    touch('users', { region, id: row.id });
  });
  return (await listUsers(ctx)).find((x) => x.id === row.id)!;
}

export async function listUsers({ db, region }: AppContext): Promise<UserSummary[]> {
  const rows = await db.knex('users').where({ region }).orderBy('username');
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    towns: r.towns,
    disabled: r.disabled,
    lockedUntil: r.locked_until,
  }));
}

/** Sets a new password, lifts a lock-out and ends the user's sessions. */
export async function setPassword({ db, region }: AppContext, username: string, password: string, by = 'system'): Promise<void> {
  const hash = await hashPassword(passwordSchema.parse(password));
  await db.write(async (trx, touch) => {
    const user = await trx('users').where({ region, username }).first('id');
    if (!user) throw notFound(`user "${username}"`);
    await trx('users')
      .where({ region, id: user.id })
      .update({
        password_hash: hash, failed_count: 0, locked_until: null,
        version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: by,
      });
    touch('users', { region, id: user.id });
    const ended = await trx('sessions').where({ region, user_id: user.id }).delete(['token_hash']);
    for (const { token_hash } of ended as Array<{ token_hash: string }>) touch('sessions', { token_hash });
  });
}

/** A PostgreSQL array literal, so text[] binds the same way through pg and PGlite. */
function toPgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
