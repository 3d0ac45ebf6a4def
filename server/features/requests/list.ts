// The requests a signed-in user works through: those in reach (a lead's areas, a planner's
// towns, everything for those who read every request), filtered by status, unit and lateness,
// newest first, a page at a time; with how many wait in each state, for the lead's badges.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import { readsRequest } from '../../domain/jurisdiction';
import type { AuthUser } from '../auth/service';
import type { ListQuery } from './schema';
import { placeOf, REQUEST_COLUMNS, REQUEST_FROM, toStored, type StoredRequest } from './store';
import type { RequestList } from './types';
import { summaryOf } from './views';

/**
 * The domain's lateness rule (escalationDue > 0 in server/domain/requests.ts) as SQL over `r`,
 * at the time `p.now` (a query joins `(SELECT ?::timestamptz AS now) p`); tests/api/requests.test.ts
 * holds the two equal.
 */
export const OVERDUE_SQL = `(r.status <> 'closed' AND (p.now >= r.town_by OR p.now >= r.close_by OR (r.responded_at IS NULL AND p.now >= r.respond_by)))`;

/** A PostgreSQL array literal of ids, bound the same way through pg and PGlite. */
export const idArray = (ids: readonly string[]) => `{${ids.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Which requests the user reaches, as SQL with its bindings: all of them for those who read
 * every request, else the towns and areas on the account. Rows are still judged by readsRequest.
 */
export function reachSql(user: AuthUser): [string, Knex.RawBinding[]] {
  const everything = readsRequest(user, { townId: null, areaId: null });
  return ['(?::boolean OR r.town_id = ANY(?::text[]) OR r.area_id = ANY(?::text[]))', [everything, idArray(user.towns), idArray(user.areas)]];
}

export async function listRequests(ctx: AppContext, user: AuthUser, q: ListQuery): Promise<RequestList> {
  const k = ctx.db.knex;
  const now = nowOf(ctx);
  const [reach, reachBindings] = reachSql(user);
  const scope = ['r.region = ?', reach];
  const scopeBindings: Knex.RawBinding[] = [ctx.region, ...reachBindings];
  for (const [column, value] of [['area_id', q.area], ['community_id', q.community], ['town_id', q.town]] as const) {
    if (value === undefined) continue;
    scope.push(`r.${column} = ?`);
    scopeBindings.push(value);
  }

  const listed = [...scope];
  const listedBindings = [...scopeBindings];
  if (q.status !== 'all') listed.push(q.status === 'open' ? "r.status <> 'closed'" : "r.status = 'closed'");
  if (q.overdue !== undefined) listed.push(`${q.overdue ? '' : 'NOT '}${OVERDUE_SQL}`);
  if (q.before) {
    listed.push('r.created_at < ?');
    listedBindings.push(q.before);
  }
  const { rows } = await k.raw(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} CROSS JOIN (SELECT ?::timestamptz AS now) p
     WHERE ${listed.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    [now.toISOString(), ...listedBindings, q.limit + 1],
  );
  const stored = (rows as Record<string, unknown>[]).map(toStored).filter((r: StoredRequest) => readsRequest(user, placeOf(r)));
  const { rows: counted } = await k.raw(
    `SELECT count(*) FILTER (WHERE r.status = 'assigned') AS assigned, count(*) FILTER (WHERE r.status = 'in_progress') AS in_progress,
            count(*) FILTER (WHERE r.status = 'reopened') AS reopened, count(*) FILTER (WHERE r.status = 'received') AS received,
            count(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue
     FROM requests r CROSS JOIN (SELECT ?::timestamptz AS now) p WHERE ${scope.join(' AND ')} AND r.status <> 'closed'`,
    [now.toISOString(), ...scopeBindings],
  );
  const c = counted[0] ?? {};
  return {
    requests: stored.slice(0, q.limit).map((r) => summaryOf(r, now.getTime())),
    counts: { assigned: Number(c.assigned ?? 0), in_progress: Number(c.in_progress ?? 0), reopened: Number(c.reopened ?? 0), received: Number(c.received ?? 0), overdue: Number(c.overdue ?? 0) },
    more: rows.length > q.limit,
  };
}
