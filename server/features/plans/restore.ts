// Restoring one area to an earlier version restores its community's whole plan as it was at that
// moment (the moment that version was written): every area of the community as of then, at the
// version it had then (areas added since are removed, areas deleted since come back under a new
// id, since ids are never reused), and every building in the area whose outline of then covers
// it, as a painting leaves each building inside its own area's outline. Building assignments
// are not versioned; the outlines are, and they are what the plan was checked by when saved.
// Before anything is written the restored plan is checked like a save (overlaps, land outside
// the community, land or buildings in no area): a community that changed since (a merger, a
// new boundary) is refused with those problems, never left with overlaps or gaps. The rule
// warnings of the restored plan were accepted when it was saved: they are answered and audited,
// not asked again.
import type { AppContext } from '../../context';
import { areaTotals, coverageProblems } from '../../analysis/plan-rules';
import type { Problem } from '../../domain/problems';
import { ConflictError, HttpError, notFound, problem, RefusedError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import type { Within } from '../../db/write';
import { createWithin, deleteWithin, getObject, newObjectId, writeWithin } from '../writes/service';
import type { ObjectState } from '../writes/types';
import { coverage, fitToCommunity, judgeOutlines, type Outlines } from './check';
import { refreshOrganisations } from './organisations';
import { readPlan } from './read';
import { moveBuildings, planWarnings } from './service';

/** One area of the community, as of the moment restored to. */
interface ThenArea {
  id: string;
  /** Its version then; null when it did not exist yet. */
  thenVersion: number | null;
  /** Its version now; null when it has been deleted since. */
  liveVersion: number | null;
  /** For a deleted one: was it deleted before the moment, after it, or does history not say. */
  deleted: 'before' | 'after' | 'unknown' | null;
  attributes: Record<string, string> | null;
  geojson: string | null;
}

export interface RestoredPlan {
  /** Areas brought back to their version of then, by id → that version. */
  restored: Record<string, number>;
  /** Areas deleted since, back under new ids: old id → new id. */
  recreated: Record<string, string>;
  /** Areas added since, removed. */
  deleted: string[];
  warnings: Problem[];
}

// The areas that were or are in the community: those there now, and deleted ones that lay in it.
// Every time stays in SQL: a JavaScript Date would drop the microseconds that order one save's writes.
const AREAS_THEN = `
  WITH t AS (SELECT changed_at AS at FROM object_versions WHERE region = :region AND object_type = 'area' AND object_id = :id AND version = :version),
  c AS (SELECT geom FROM communities WHERE region = :region AND id = :community),
  live AS (SELECT id, version, updated_at AS made FROM contracted_areas WHERE region = :region AND community_id = :community),
  gone AS (
    SELECT DISTINCT v.object_id AS id FROM object_versions v CROSS JOIN c
    WHERE v.region = :region AND v.object_type = 'area' AND v.replaced_by = 'delete' AND ST_Covers(c.geom, ST_PointOnSurface(v.geom))
      AND NOT EXISTS (SELECT 1 FROM contracted_areas a WHERE a.region = :region AND a.id = v.object_id)),
  made AS (
    SELECT object_id AS id, version, changed_at AS made FROM object_versions
    WHERE region = :region AND object_type = 'area' AND object_id IN (SELECT id FROM live UNION SELECT id FROM gone)
    UNION ALL SELECT id, version, made FROM live),
  eff AS (SELECT id, max(version) FILTER (WHERE made <= (SELECT at FROM t)) AS then_version, max(made) AS last_made FROM made GROUP BY id)
  SELECT e.id, e.then_version, l.version AS live_version,
    CASE WHEN l.id IS NOT NULL THEN NULL
         WHEN EXISTS (SELECT 1 FROM audit_log g WHERE g.region = :region AND g.action = 'delete' AND g.object_type = 'area' AND g.object_id = e.id AND g.at <= (SELECT at FROM t)) THEN 'before'
         WHEN e.last_made > (SELECT at FROM t)
           OR EXISTS (SELECT 1 FROM audit_log g WHERE g.region = :region AND g.action = 'delete' AND g.object_type = 'area' AND g.object_id = e.id) THEN 'after'
         ELSE 'unknown' END AS deleted,
    CASE WHEN e.then_version = l.version THEN (SELECT jsonb_build_object('name', a.name, 'nameEn', a.name_en, 'leadName', a.lead_name, 'leadPhone', a.lead_phone) FROM contracted_areas a WHERE a.region = :region AND a.id = e.id)
         ELSE (SELECT v.attributes FROM object_versions v WHERE v.region = :region AND v.object_type = 'area' AND v.object_id = e.id AND v.version = e.then_version) END AS attributes,
    CASE WHEN e.then_version = l.version THEN (SELECT ST_AsGeoJSON(a.geom, 15) FROM contracted_areas a WHERE a.region = :region AND a.id = e.id)
         ELSE (SELECT ST_AsGeoJSON(v.geom, 15) FROM object_versions v WHERE v.region = :region AND v.object_type = 'area' AND v.object_id = e.id AND v.version = e.then_version) END AS geojson
  FROM eff e LEFT JOIN live l ON l.id = e.id
  ORDER BY e.id`;

const copyOf = (region: string, id: string, version: number) => ({
  sql: `(SELECT geom FROM object_versions WHERE region = ? AND object_type = 'area' AND object_id = ? AND version = ?)`,
  bindings: [region, id, version],
});

/** Restores area `id` to `version` with its whole community; `startedFrom` is the area's version the client saw. */
export async function restoreAreaPlan(ctx: AppContext, user: AuthUser, id: string, version: number, startedFrom: number): Promise<ObjectState & { plan: RestoredPlan }> {
  const current = await getObject(ctx, user, 'area', id);
  if (version === current.version) throw new HttpError(400, 'restore_current', { version });
  if (current.version !== startedFrom) throw new ConflictError(current, 'area', id, current.version, startedFrom);
  const { region } = ctx;
  const known = await ctx.db.knex('object_versions').where({ region, object_type: 'area', object_id: id, version }).first('version');
  if (!known) throw notFound('version', `${id} v${version}`);

  return ctx.db.write(async (trx, touch) => {
    const within: Within = { trx, touch };
    const { community_id: community } = (await trx('contracted_areas').where({ region, id }).first('community_id')) as { community_id: string };
    await trx.raw('SELECT id FROM communities WHERE region = ? AND id = ? FOR UPDATE', [region, community]);
    await trx.raw('SELECT id FROM contracted_areas WHERE region = ? AND community_id = ? ORDER BY id FOR UPDATE', [region, community]);
    const plan = (await readPlan(trx, region, community))!;
    const { rows } = await trx.raw(AREAS_THEN, { region, id, version, community });
    const areas: ThenArea[] = (rows as Array<Record<string, unknown>>).map((r) => ({
      id: r.id as string,
      thenVersion: r.then_version === null ? null : Number(r.then_version),
      liveVersion: r.live_version === null ? null : Number(r.live_version),
      deleted: r.deleted as ThenArea['deleted'],
      attributes: r.attributes === null ? null : typeof r.attributes === 'string' ? JSON.parse(r.attributes) : (r.attributes as Record<string, string>),
      geojson: r.geojson as string | null,
    }));
    const unknown = areas.filter((a) => a.thenVersion !== null && a.deleted === 'unknown');
    if (unknown.length) throw new RefusedError(unknown.map((a) => problem({ code: 'restore_history_incomplete', params: { id: a.id }, ids: [a.id] })));
    const then = areas.filter((a) => a.thenVersion !== null && a.deleted !== 'before');
    const outlines: Outlines = new Map(then.map((a) => [a.id, a.geojson!]));
    const names = new Map(then.map((a) => [a.id, a.attributes!.name!]));

    // The plan of then over the community of now: nothing outside it, no overlaps, no land or building left over.
    const fitted = await fitToCommunity(trx, region, community, outlines, false, names);
    const judged = await judgeOutlines(trx, region, community, outlines, names);
    const coveredBy = await coverage(trx, region, community, outlines);
    const problems = [...fitted.problems, ...judged.problems, ...coverageProblems(plan.buildings.map((b) => b.id), coveredBy, names)];
    if (judged.gap.geometry) problems.push({ code: 'plan_gap', params: { m2: Math.round(judged.gap.landM2) }, ids: [], geometry: judged.gap.geometry });
    if (problems.length) throw new RefusedError(problems.map((p) => problem(p)), { area: id, version });

    const restored: Record<string, number> = {};
    const recreated: Record<string, string> = {};
    let target: ObjectState | undefined;
    for (const a of then) {
      if (a.liveVersion === null) {
        const fresh = await newObjectId(ctx, within, 'area', 'A-');
        await createWithin(ctx, within, user, {
          type: 'area', id: fresh, attributes: a.attributes!, parent: { community_id: community }, geometry: copyOf(region, a.id, a.thenVersion!), note: { restoredFrom: { id: a.id, version: a.thenVersion } },
        });
        recreated[a.id] = fresh;
      } else if (a.thenVersion !== a.liveVersion) {
        const after = await writeWithin(ctx, within, user, {
          type: 'area', id: a.id, version: a.id === id ? startedFrom : a.liveVersion, attributes: a.attributes!, geometry: copyOf(region, a.id, a.thenVersion!), restoredFrom: a.thenVersion!,
        });
        restored[a.id] = a.thenVersion!;
        if (a.id === id) target = after;
      }
    }
    const keep = new Set(then.map((a) => a.id));
    const removed = areas.filter((a) => a.liveVersion !== null && !keep.has(a.id));
    await moveBuildings(region, within, user, plan, (building) => {
      const ref = coveredBy.get(building)![0]!;
      return recreated[ref] ?? ref;
    });
    await refreshOrganisations(ctx, within, user, community, removed.map((a) => a.id));
    for (const a of removed) await deleteWithin(ctx, within, user, { type: 'area', id: a.id, version: a.liveVersion! });

    const refs = then.map((a) => a.id);
    const warnings = planWarnings(plan, refs, names, coveredBy, areaTotals(refs, plan.buildings, coveredBy), 'population');
    const deleted = removed.map((a) => a.id);
    await audit(
      ctx,
      {
        action: 'plan_restore', actorId: user.id, actor: user.username, objectType: 'community', objectId: community,
        detail: { area: id, version, restored, recreated, deleted, warnings: warnings.map((w) => ({ code: w.code, ids: w.ids, params: w.params })) },
      },
      within,
    );
    return { ...target!, plan: { restored, recreated, deleted, warnings } };
  });
}
