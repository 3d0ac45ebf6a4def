// The requests on the leaders' map: where each one is, its category and its status, as indexes
// into the domain's lists so a year of requests stays a small answer. Nothing else about them.
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import { REQUEST_CATEGORIES } from '../../domain/request-categories';
import { REQUEST_STATUSES } from '../../domain/requests';
import { periodOf } from './figures';
import type { PointsQuery } from './schema';
import type { RequestPoints } from './types';

export async function readPoints(ctx: AppContext, q: PointsQuery): Promise<RequestPoints> {
  const period = periodOf(q, nowOf(ctx));
  const { rows } = await ctx.db.knex.raw(
    `SELECT round(ST_X(location)::numeric, 5)::float8 AS lng, round(ST_Y(location)::numeric, 5)::float8 AS lat, category, status
     FROM requests
     WHERE region = :region AND location IS NOT NULL AND created_at >= :from AND created_at < :to AND (:town::text IS NULL OR town_id = :town)
     ORDER BY created_at`,
    { region: ctx.region, from: period.from, to: period.toExclusive, town: q.town ?? null },
  );
  const category = new Map(REQUEST_CATEGORIES.map((c, i) => [c as string, i]));
  const status = new Map(REQUEST_STATUSES.map((s, i) => [s as string, i]));
  return {
    categories: REQUEST_CATEGORIES,
    statuses: REQUEST_STATUSES,
    points: (rows as Array<{ lng: number; lat: number; category: string; status: string }>).map((r) => [
      Number(r.lng), Number(r.lat), category.get(r.category) ?? REQUEST_CATEGORIES.length - 1, status.get(r.status) ?? 0,
    ]),
  };
}
