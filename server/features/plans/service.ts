// Saving a community's contracted areas as one plan, in one transaction: lock the community and
// its areas, check the client's versions (stale, or an area it did not know → 409 with the plan
// as it is now), work out every area's outline and buildings, check every rule, and only when
// all hold write the areas (create / update / delete through the shared write mechanism), the
// buildings' areas, and the groups and organisations below. A dry run stops before writing.
//
// Modes: every area gives `buildings` (painted: outline = its buildings' Voronoi cells), or every
// area gives `geometry` (drawn: buildings go to the area whose outline covers them), or none
// does (kept: outlines and buildings stay; names and leads change, an area without buildings
// may be removed).
import type { MultiPolygon } from 'geojson';
import {
  areaRef, areaTotals, coverageProblems, duplicateProblem, paintingProblems, PlanInputError, planMode, staleness,
  type AreaTotals, type PlanMode, type PlanProblem,
} from '../../analysis/plan-rules';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { createWithin, deleteWithin, newObjectId, writeWithin, type GeometrySql, type Within } from '../writes/service';
import { reachCommunity } from './access';
import { acceptDrawn, coverage, fitToCommunity, judgeOutlines, paintedOutlines, type Outlines } from './check';
import { refreshOrganisations, type OrganisationChanges } from './organisations';
import { readPlan, type Plan } from './read';
import type { PlanAreaInput, PlanBody } from './schema';

export interface PlanReport {
  mode: PlanMode;
  areas: Array<{ ref: string; name: string; landM2: number } & AreaTotals>;
  /** The community's land and buildings no area covers (slivers under 1 m² left out). */
  gaps: { landM2: number; geometry: MultiPolygon | null; buildings: string[] };
}

export interface PlanSaved {
  saved: boolean;
  report: PlanReport;
  /** New areas' ids by their "#index" in the request. */
  created: Record<string, string>;
  /** Areas given a new version (created ones at version 1), and those deleted. */
  updated: string[];
  deleted: string[];
  organisations?: OrganisationChanges;
  /** The plan after the save, as GET answers it. */
  plan?: Plan;
}

export class PlanStaleError extends HttpError {
  constructor(
    readonly current: Plan,
    message: string,
  ) {
    super(409, message);
  }
}

export class PlanRefusedError extends HttpError {
  constructor(
    readonly problems: PlanProblem[],
    readonly report: PlanReport,
  ) {
    super(422, `the plan breaks ${problems.length} rule(s): ${[...new Set(problems.map((p) => p.rule))].join(', ')}; nothing was saved`);
  }
}

interface Checked {
  outlines: Outlines;
  coveredBy: Map<string, string[]>;
  unchanged: Set<string>;
  problems: PlanProblem[];
  report: PlanReport;
}

const FROM_GEOJSON = 'ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)';
const geometrySql = (geojson: string): GeometrySql => ({ sql: FROM_GEOJSON, bindings: [geojson] });

/** Where each area's outline and buildings come from, by mode; then the rules over the result. */
async function checkPlan(k: Within['trx'], region: string, plan: Plan, body: PlanBody, mode: PlanMode): Promise<Checked> {
  const community = plan.community.id;
  const refs = body.areas.map(areaRef);
  const problems: PlanProblem[] = [];
  let outlines: Outlines;
  let coveredBy: Map<string, string[]>;
  if (mode === 'painted') {
    const own = new Set(plan.buildings.map((b) => b.id));
    const strangers = [...new Set(body.areas.flatMap((a) => a.buildings!.filter((b) => !own.has(b))))];
    const elsewhere = new Map<string, string>(
      strangers.length
        ? ((await k('buildings as b')
            .join('contracted_areas as a', function () {
              this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
            })
            .where('b.region', region)
            .whereIn('b.id', strangers)
            .select('b.id', 'a.community_id')) as Array<{ id: string; community_id: string }>).map((r) => [r.id, r.community_id])
        : [],
    );
    const painted = body.areas.map((a, i) => ({ ref: refs[i]!, buildings: a.buildings! }));
    const painting = paintingProblems(painted, own, elsewhere);
    problems.push(...painting.problems);
    coveredBy = painting.coveredBy;
    outlines = await paintedOutlines(k, region, community, painted.map((p) => ({ ref: p.ref, buildings: p.buildings.filter((b) => own.has(b)) })));
    for (const ref of refs.filter((r) => !outlines.has(r))) problems.push({ rule: 'empty_area', message: `area ${ref} has no buildings of the community painted into it`, areas: [ref] });
  } else if (mode === 'drawn') {
    const drawn = body.areas.map((a, index) => ({ ref: refs[index]!, index, geometry: a.geometry }));
    const gate = await acceptDrawn(k, drawn, body.crs!);
    problems.push(...gate.problems);
    const fitted = await fitToCommunity(k, region, community, gate.accepted, body.clip ?? false);
    problems.push(...fitted.problems);
    outlines = fitted.outlines;
    coveredBy = await coverage(k, region, community, outlines);
  } else {
    const kept = new Set(refs);
    outlines = new Map(plan.areas.filter((a) => kept.has(a.id)).map((a) => [a.id, JSON.stringify(a.geometry)]));
    coveredBy = new Map(plan.buildings.filter((b) => kept.has(b.areaId)).map((b) => [b.id, [b.areaId]]));
  }
  const judged = await judgeOutlines(k, region, community, outlines);
  problems.push(...judged.problems, ...coverageProblems(plan.buildings.map((b) => b.id), coveredBy));
  const totals = areaTotals(refs, plan.buildings, coveredBy);
  const report: PlanReport = {
    mode,
    areas: body.areas.map((a, i) => ({ ref: refs[i]!, name: a.name, landM2: judged.land.get(refs[i]!) ?? 0, ...totals.get(refs[i]!)! })),
    gaps: { ...judged.gap, buildings: plan.buildings.filter((b) => !coveredBy.get(b.id)?.length).map((b) => b.id) },
  };
  return { outlines, coveredBy, unchanged: judged.unchanged, problems, report };
}

/** The attributes a request sets, by attribute name (see writes/objects.ts). */
function attributesOf(a: PlanAreaInput): Record<string, string> {
  const given = { name: a.name, nameEn: a.nameEn, leadName: a.leadName, leadPhone: a.leadPhone };
  return Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined));
}

async function applyPlan(ctx: AppContext, within: Within, actor: AuthUser, plan: Plan, body: PlanBody, mode: PlanMode, checked: Checked): Promise<Omit<PlanSaved, 'saved' | 'report' | 'plan'>> {
  const { region } = ctx;
  const community = plan.community.id;
  const idOf = new Map<string, string>();
  const created: Record<string, string> = {};
  const updated: string[] = [];
  for (const [i, a] of body.areas.entries()) {
    const ref = areaRef(a, i);
    const outline = checked.outlines.get(ref)!;
    if (a.id === undefined) {
      const id = await newObjectId(ctx, within, 'area', 'A-');
      // A new area without a lead yet has blank lead fields, as the table needs text there.
      const attributes = { nameEn: a.name, leadName: '', leadPhone: '', ...attributesOf(a) };
      await createWithin(ctx, within, actor, { type: 'area', id, attributes, parent: { community_id: community }, geometry: geometrySql(outline), note: { plan: mode } });
      idOf.set(ref, id);
      created[ref] = id;
      updated.push(id);
      continue;
    }
    idOf.set(ref, a.id);
    const now = plan.areas.find((p) => p.id === a.id)! as unknown as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(attributesOf(a)).filter(([name, value]) => now[name] !== value));
    const reshaped = mode !== 'kept' && !checked.unchanged.has(ref);
    if (!reshaped && !Object.keys(changed).length) continue;
    await writeWithin(ctx, within, actor, {
      type: 'area',
      id: a.id,
      version: a.version!,
      attributes: changed,
      ...(reshaped ? { geometry: geometrySql(outline), note: { plan: mode, ...(mode === 'drawn' ? { crs: body.crs } : {}) } } : {}),
    });
    updated.push(a.id);
  }

  if (mode !== 'kept') {
    const moves = plan.buildings
      .map((b) => ({ id: b.id, area: idOf.get(checked.coveredBy.get(b.id)![0]!)!, from: b.areaId }))
      .filter((m) => m.area !== m.from)
      .map(({ id, area }) => ({ id, area }));
    if (moves.length) {
      const { rows } = await within.trx.raw(
        `UPDATE buildings b SET area_id = m.area, version = b.version + 1, updated_at = now(), updated_by = :actor
         FROM jsonb_to_recordset(:moves::jsonb) AS m(id text, area text)
         WHERE b.region = :region AND b.id = m.id
         RETURNING b.id`,
        { region, actor: actor.username, moves: JSON.stringify(moves) },
      );
      for (const r of rows as Array<{ id: string }>) within.touch('buildings', { region, id: r.id });
    }
  }

  const removed = body.removed ?? [];
  const organisations = await refreshOrganisations(ctx, within, actor, community, removed.map((r) => r.id));
  for (const r of removed) await deleteWithin(ctx, within, actor, { type: 'area', id: r.id, version: r.version });
  return { created, updated, deleted: removed.map((r) => r.id), organisations };
}

export async function savePlan(ctx: AppContext, actor: AuthUser, communityId: string, body: PlanBody): Promise<PlanSaved> {
  await reachCommunity(ctx, actor, communityId);
  let mode: PlanMode;
  try {
    mode = planMode(body.areas);
  } catch (err) {
    if (err instanceof PlanInputError) throw new HttpError(400, err.message);
    throw err;
  }
  const duplicate = duplicateProblem(body.areas, body.removed ?? []);
  if (duplicate) throw new HttpError(400, duplicate);

  return ctx.db.write(async (trx, touch) => {
    const { region } = ctx;
    // The community's row serialises saves of its plan; its areas' rows hold off single-area edits.
    await trx.raw('SELECT id FROM communities WHERE region = ? AND id = ? FOR UPDATE', [region, communityId]);
    await trx.raw('SELECT id FROM contracted_areas WHERE region = ? AND community_id = ? ORDER BY id FOR UPDATE', [region, communityId]);
    const plan = (await readPlan(trx, region, communityId))!;
    const named = [...body.areas.flatMap((a) => (a.id === undefined ? [] : [{ id: a.id, version: a.version! }])), ...(body.removed ?? [])];
    const { stale, unlisted } = staleness(plan.areas, named);
    if (stale.length || unlisted.length) {
      const why = [
        ...(stale.length ? [`area(s) ${stale.join(', ')} are not at the version you started from (or no longer in this community)`] : []),
        ...(unlisted.length ? [`area(s) ${unlisted.join(', ')} were added meanwhile and are neither kept nor removed`] : []),
      ];
      throw new PlanStaleError(plan, `the plan changed since you loaded it: ${why.join('; ')}. Reload it and apply your changes again`);
    }
    const checked = await checkPlan(trx, region, plan, body, mode);
    if (checked.problems.length) throw new PlanRefusedError(checked.problems, checked.report);
    if (body.dryRun) return { saved: false, report: checked.report, created: {}, updated: [], deleted: [] };
    const applied = await applyPlan(ctx, { trx, touch }, actor, plan, body, mode, checked);
    return { saved: true, report: checked.report, ...applied, plan: await readPlan(trx, region, communityId) };
  });
}
