// Login, sessions and lock-out. The session token is random and lives only in the cookie;
// the database keeps its SHA-256, checked for idle and absolute expiry on every request (from
// memory between reads: sessions-held.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import { audit } from '../audit/service';
import type { Role } from '../../domain/roles';
import { catchUp } from '../../db/changes';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { sessionsHeld } from './sessions-held';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
  /**
   * The cookie carrying the city's session when it is not `gridmap_session`: a process serving
   * several cities names one per city, so a user signed in to two keeps both (server/cities.ts).
   */
  cookie?: string;
}

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  towns: string[];
  /** An area lead's contracted areas; empty for the other roles. */
  areas: string[];
}

export type LoginResult =
  | { ok: true; user: AuthUser; token: string; maxAgeSeconds: number }
  | { ok: false; status: 401 }
  | { ok: false; status: 429; retryAfterSeconds: number };

export const MAX_FAILURES = 5;
const FIRST_LOCK_SECONDS = 60;
const LONGEST_LOCK_SECONDS = 24 * 3600;
/** last_seen is written at most this often, so reads don't each become a write. */
const TOUCH_AFTER_SECONDS = 60;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

let decoy: Promise<string> | undefined;
/** Unknown users cost a hash too, so the answer's timing does not tell who exists. */
const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

const publicUser = (r: Record<string, unknown>): AuthUser => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  role: r.role as Role,
  towns: (r.towns as string[] | null) ?? [],
  areas: (r.areas as string[] | null) ?? [],
});

export async function login(ctx: AppContext, username: string, password: string, policy: SessionPolicy, ip?: string): Promise<LoginResult> {
  const { db, region } = ctx;
  const k = db.knex;
  const row = await k('users')
    .where({ region, username, disabled: false })
    .first('id', 'username', 'display_name', 'role', 'towns', 'areas', 'password_hash', k.raw('extract(epoch FROM locked_until - now()) AS locked_for'));
  if (!row) {
    await verifyPassword(password, await decoyHash());
    await audit(ctx, { action: 'login_failed', detail: { reason: 'unknown_user', ip } });
    return { ok: false, status: 401 };
  }
  const actor = { actorId: row.id, actor: row.username, objectType: 'user', objectId: row.id };
  const lockedFor = Number(row.locked_for);
  if (lockedFor > 0) {
    await audit(ctx, { action: 'login_failed', ...actor, detail: { reason: 'locked', ip } });
    return { ok: false, status: 429, retryAfterSeconds: Math.ceil(lockedFor) };
  }

  if (!(await verifyPassword(password, row.password_hash))) {
    // One statement, so concurrent guesses cannot slip past the count.
    const { locked, lockedFor } = await db.write(async (trx, touch) => {
      const { rows } = await trx.raw(
        `UPDATE users SET failed_count = failed_count + 1,
           locked_until = CASE WHEN failed_count + 1 >= ${MAX_FAILURES}
             THEN now() + make_interval(secs => least(${FIRST_LOCK_SECONDS} * power(2, failed_count + 1 - ${MAX_FAILURES}), ${LONGEST_LOCK_SECONDS}))
             ELSE locked_until END
         WHERE region = ? AND id = ?
         RETURNING failed_count, extract(epoch FROM locked_until - now()) AS locked_for`,
        [region, row.id],
      );
      touch('users', { region, id: row.id });
      const failures = Number(rows[0].failed_count);
      const lockedFor = Number(rows[0].locked_for);
      const locked = lockedFor > 0 && failures >= MAX_FAILURES;
      await audit(ctx, { action: 'login_failed', ...actor, detail: { reason: 'bad_password', failures, locked, ip } }, { trx, touch });
      return { locked, lockedFor };
    });
    return locked ? { ok: false, status: 429, retryAfterSeconds: Math.ceil(lockedFor) } : { ok: false, status: 401 };
  }

  const token = randomBytes(32).toString('base64url');
  await db.write(async (trx, touch) => {
    await trx('users').where({ region, id: row.id }).update({
      failed_count: 0,
      locked_until: null,
      ...(needsRehash(row.password_hash) ? { password_hash: await hashPassword(password) } : {}),
    });
    touch('users', { region, id: row.id });
    const expired = await trx('sessions')
      .where({ region })
      .andWhere((q) => q.where('expires_at', '<', trx.fn.now()).orWhereRaw('last_seen < now() - make_interval(secs => ?::double precision)', [policy.idleMs / 1000]))
      .delete(['token_hash']);
    for (const { token_hash } of expired as Array<{ token_hash: string }>) touch('sessions', { token_hash });
    await trx('sessions').insert({
      token_hash: hashToken(token),
      region,
      user_id: row.id,
      expires_at: trx.raw('now() + make_interval(secs => ?::double precision)', [policy.maxMs / 1000]),
    });
    touch('sessions', { token_hash: hashToken(token) });
    await audit(ctx, { action: 'login', ...actor, detail: { ip } }, { trx, touch });
  });
  return { ok: true, user: publicUser(row), token, maxAgeSeconds: policy.maxMs / 1000 };
}

/** The user behind a session token, or undefined when it is unknown, expired or idle too long. */
export async function userOfSession({ db, region }: AppContext, token: string, policy: SessionPolicy): Promise<AuthUser | undefined> {
  const tokenHash = hashToken(token);
  const held = sessionsHeld<AuthUser>(db, region);
  // What another process wrote (a logout, a disabled user) is heard before a held session is believed.
  await catchUp(db);
  const user = held?.user(tokenHash);
  if (user) return user;
  const mark = held?.mark();
  const { rows } = await db.knex.raw(
    `SELECT u.id, u.username, u.display_name, u.role, u.towns, u.areas,
            s.last_seen < now() - make_interval(secs => ?::double precision) AS stale,
            extract(epoch FROM least(s.expires_at, s.last_seen + make_interval(secs => ?::double precision),
                                     s.last_seen + make_interval(secs => ?::double precision)) - now()) AS held_for
     FROM sessions s JOIN users u ON u.region = s.region AND u.id = s.user_id
     WHERE s.token_hash = ? AND s.region = ? AND NOT u.disabled
       AND s.expires_at > now() AND s.last_seen > now() - make_interval(secs => ?::double precision)`,
    [TOUCH_AFTER_SECONDS, policy.idleMs / 1000, TOUCH_AFTER_SECONDS, tokenHash, region, policy.idleMs / 1000],
  );
  if (!rows.length) return undefined;
  const found = publicUser(rows[0]);
  // A session due for its last_seen write is not held: the next request reads it again after the write.
  if (rows[0].stale) {
    await db.write(async (trx, touch) => {
      await trx('sessions').where({ token_hash: tokenHash }).update({ last_seen: trx.fn.now() });
      touch('sessions', { token_hash: tokenHash });
    });
  } else if (held && mark !== undefined) {
    held.hold(tokenHash, found, Number(rows[0].held_for) * 1000, mark);
  }
  return found;
}

export async function logout(ctx: AppContext, token: string, user: AuthUser | undefined): Promise<void> {
  await ctx.db.write(async (trx, touch) => {
    const tokenHash = hashToken(token);
    await trx('sessions').where({ region: ctx.region, token_hash: tokenHash }).delete();
    touch('sessions', { token_hash: tokenHash });
    if (user) await audit(ctx, { action: 'logout', actorId: user.id, actor: user.username, objectType: 'user', objectId: user.id }, { trx, touch });
  });
}
