// The leaders' figures per area, community or town over a period: volume, open and late now,
// answered and closed on time, median hours to close, satisfaction, and how much of the unit's
// buildings its leads visited in the last 30 and 90 days; the total of the same selection; and
// the late requests to chase. A request counts where it was routed (its stored area, community
// and town); the buildings count where they are now. Every figure is one grouped query; the
// on-time rules are the domain's (respondedOnTime, closedOnTime), written in SQL here and held
// equal by tests/api/requests.test.ts.
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import type { FiguresQuery } from './schema';
import { OVERDUE_SQL } from './list';
import { REQUEST_COLUMNS, REQUEST_FROM, toStored } from './store';
import type { FiguresAnswer, RequestFigures } from './types';
import { summaryOf } from './views';

const DAY_MS = 86_400_000;
/** The late requests listed under the figures, most raised and longest late first. */
const OVERDUE_LISTED = 200;

type Level = FiguresQuery['level'];
const UNIT_COLUMN: Record<Level, string> = { area: 'area_id', community: 'community_id', town: 'town_id' };

/** The units of the level within the selection, with the name of the unit above them. */
const UNITS: Record<Level, string> = {
  town: `SELECT t.id, t.name, t.name_en, NULL AS parent FROM towns t WHERE t.region = :region AND (:town::text IS NULL OR t.id = :town)
         AND (:community::text IS NULL OR EXISTS (SELECT 1 FROM communities c WHERE c.region = t.region AND c.id = :community AND c.town_id = t.id))`,
  community: `SELECT c.id, c.name, c.name_en, t.name AS parent FROM communities c JOIN towns t ON t.region = c.region AND t.id = c.town_id
              WHERE c.region = :region AND (:town::text IS NULL OR c.town_id = :town) AND (:community::text IS NULL OR c.id = :community)`,
  area: `SELECT a.id, a.name, a.name_en, c.name AS parent FROM contracted_areas a JOIN communities c ON c.region = a.region AND c.id = a.community_id
         WHERE a.region = :region AND (:town::text IS NULL OR c.town_id = :town) AND (:community::text IS NULL OR a.community_id = :community)`,
};

/** The requests of the period and selection, aggregated per unit and in total (unit null): the one SQL aggregation. */
export function aggregateSql(level: Level): string {
  return `
    SELECT r.${UNIT_COLUMN[level]} AS unit, GROUPING(r.${UNIT_COLUMN[level]}) AS total,
      count(*) AS requests,
      count(*) FILTER (WHERE r.status <> 'closed') AS open,
      count(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue,
      count(*) FILTER (WHERE r.responded_at IS NOT NULL AND r.responded_at <= r.respond_by) AS responded_on_time,
      count(*) FILTER (WHERE r.responded_at IS NOT NULL OR p.now > r.respond_by) AS responded_judged,
      count(*) FILTER (WHERE r.closed_at IS NOT NULL AND r.closed_at <= r.close_by) AS closed_on_time,
      count(*) FILTER (WHERE r.closed_at IS NOT NULL OR p.now > r.close_by) AS closed_judged,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.created_at) / 3600) FILTER (WHERE r.closed_at IS NOT NULL) AS median_hours,
      avg(r.rating)::float8 AS satisfaction, count(r.rating) AS rated
    FROM requests r CROSS JOIN (SELECT :now::timestamptz AS now) p
    WHERE r.region = :region AND r.created_at >= :from AND r.created_at < :to
      AND (:town::text IS NULL OR r.town_id = :town) AND (:community::text IS NULL OR r.community_id = :community)
    GROUP BY GROUPING SETS ((r.${UNIT_COLUMN[level]}), ())`;
}

/** Buildings per unit (as the grid is now) and how many of them were visited within 30 and 90 days. */
function coverageSql(level: Level): string {
  const unit = { area: 'b.area_id', community: 'a.community_id', town: 'c.town_id' }[level];
  return `
    SELECT ${unit} AS unit, GROUPING(${unit}) AS total, count(*) AS buildings,
      count(*) FILTER (WHERE v.last > :today::date - 30) AS visited30,
      count(*) FILTER (WHERE v.last > :today::date - 90) AS visited90
    FROM buildings b
    JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
    JOIN communities c ON c.region = a.region AND c.id = a.community_id
    LEFT JOIN (SELECT building_id, max(visited_on) AS last FROM visits
               WHERE region = :region AND visited_on > :today::date - 90 GROUP BY building_id) v ON v.building_id = b.id
    WHERE b.region = :region AND (:town::text IS NULL OR c.town_id = :town) AND (:community::text IS NULL OR a.community_id = :community)
    GROUP BY GROUPING SETS ((${unit}), ())`;
}

type Row = Record<string, unknown>;
const count = (v: unknown) => Number(v ?? 0);
const ratio = (part: unknown, whole: unknown) => (count(whole) > 0 ? count(part) / count(whole) : null);
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function figuresOf(agg: Row | undefined, cover: Row | undefined) {
  return {
    requests: count(agg?.requests),
    open: count(agg?.open),
    overdue: count(agg?.overdue),
    respondedOnTime: ratio(agg?.responded_on_time, agg?.responded_judged),
    closedOnTime: ratio(agg?.closed_on_time, agg?.closed_judged),
    medianHoursToClose: numberOrNull(agg?.median_hours),
    satisfaction: numberOrNull(agg?.satisfaction),
    rated: count(agg?.rated),
    visited30: ratio(cover?.visited30, cover?.buildings),
    visited90: ratio(cover?.visited90, cover?.buildings),
    buildings: count(cover?.buildings),
  };
}

/** The period: `to` inclusive, default today; `from` default a year before it. */
export function periodOf(q: Pick<FiguresQuery, 'from' | 'to'>, now: Date): { from: string; to: string; toExclusive: string } {
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 364 * DAY_MS).toISOString().slice(0, 10);
  return { from, to, toExclusive: new Date(Date.parse(to) + DAY_MS).toISOString().slice(0, 10) };
}

export async function readFigures(ctx: AppContext, q: FiguresQuery): Promise<FiguresAnswer> {
  const k = ctx.db.knex;
  const now = nowOf(ctx);
  const period = periodOf(q, now);
  const params = {
    region: ctx.region, now: now.toISOString(), today: now.toISOString().slice(0, 10),
    from: period.from, to: period.toExclusive, town: q.town ?? null, community: q.community ?? null,
  };
  const [units, aggregated, covered, late] = await Promise.all([
    k.raw(`${UNITS[q.level]} ORDER BY 1`, params),
    k.raw(aggregateSql(q.level), params),
    k.raw(coverageSql(q.level), params),
    k.raw(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} CROSS JOIN (SELECT :now::timestamptz AS now) p
       WHERE r.region = :region AND ${OVERDUE_SQL}
         AND (:town::text IS NULL OR r.town_id = :town) AND (:community::text IS NULL OR r.community_id = :community)
       ORDER BY r.escalation DESC, r.close_by, r.id LIMIT ${OVERDUE_LISTED}`,
      params,
    ),
  ]);
  // GROUPING SETS give one row per unit (requests not yet placed under a null unit) and the total (GROUPING 1).
  const perUnit = (rows: Row[]) => new Map(rows.filter((r) => Number(r.total) === 0 && r.unit !== null).map((r) => [String(r.unit), r]));
  const totalOf = (rows: Row[]) => rows.find((r) => Number(r.total) === 1);
  const agg = perUnit(aggregated.rows);
  const cover = perUnit(covered.rows);
  const rows: RequestFigures[] = (units.rows as Row[]).map((u) => ({
    level: q.level,
    id: String(u.id),
    name: String(u.name),
    nameEn: String(u.name_en),
    parent: (u.parent as string | null) ?? null,
    ...figuresOf(agg.get(String(u.id)), cover.get(String(u.id))),
  }));
  return {
    level: q.level,
    from: period.from,
    to: period.to,
    rows,
    total: figuresOf(totalOf(aggregated.rows), totalOf(covered.rows)),
    overdue: (late.rows as Row[]).map((r) => summaryOf(toStored(r), now.getTime())),
  };
}
